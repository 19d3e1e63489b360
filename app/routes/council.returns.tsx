import { Link } from "react-router";
import type { Route } from "./+types/council.returns";
import { allow, requireActor } from "../accounts/actor.server";
import { hasRole } from "../accounts/permissions";
import { recentQuarters } from "../budgets/quarters";
import { findArea } from "../directory/region";

export const meta = () => [{ title: "Quarterly returns – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  allow(hasRole(actor, "commissioner"), "Quarterly returns are for council commissioners.");
  return { areas: actor.areas.map((slug) => ({ slug, name: findArea(slug)?.name ?? slug })), quarters: recentQuarters(new Date(), 4) };
}

export default function Returns({ loaderData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-3">Quarterly returns</h1>
      <p className="mb-4">One row per budget account in the area: payments in, spend by category, balance and carry-over. There are no names in a return.</p>
      {loaderData.areas.map((a) => (
        <section key={a.slug} className="mb-4">
          <h2 className="text-2xl font-bold mb-1">{a.name}</h2>
          <ul className="flex flex-wrap gap-4">
            {loaderData.quarters.map((q) => (
              <li key={q.label}><Link reloadDocument to={`/council/returns.csv?area=${a.slug}&quarter=${q.label}`}>{q.label} (CSV)</Link></li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
