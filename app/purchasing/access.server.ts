// The guards the order pages start with, and how a refused move becomes a page: signed in (or
// off to log in), a real order (or 404), allowed to see it from this side (or 403); a move the
// lifecycle or the budget refuses is a 400 with the reason next to the form that asked.
import { data, type RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { OrderError } from "./lifecycle";
import { openOrder, type Side } from "./views.server";

const refusals: Record<Side, string> = {
  buyer: "Only the person this order is for, or someone acting for them, can see it.",
  provider: "Only staff of the organisation providing this order can see it.",
  invoice: "Only the two sides of this order can see its invoices.",
};

export function requireOrder(request: Request, context: Readonly<RouterContextProvider>, rawId: string | undefined, side: Side) {
  const actor = requireActor(request, context);
  const id = parseId(rawId) ?? notFound("No such order");
  const order = openOrder(actor, id, side);
  if (order === "missing") notFound("No such order");
  allow(order !== "forbidden", refusals[side]);
  return { actor, order };
}

export type MoveResult = { errors: Record<string, string>; done: string | null };

/** Runs a move; a refusal comes back as a 400 (403 if not permitted) with its message under `field`. */
export function attempt(move: () => unknown, done: string, field: string) {
  try {
    move();
    return { errors: {}, done } satisfies MoveResult;
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    const status = error.code === "not-permitted" ? 403 : error.code === "missing" ? 404 : 400;
    return data({ errors: { [field]: error.message }, done: null } satisfies MoveResult, { status });
  }
}

export const invalid = (errors: Record<string, string>) => data({ errors, done: null } satisfies MoveResult, { status: 400 });
