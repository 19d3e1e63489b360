// The guards review pages start with, and how a refused change becomes a page: a missing review is
// a 404, one the person may not touch a 403, a refusal (window, once per order, blind) a 400 with
// the reason next to the form, too many reports a 429.
import { data, type RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canRemoveReviews } from "../accounts/permissions";
import { parseId } from "../directory/ids";
import { ReviewError } from "./reviews.server";
import { reviewForModerator, reviewForProvider } from "./views.server";

type Context = Readonly<RouterContextProvider>;

export type ReviewActionResult = { errors: Record<string, string>; done: string | null; values?: Record<string, string | string[]> };

const statusOf = { missing: 404, "not-permitted": 403, refused: 400, "rate-limited": 429 } as const;

/** Runs a change; a ReviewError comes back with its status and its message under `field`. */
export function attemptReview(change: () => unknown, done: string, field: string, values: Record<string, string | string[]> = {}) {
  try {
    change();
    return { errors: {} as Record<string, string>, done, values: {} as Record<string, string | string[]> } satisfies ReviewActionResult;
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    return data({ errors: { [field]: error.message }, done: null, values } satisfies ReviewActionResult, { status: statusOf[error.code] });
  }
}

/** Bad input: a 400 with each field's message, and what was typed to show it again. */
export const invalidReview = (errors: Record<string, string>, values: Record<string, string | string[]> = {}) =>
  data({ errors, done: null, values } satisfies ReviewActionResult, { status: 400 });

export function requireProviderReview(request: Request, context: Context, rawId: string | undefined) {
  const actor = requireActor(request, context);
  const id = parseId(rawId) ?? notFound("No such review");
  const found = reviewForProvider(actor, id);
  if (found === "missing") notFound("No such review");
  allow(found !== "forbidden", "Only staff of the organisation reviewed can see this page.");
  return { actor, ...found };
}

export function requireModeratorReview(request: Request, context: Context, rawId: string | undefined) {
  const actor = requireActor(request, context);
  allow(canRemoveReviews(actor), "Only moderators can see this page.");
  const id = parseId(rawId);
  const found = id === null ? null : reviewForModerator(id);
  if (!found) notFound("No such review");
  return { actor, ...found };
}
