// The moves both sides of an order can make from their order page, handled once: a message,
// cancelling a visit, cancelling, ending or changing the order. Each page handles the rest.
import type { Actor } from "../accounts/permissions";
import { notFound } from "../accounts/actor.server";
import { readForm } from "../forms";
import { attempt, invalid } from "./access.server";
import { postOrderMessage } from "./messages.server";
import { ChangeForm, MessageForm, ReasonForm, VisitForm, VisitReasonForm } from "./order-form";
import { cancelOccurrence, cancelOrder, changeOrder, endOrder } from "./orders.server";
import { visitOfOrder } from "./views.server";
import { groupOfOrder } from "../consortia/consortia.server";

/** The visit a form names, which must belong to this order (else 404). */
export function visitOn(orderId: number, form: FormData): number {
  const parsed = readForm(VisitForm, form);
  if (!parsed.ok || !visitOfOrder(orderId, parsed.data.occurrenceId)) notFound("No such visit on this order");
  return parsed.data.occurrenceId;
}

// A member's order under a group's contract keeps the group's terms: leaving goes through the
// group (with its notice, and the others' price worked out again), never straight from the order.
const inAGroup = (offerId: number) =>
  `This order is part of a group (group offer ${offerId}): to stop it, leave the group from its page, /group-offers/${offerId}, with the group's notice period. Its terms cannot be changed here.`;

/** Answers the shared moves; null for an intent this page must handle itself. */
export function sharedOrderAction(actor: Actor, side: "buyer" | "provider", orderId: number, intent: string, form: FormData) {
  const other = side === "buyer" ? "the provider" : "the person";
  switch (intent) {
    case "message": {
      const parsed = readForm(MessageForm, form);
      if (!parsed.ok) return invalid(parsed.errors);
      return attempt(() => postOrderMessage(actor, side, orderId, parsed.data.body), "Your message is sent.", "body");
    }
    case "cancel-visit": {
      const v = visitOn(orderId, form);
      const parsed = readForm(VisitReasonForm, form);
      if (!parsed.ok) return invalid({ [`cancel-${v}`]: parsed.errors.reason ?? "Say why" });
      return attempt(() => cancelOccurrence(actor, side, v, parsed.data.reason), `The visit is cancelled and ${other} is told.`, `cancel-${v}`);
    }
    case "cancel-order": case "end-order": {
      const parsed = readForm(ReasonForm, form);
      const field = intent === "cancel-order" ? "cancelReason" : "endReason";
      const group = groupOfOrder(orderId);
      if (group) return invalid({ [field]: inAGroup(group.offerId) });
      if (!parsed.ok) return invalid({ [field]: parsed.errors.reason! });
      return intent === "cancel-order"
        ? attempt(() => cancelOrder(actor, side, orderId, parsed.data.reason), `The order is cancelled and ${other} is told. Anything set aside has gone back to the budget.`, field)
        : attempt(() => endOrder(actor, side, orderId, parsed.data.reason), "The order is ended: later visits are cancelled.", field);
    }
    case "change": {
      const group = groupOfOrder(orderId);
      if (group) return invalid({ quantity: inAGroup(group.offerId) });
      const parsed = readForm(ChangeForm, form);
      if (!parsed.ok) return invalid(parsed.errors);
      return attempt(() => changeOrder(actor, side, orderId, { quantityHundredths: parsed.data.quantity, timeFrom: parsed.data.timeFrom, timeTo: parsed.data.timeTo }),
        `The order is changed from tomorrow: ${other} is told.`, "quantity");
    }
    default:
      return null;
  }
}
