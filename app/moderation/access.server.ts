// The checks every moderation page makes: signed in (or sent to log in), a moderator (or 403
// with a plain message), and an id that exists (or 404).
import type { RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canModerate } from "../accounts/permissions";
import { parseId } from "../directory/ids";
import { getSuggestion } from "../directory/suggestions.server";
import { organisationForManaging } from "../directory/manage.server";
import { getClaim } from "../directory/vetting.server";

type Context = Readonly<RouterContextProvider>;

export function moderator(request: Request, context: Context, message = "Only moderators can see this page.") {
  const actor = requireActor(request, context);
  allow(canModerate(actor), message);
  return actor;
}

export function suggestionForModerator(request: Request, context: Context, rawId: string | undefined) {
  const actor = moderator(request, context, "Only moderators can review suggestions.");
  const id = parseId(rawId);
  const suggestion = id === null ? null : getSuggestion(id);
  if (!suggestion) notFound("No such suggestion");
  return { actor, suggestion };
}

export function claimForModerator(request: Request, context: Context, rawId: string | undefined) {
  const actor = moderator(request, context, "Only moderators can check vetting facts.");
  const id = parseId(rawId);
  const found = id === null ? null : getClaim(id);
  if (!found) notFound("No such claim");
  return { actor, ...found };
}

export function organisationForModerator(request: Request, context: Context, rawId: string | undefined) {
  const actor = moderator(request, context, "Only moderators can check new organisations.");
  const id = parseId(rawId);
  const found = id === null ? null : organisationForManaging(id);
  if (!found) notFound("No such organisation");
  return { actor, found };
}
