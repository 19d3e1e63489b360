import { Link } from "react-router";
import type { Route } from "./+types/provider.isf";
import { requireActor } from "../accounts/actor.server";
import { balancesOf } from "../budgets/budgets.server";
import { isfsHeldBy } from "../budgets/isf.server";
import { formatPence } from "../directory/format";

export const meta = () => [{ title: "Individual Service Funds you hold – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  return {
    isfs: isfsHeldBy(actor.organisations.map((o) => o.id)).map(({ account, holderName }) => ({
      id: account.id, holderName, status: account.status, available: balancesOf(account.id).available,
    })),
  };
}

export default function ProviderIsfs({ loaderData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-3">Individual Service Funds you hold</h1>
      {loaderData.isfs.length === 0 ? <p>Your organisations do not hold anyone's Individual Service Fund.</p> : (
        <ul>
          {loaderData.isfs.map((i) => (
            <li key={i.id} className="border-b border-line py-2">
              <Link to={`/provider/isf/${i.id}`} className="text-lg font-bold">{i.holderName}</Link> — {formatPence(i.available)} available{i.status !== "active" && ` (${i.status})`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
