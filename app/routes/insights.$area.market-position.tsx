import { data } from "react-router";
import type { Route } from "./+types/insights.$area.market-position";
import { filterOf, requireArea } from "../insights/access.server";
import { marketPosition } from "../insights/dashboard.server";
import { InsightsFigure } from "../ui/insights";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Market position: ${loaderData?.areaName ?? "council area"} – Weave` }];

// The tables a provider can use: where the money goes, what it costs, who sells it, what is missing.
const FOR_PROVIDERS = new Set(["spend-by-month", "spend-by-town", "prices-paid", "price-trend", "providers-by-category", "share-by-kind", "searches-by-town", "declined-requests", "full-listings"]);

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { area } = requireArea(request, context, params.area);
  const { filter, errors } = filterOf(request);
  if (!filter) throw data(Object.values(errors).join(". "), { status: 400 });
  const m = marketPosition(area.slug, filter);
  return {
    areaName: area.name, from: filter.from, to: filter.to, withheldCategories: m.withheldCategories,
    overview: m.overview.sections.flatMap((s) => s.tables).filter((t) => ["spend-by-category", "share-by-kind", "searches-by-category"].includes(t.id)),
    categories: m.categories.map((c) => ({ name: c.sections[0]!.tables[0]!.rows.find((r) => r.key === c.filter.category)!.label, tables: c.sections.flatMap((s) => s.tables).filter((t) => FOR_PROVIDERS.has(t.id)) })),
  };
}

export default function MarketPosition({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="market-position">
      <h1 className="text-4xl font-bold mb-2">Market position: {d.areaName}</h1>
      <p className="mb-2 max-w-3xl">What people in {d.areaName} bought through Weave and looked for, {d.from} to {d.to}: for providers planning what to offer. Figures only — no person can be identified; a figure built from fewer than 5 people says so instead.</p>
      <p className="mb-6 max-w-3xl no-print">Use your browser's Print to get one page per category. If you need help reading these figures, the council's commissioning team can go through them with you.</p>
      <section className="mb-8">
        <h2 className="text-3xl font-bold mb-4">The whole area</h2>
        {d.overview.map((t) => <InsightsFigure key={t.id} table={t} />)}
        {d.withheldCategories.length > 0 && <p>No page for {d.withheldCategories.join(", ")}: too few people bought it to show.</p>}
      </section>
      {d.categories.map((c) => (
        <section key={c.name} className="mb-8 break-before-page">
          <h2 className="text-3xl font-bold mb-4">{c.name}</h2>
          {c.tables.map((t) => <InsightsFigure key={t.id} table={t} />)}
        </section>
      ))}
    </div>
  );
}
