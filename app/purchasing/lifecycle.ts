// The order lifecycle as data. Every change of state in orders.server.ts goes through
// `transition()` below, so a move that is not in these tables cannot happen, and the state
// machine test generates every illegal move from them (a new state cannot be forgotten).
//
// An order is the agreement (what, when, how it is paid); each date it runs on is an
// occurrence with its own way from booked to paid. Accepting an order books its dates, so
// "accepted" and "scheduled" happen together.
import type { InvoiceStatus, OccurrenceStatus, OrderStatus } from "../../db/schema/purchasing";

export const orderStates = ["requested", "declined", "scheduled", "cancelled", "ended"] as const satisfies readonly OrderStatus[];
export const occurrenceStates = ["scheduled", "delivered", "disputed", "confirmed", "invoiced", "paid", "cancelled"] as const satisfies readonly OccurrenceStatus[];
export const invoiceStates = ["issued", "paid"] as const satisfies readonly InvoiceStatus[];

/** Who may make a move: the buyer (or their representative), the provider's staff, a moderator, or Weave itself. */
export type Party = "buyer" | "provider" | "moderator" | "system";

type Table<S extends string> = Record<string, { from: readonly S[]; to: S; by: readonly Party[] }>;

export const orderTransitions = {
  accept: { from: ["requested"], to: "scheduled", by: ["provider"] },
  decline: { from: ["requested"], to: "declined", by: ["provider"] },
  // Before anything is delivered, either side may cancel; the terms are shown first.
  cancel: { from: ["requested", "scheduled"], to: "cancelled", by: ["buyer", "provider"] },
  // Changing a recurring order affects only dates still to come.
  change: { from: ["scheduled"], to: "scheduled", by: ["buyer", "provider"] },
  // Weave ends an order by itself once nothing is left to book, deliver or confirm.
  end: { from: ["scheduled"], to: "ended", by: ["buyer", "provider", "system"] },
  // Weave changes the price from a later date (a group's price for its new size).
  reprice: { from: ["scheduled"], to: "scheduled", by: ["system"] },
  // Booking the next weeks of a recurring order.
  extend: { from: ["scheduled"], to: "scheduled", by: ["system"] },
} as const satisfies Table<OrderStatus>;

export const occurrenceTransitions = {
  deliver: { from: ["scheduled"], to: "delivered", by: ["provider"] },
  cancel: { from: ["scheduled"], to: "cancelled", by: ["buyer", "provider", "system"] },
  credit: { from: ["delivered", "disputed"], to: "delivered", by: ["provider"] },
  dispute: { from: ["delivered"], to: "disputed", by: ["buyer"] },
  // Seven days after delivery was recorded, Weave confirms it unless the buyer disputed it.
  confirm: { from: ["delivered"], to: "confirmed", by: ["buyer", "system"] },
  settle: { from: ["disputed"], to: "confirmed", by: ["moderator"] },
  void: { from: ["disputed"], to: "cancelled", by: ["moderator"] },
  invoice: { from: ["confirmed"], to: "invoiced", by: ["provider"] },
  pay: { from: ["invoiced"], to: "paid", by: ["system"] },
} as const satisfies Table<OccurrenceStatus>;

export const invoiceTransitions = {
  pay: { from: ["issued"], to: "paid", by: ["system"] },
} as const satisfies Table<InvoiceStatus>;

export type OrderMove = keyof typeof orderTransitions;
export type OccurrenceMove = keyof typeof occurrenceTransitions;
export type InvoiceMove = keyof typeof invoiceTransitions;

/** A refusal a person can read: what they tried, and why it cannot happen now. */
export class OrderError extends Error {
  constructor(readonly code: "illegal-transition" | "not-permitted" | "invalid" | "refused" | "missing", message: string) {
    super(message);
    this.name = "OrderError";
  }
}

const describe: Record<string, string> = {
  requested: "waiting for the provider", declined: "declined", scheduled: "booked", cancelled: "cancelled", ended: "ended",
  delivered: "delivered", disputed: "disputed", confirmed: "confirmed", invoiced: "invoiced", paid: "paid", issued: "issued",
};
export const stateName = (state: string) => describe[state] ?? state;

/**
 * The state after `move`, or an OrderError when the move is not allowed from `from` (or not by
 * this party). The special "credit" keeps a disputed occurrence disputed.
 */
export function transition<S extends string>(table: Table<S>, move: string, from: S, by: Party, what = "This"): S {
  const t = table[move];
  if (!t) throw new OrderError("illegal-transition", `There is no such step: ${move}.`);
  if (!t.from.includes(from)) throw new OrderError("illegal-transition", `${what} is ${stateName(from)}, so it cannot be ${pastTense[move] ?? move} now.`);
  if (!t.by.includes(by)) throw new OrderError("not-permitted", `Only ${t.by.join(" or ")} can do that.`);
  return (move === "credit" ? from : t.to) as S;
}

const pastTense: Record<string, string> = {
  accept: "accepted", decline: "declined", cancel: "cancelled", change: "changed", end: "ended", reprice: "re-priced", extend: "booked further ahead",
  deliver: "recorded as delivered", credit: "credited", dispute: "disputed", confirm: "confirmed", settle: "settled", void: "voided",
  invoice: "invoiced", pay: "paid",
};
