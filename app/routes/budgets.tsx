import { Link } from "react-router";
import type { Route } from "./+types/budgets";
import { requireActor } from "../accounts/actor.server";
import { budgetAccountsOf, balancesOf } from "../budgets/budgets.server";
import { arrangementNames } from "../budgets/labels";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { formatPence } from "../directory/format";

export const meta = () => [{ title: "Budgets – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const people = [{ id: actor.user.id, name: "You" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  return {
    people: people.map((p) => ({
      ...p,
      budgets: budgetAccountsOf(p.id).map((b) => ({
        id: b.id, arrangement: b.arrangement, status: b.status, available: balancesOf(b.id).available,
        // A budget opened in the last eight weeks points to its starter pack.
        isNew: Date.now() - Date.parse(b.createdAt) < 56 * 86_400_000,
      })),
    })),
  };
}

export default function Budgets({ loaderData }: Route.ComponentProps) {
  const any = loaderData.people.some((p) => p.budgets.length > 0);
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-4">Budgets</h1>
      {!any && <p>There are no budgets for you, or for anyone you act for, yet. When the council sets up a personal budget it will appear here.</p>}
      {loaderData.people.filter((p) => p.budgets.length > 0).map((p) => (
        <section key={p.id} className="mb-6">
          <h2 className="text-2xl font-bold mb-2">{p.name === "You" ? "Your budgets" : `${p.name}'s budgets`}</h2>
          <ul>
            {p.budgets.map((b) => (
              <li key={b.id} className="border-b border-line py-2">
                <Link to={`/budgets/${b.id}`} className="text-lg font-bold">{arrangementNames[b.arrangement]}</Link>
                {" "}— {formatPence(b.available)} available{b.status !== "active" && ` (${b.status.replace("-", " ")})`}
                {b.isNew && <><br /><Link to={`/budgets/${b.id}/starter-pack`}>New budget: {p.name === "You" ? "your" : `${p.name}'s`} starter pack</Link> — groups nearby, likely providers, prices to expect and a peer supporter</>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
