import { data } from "react-router";
import type { Route } from "./+types/insights.$area.export[.]csv";
import { filterOrThrow, requireArea } from "../insights/access.server";
import { insightsTable } from "../insights/dashboard.server";
import { tableCsv } from "../insights/figures";

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { area } = requireArea(request, context, params.area);
  const filter = filterOrThrow(request);
  const id = new URL(request.url).searchParams.get("table") ?? "";
  const table = insightsTable(area.slug, filter, id);
  if (!table) throw data("Choose one of the tables on the insights page.", { status: 400 });
  return new Response(tableCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8", "Cache-Control": "private, no-store",
      "Content-Disposition": `attachment; filename="${area.slug}-${id}-${filter.from}-${filter.to}${filter.category ? `-${filter.category}` : ""}.csv"`,
    },
  });
}
