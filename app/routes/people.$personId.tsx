import { Link } from "react-router";
import type { Route } from "./+types/people.$personId";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canActForPerson } from "../accounts/permissions";
import { viewPerson } from "../accounts/representatives.server";
import { parseId } from "../directory/ids";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `${d.person.name} – Weave` : "Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const personId = parseId(params.personId) ?? notFound();
  allow(canActForPerson(actor, personId), "You can only see the records of people who have allowed you to act for them.");
  const person = viewPerson(actor, personId) ?? notFound();
  return { person, self: actor.user.id === personId };
}

export default function Person({ loaderData: { person, self } }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-2">{person.name}</h1>
      {!self && <p className="mb-4 border-l-8 border-link bg-wash p-3">You are acting for {person.name}. They can see that you opened this page.</p>}
      <p className="mb-6">Email: {person.email}</p>
      <p>Budgets, support plans and orders will appear here as they are added to Weave.</p>
      <p className="mt-6"><Link to="/search">Find support for {person.name}</Link></p>
    </div>
  );
}
