import { Link } from "react-router";
import type { Route } from "./+types/insights";
import { findArea } from "../directory/region";
import { requireCommissioner } from "../insights/access.server";

export const meta = () => [{ title: "Insights – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireCommissioner(request, context);
  return { areas: actor.areas.map((slug) => ({ slug, name: findArea(slug)?.name ?? slug })) };
}

export default function Insights({ loaderData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-3">Insights</h1>
      <p className="mb-4">What people buy and look for in your council's area, in aggregate: spend, prices paid, how budgets are held, the shape of the market and unmet demand. A figure built from fewer than 5 people is never shown.</p>
      {loaderData.areas.length === 0 ? <p>You are not assigned to a council area yet. Ask an administrator.</p> : (
        <ul className="list-disc pl-6">
          {loaderData.areas.map((a) => <li key={a.slug}><Link to={`/insights/${a.slug}`}>{a.name}</Link></li>)}
        </ul>
      )}
    </div>
  );
}
