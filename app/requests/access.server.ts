// The guards the request pages start with: signed in (or off to log in), a real request (or
// 404), and allowed to see it from this side (or 403); and who a person may post for.
import type { RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { type Actor, canActForRequest } from "../accounts/permissions";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { parseId } from "../directory/ids";
import { requestForPerson, requestForProvider } from "./requests.server";

export function requirePersonRequest(request: Request, context: Readonly<RouterContextProvider>, rawId: string | undefined) {
  const actor = requireActor(request, context);
  const found = requestForPerson(actor, parseId(rawId) ?? notFound("No such request"));
  if (found === "missing") notFound("No such request");
  allow(found !== "forbidden", "Only the person who made this request, or someone acting for them, can see it.");
  return { actor, ...found };
}

export function requireProviderRequest(request: Request, context: Readonly<RouterContextProvider>, rawId: string | undefined) {
  const actor = requireActor(request, context);
  const found = requestForProvider(actor, parseId(rawId) ?? notFound("No such request"));
  if (found === "missing") notFound("No such request");
  allow(found !== "forbidden", "Only providers with services of this kind in this area can see this request, while it is open.");
  return { actor, found };
}

/** The actor and the people they act for; `?for=<id>` picks who a post is for (403 if not allowed). */
export function postingFor(actor: Actor, request: Request) {
  const people = [{ id: actor.user.id, name: "yourself" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  const forParam = new URL(request.url).searchParams.get("for");
  const personId = forParam ? parseId(forParam) ?? notFound() : actor.user.id;
  allow(canActForRequest(actor, { personId }), "You can only post for yourself or for someone who has allowed you to act for them.");
  return { people, personId };
}
