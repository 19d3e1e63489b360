// The checks every provider page makes on the id in its URL: unknown ids are 404, ids the
// signed-in person may not manage are 403 with a plain message, and nobody signed in goes to log in.
import type { RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canEditService, canManageOrganisation } from "../accounts/permissions";
import { parseId } from "./ids";
import { organisationForManaging, serviceForEditing } from "./manage.server";

type Context = Readonly<RouterContextProvider>;

export function managedOrganisation(request: Request, context: Context, rawId: string | undefined) {
  const actor = requireActor(request, context);
  const id = parseId(rawId);
  const found = id === null ? null : organisationForManaging(id);
  if (!found) notFound("No such organisation");
  allow(canManageOrganisation(actor, found.organisation.id), "You can only manage organisations you work for.");
  return { actor, ...found };
}

export function editableService(request: Request, context: Context, rawId: string | undefined) {
  const actor = requireActor(request, context);
  const id = parseId(rawId);
  const found = id === null ? null : serviceForEditing(id);
  if (!found) notFound("No such service");
  allow(canEditService(actor, found.service), "You can only change your own organisation's services.");
  return { actor, ...found };
}
