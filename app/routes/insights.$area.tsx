import { data, Form, Link } from "react-router";
import type { Route } from "./+types/insights.$area";
import { categories } from "../directory/vocabulary";
import { filterOf, requireArea } from "../insights/access.server";
import { insightsDashboard } from "../insights/dashboard.server";
import { filterQuery } from "../insights/filter";
import { Button, ErrorSummary, Select, TextInput } from "../ui";
import { InsightsFigure } from "../ui/insights";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Insights: ${loaderData?.area.name ?? "council area"} – Weave` }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { area } = requireArea(request, context, params.area);
  const { filter, errors } = filterOf(request);
  const values = Object.fromEntries(["from", "to", "category"].map((k) => [k, new URL(request.url).searchParams.get(k) ?? ""]));
  if (!filter) return data({ area: { slug: area.slug, name: area.name }, errors, values, dashboard: null }, { status: 400 });
  return { area: { slug: area.slug, name: area.name }, errors: null, values: { from: filter.from, to: filter.to, category: filter.category ?? "" }, dashboard: insightsDashboard(area.slug, filter) };
}

export default function AreaInsights({ loaderData: d }: Route.ComponentProps) {
  const query = d.dashboard ? filterQuery(d.dashboard.filter) : "";
  const chosen = d.dashboard?.filter.category ? categories.find((c) => c.slug === d.dashboard!.filter.category)?.name : null;
  return (
    <div>
      <h1 className="text-4xl font-bold mb-2">Insights: {d.area.name}</h1>
      <p className="mb-4 max-w-3xl">Aggregated figures only. A figure built from fewer than 5 people (or, for providers' shares, 3 providers) says “fewer than 5”, and so does any figure that would let it be worked out by subtraction.</p>
      <ErrorSummary errors={d.errors ?? {}} />
      <Form method="get" className="flex flex-wrap gap-4 items-end mb-2 no-print">
        <TextInput name="from" label="From (month)" type="month" defaultValue={d.values.from} error={d.errors?.from} width="max-w-48" />
        <TextInput name="to" label="To (month)" type="month" defaultValue={d.values.to} error={d.errors?.to} width="max-w-48" />
        <Select name="category" label="Category" defaultValue={d.values.category} error={d.errors?.category}
          options={[{ value: "", label: "All categories" }, ...categories.map((c) => ({ value: c.slug, label: c.name }))]} />
        <div className="mb-5"><Button secondary>Show figures</Button></div>
      </Form>
      {d.dashboard && (
        <>
          <p className="mb-4 no-print"><Link to={`/insights/${d.area.slug}/market-position?${new URLSearchParams({ from: d.dashboard.filter.from, to: d.dashboard.filter.to })}`}>Market position summary to print and share with providers</Link></p>
          <p className="mb-6">{d.dashboard.filter.from} to {d.dashboard.filter.to}{chosen ? `, ${chosen}` : ", all categories"}.</p>
          {d.dashboard.categoryWithheld && (
            <p className="mb-6 border-l-4 border-ink pl-3 max-w-3xl">Figures for {chosen} in these months are withheld: fewer than 5 people bought it, or showing it would let a withheld figure be worked out.</p>
          )}
          {d.dashboard.sections.map((s) => (
            <section key={s.id} aria-labelledby={`${s.id}-section`} className="mb-10">
              <h2 id={`${s.id}-section`} className="text-3xl font-bold mb-1">{s.title}</h2>
              <p className="mb-4 max-w-3xl">{s.intro}</p>
              {s.tables.map((t) => <InsightsFigure key={t.id} table={t} csvHref={`/insights/${d.area.slug}/export.csv?${query}&table=${t.id}`} />)}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
