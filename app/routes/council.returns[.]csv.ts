import { data } from "react-router";
import type { Route } from "./+types/council.returns[.]csv";
import { allow, requireActor } from "../accounts/actor.server";
import { canSeeArea } from "../accounts/permissions";
import { quarterOf } from "../budgets/quarters";
import { quarterlyReturn, toCsv } from "../budgets/statements.server";
import { categories } from "../directory/vocabulary";

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const area = params.get("area") ?? "";
  const quarter = quarterOf(params.get("quarter") ?? "");
  if (!quarter) throw data("Choose a quarter like 2026-Q4.", { status: 400 });
  allow(canSeeArea(actor, area), "You can only download returns for the council areas you are assigned to.");
  const rows = quarterlyReturn(area, quarter.from, quarter.to);
  const cats = [...categories.map((c) => c.slug), "other"];
  const pounds = (p: number) => (p / 100).toFixed(2);
  const csv = toCsv([
    ["budget account", "arrangement", "paid in", ...cats.map((c) => `spent: ${c}`), "balance", "carried over"],
    ...rows.map((r) => [r.budgetAccountId, r.arrangement, pounds(r.allocationPence), ...cats.map((c) => pounds(r.spendByCategory[c] ?? 0)), pounds(r.balancePence), pounds(r.carriedOverPence)]),
  ]);
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="return-${area}-${quarter.label}.csv"`, "Cache-Control": "private, no-store" },
  });
}
