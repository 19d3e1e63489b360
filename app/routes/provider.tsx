import { Link } from "react-router";
import type { Route } from "./+types/provider";
import { requireActor } from "../accounts/actor.server";
import { organisationsOf } from "../directory/manage.server";
import { KindLabel } from "../ui";

export const meta = () => [{ title: "Your organisations – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  return { organisations: organisationsOf(actor) };
}

export default function Provider({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-4">Your organisations</h1>
      {d.organisations.length === 0 ? (
        <p className="text-lg mb-6">
          You do not work for an organisation on Weave yet. If you run a service, add your organisation and then its services.
          If your organisation is already here, ask one of its owners to add you.
        </p>
      ) : (
        <ul className="mb-6">
          {d.organisations.map((o) => (
            <li key={o.id} className="border-b border-line py-3">
              <h2 className="text-xl font-bold"><Link to={`/provider/organisations/${o.id}`}>{o.name}</Link></h2>
              <p className="text-muted"><KindLabel kind={o.kind} /> · you are {o.role === "owner" ? "an owner" : "staff"}</p>
            </li>
          ))}
        </ul>
      )}
      <p><Link to="/provider/organisations/new" className="font-bold">Add an organisation</Link></p>
      <p className="mt-2"><Link to="/provider/isf">Individual Service Funds your organisations hold</Link></p>
    </div>
  );
}
