// Orders from placing to paid. Every change of state is one function here: one BEGIN IMMEDIATE
// transaction that reads the current state, checks the move against the tables in
// lifecycle.ts and the permission rules, moves budget money only through the budget service
// (reserve on acceptance, commit on confirmation, release on cancellation; keys derived from
// the order and occurrence ids), writes a message both sides see and an audit row.
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { creditNotes, disputes, invoices, occurrences, orders, payouts } from "../../db/schema";
import type { Recurrence } from "../../db/schema/purchasing";
import { recordAudit } from "../accounts/audit.server";
import {
  type Actor, canActAsBuyer, canActAsProvider, canOrderFor, canRecordPayouts, canResolveDisputes,
} from "../accounts/permissions";
import { commit, payOut, release, reserve } from "../budgets/budgets.server";
import type { Refusal } from "../budgets/rules";
import { formatDate, formatPence } from "../directory/format";
import { recordDecline, recordSpend } from "../insights/rollups.server";
import { getService } from "../directory/listings.server";
import { invoiceTransitions, occurrenceTransitions, OrderError, orderTransitions, type Party, stateName, transition } from "./lifecycle";
import { postSystemMessage } from "./messages.server";
import type { DeclineReason } from "./order-form";
import { payingByCard, quoteOrder, type OrderTerms } from "./quote.server";
import {
  AUTO_CONFIRM_DAYS, addDays, amountFor, dayOf, describeCost, formatQuantity, HORIZON_DAYS, invoiceNumber, occurrenceDates,
} from "./schedule";

export type Order = typeof orders.$inferSelect;
export type Occurrence = typeof occurrences.$inferSelect;

/** A move the budget refused, with the council's (or the balance's) plain-English reason. */
export class Refused extends OrderError {
  constructor(readonly refusal: Refusal) {
    super("refused", `${refusal.explanation} ${refusal.instead}`.trim());
  }
}

const stamp = () => new Date().toISOString();
const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });

const key = (order: Pick<Order, "id">, occurrence: Pick<Occurrence, "id">, step: "reserve" | "commit" | "release") =>
  `order:${order.id}:occurrence:${occurrence.id}:${step}`;

function loadOrder(tx: Tx, id: number): Order {
  const order = tx.select().from(orders).where(eq(orders.id, id)).get();
  if (!order) throw new OrderError("missing", "There is no such order.");
  return order;
}

function loadOccurrence(tx: Tx, id: number): { order: Order; occurrence: Occurrence } {
  const occurrence = tx.select().from(occurrences).where(eq(occurrences.id, id)).get();
  if (!occurrence) throw new OrderError("missing", "There is no such visit.");
  const order = loadOrder(tx, occurrence.orderId);
  // Visits exist only on accepted orders; this holds even if a visit row were made by hand.
  if (order.status !== "scheduled" && order.status !== "ended") {
    throw new OrderError("illegal-transition", `This order is ${stateName(order.status)}, so nothing on it can be delivered, confirmed or paid.`);
  }
  return { order, occurrence };
}

/** The second line behind the routes' own checks: a caller that forgot cannot change anything. */
function authorise(actor: Actor | null, party: Party, order: Pick<Order, "buyerId" | "organisationId">) {
  const allowed = party === "system" ? actor === null
    : party === "buyer" ? canActAsBuyer(actor, order)
    : party === "provider" ? canActAsProvider(actor, order)
    : canResolveDisputes(actor);
  if (!allowed) throw new OrderError("not-permitted", "You do not have permission to do that with this order.");
}

function audit(tx: Tx, actor: Actor | null, order: Order, action: string, subjectType: string, subjectId: number, detail?: Record<string, unknown>) {
  recordAudit(tx, { actorId: actor?.user.id ?? null, personId: order.buyerId, action, subjectType, subjectId, detail });
}

/** Moves the order on, guarded by its state as read in this transaction. */
function moveOrder(tx: Tx, order: Order, move: keyof typeof orderTransitions, party: Party, changes: Partial<Order> = {}) {
  const to = transition(orderTransitions, move, order.status, party, "This order");
  tx.update(orders).set({ ...changes, status: to, updatedAt: stamp() }).where(and(eq(orders.id, order.id), eq(orders.status, order.status))).run();
  return to;
}

function moveOccurrence(tx: Tx, occurrence: Occurrence, move: keyof typeof occurrenceTransitions, party: Party, changes: Partial<Occurrence> = {}) {
  const to = transition(occurrenceTransitions, move, occurrence.status, party, "This visit");
  tx.update(occurrences).set({ ...changes, status: to, updatedAt: stamp() })
    .where(and(eq(occurrences.id, occurrence.id), eq(occurrences.status, occurrence.status))).run();
  return to;
}

// ---- placing --------------------------------------------------------------------------------

export type PlaceOrder = OrderTerms & { serviceId: number; buyerId: number; message?: string };

export type Placed = { ok: true; orderId: number } | { ok: false; refusal: Refusal };

/** Places an order (nothing is set aside yet: that happens when the provider accepts). */
export function placeOrder(actor: Actor, input: PlaceOrder, now = new Date()): Placed {
  return immediately((tx) => place(tx, actor, input, null, now));
}

/**
 * Places an order at a price the provider agreed with the person (an accepted offer or quote
 * from app/requests), inside the caller's transaction. It is an ordinary order from then on:
 * the same checks and council rules now, and the provider accepts it to book the dates and set
 * the money aside. `agreedPence` is the price per unit of the service.
 */
export function placeAgreedOrder(tx: Tx, actor: Actor, input: PlaceOrder, agreedPence: number, now = new Date()): Placed {
  if (!Number.isSafeInteger(agreedPence) || agreedPence <= 0) throw new OrderError("invalid", "An agreed price must be at least 1p.");
  return place(tx, actor, input, agreedPence, now);
}

function place(tx: Tx, actor: Actor, input: PlaceOrder, agreedPence: number | null, now: Date): Placed {
  if (!canOrderFor(actor, input.buyerId)) throw new OrderError("not-permitted", "You can only order for yourself or someone you act for.");
  const found = getService(input.serviceId);
  if (!found) throw new OrderError("missing", "This service is not available to order.");
  const quote = quoteOrder(found, { ...input, agreedPricePence: agreedPence ?? undefined }, now);
  if (quote.refusal) return { ok: false, refusal: quote.refusal };
  const s = found.service;
  const order = tx.insert(orders).values({
    serviceId: s.id, organisationId: s.organisationId, buyerId: input.buyerId, placedBy: actor.user.id, status: "requested",
    paymentMethod: payingByCard(input.payWith) ? "card" : "budget", budgetAccountId: input.payWith === "card" ? null : input.payWith.budgetAccountId,
    serviceName: s.name, category: s.categorySlug, unit: s.priceUnit, unitPricePence: agreedPence ?? s.pricePence, quantityHundredths: input.quantityHundredths,
    recurrence: input.recurrence, startsOn: input.startsOn, endsOn: input.recurrence === "one-off" ? null : input.endsOn ?? null,
    timeFrom: input.timeFrom ?? null, timeTo: input.timeTo ?? null,
  }).returning().get();
  postSystemMessage(tx, order.id, `Order placed for ${quote.schedule}: ${quote.perVisitLine} = ${formatPence(quote.perVisitPence)} each time.`, null, actor?.user.id);
  if (input.message?.trim()) postSystemMessage(tx, order.id, input.message.trim(), { authorId: actor.user.id, party: "buyer" });
  audit(tx, actor, order, "order.placed", "order", order.id, { serviceId: s.id, perVisitPence: quote.perVisitPence, payWith: order.paymentMethod, agreedPence });
  return { ok: true, orderId: order.id };
}

export type ContractOrder = {
  serviceId: number; buyerId: number; placedBy: number; budgetAccountId: number; unitPricePence: number; quantityHundredths: number;
  recurrence: "weekly" | "fortnightly"; startsOn: string; endsOn: string; bookThrough: string; timeFrom: string | null; timeTo: string | null;
  /** Said on the order to both sides: why it exists (a group's contract). */
  note: string;
};

/**
 * An order whose terms the provider agreed before it existed (a member's order under a group's
 * contract): placed and accepted in one move at the agreed price, its dates booked and their money
 * set aside from `startsOn` (or today, if that has passed) through `bookThrough`, all or nothing. Nested in the caller's
 * transaction it is a savepoint, so a refusal (the budget, a council rule) throws `Refused` and
 * leaves nothing behind.
 */
export function placeContractOrder(input: ContractOrder, now = new Date()): { orderId: number; setAsidePence: number } {
  const found = getService(input.serviceId);
  if (!found) throw new OrderError("missing", "This service is not available to order.");
  const today = dayOf(now);
  return immediately((tx) => {
    const s = found.service;
    const order = tx.insert(orders).values({
      serviceId: s.id, organisationId: s.organisationId, buyerId: input.buyerId, placedBy: input.placedBy, status: "requested",
      paymentMethod: "budget", budgetAccountId: input.budgetAccountId, serviceName: s.name, category: s.categorySlug, unit: s.priceUnit,
      unitPricePence: input.unitPricePence, quantityHundredths: input.quantityHundredths, recurrence: input.recurrence,
      startsOn: input.startsOn, endsOn: input.endsOn, timeFrom: input.timeFrom, timeTo: input.timeTo,
    }).returning().get();
    // The provider accepted these terms when the offer was made; nobody answers it again.
    moveOrder(tx, order, "accept", "provider");
    // Dates already past when it is agreed (a job that ran late) are not booked, as when accepting.
    const booked = bookDates(tx, order, input.startsOn > today ? input.startsOn : today, input.bookThrough, null, today, "throw");
    const setAside = booked.reduce((n, o) => n + o.amountPence, 0);
    // The member hears of it from the group's own notice; the provider, from their order.
    postSystemMessage(tx, order.id, `${input.note} ${booked.length} ${booked.length === 1 ? "visit is" : "visits are"} booked, and ${formatPence(setAside)} is set aside from the budget.`, null, undefined, ["provider"]);
    audit(tx, null, order, "order.agreed", "order", order.id, { booked: booked.length, setAsidePence: setAside, unitPricePence: input.unitPricePence });
    return { orderId: order.id, setAsidePence: setAside };
  });
}

// ---- booking dates and setting money aside ----------------------------------------------------

/**
 * Books the order's dates from `from` through `through`, setting each one's money aside from the
 * budget. With `onRefusal: "throw"` a refusal undoes the whole move (accepting, changing); with
 * "skip" the date is recorded as not booked, with the reason (the weekly job booking ahead).
 */
function bookDates(tx: Tx, order: Order, from: string, through: string, by: Actor | null, today: string, onRefusal: "throw" | "skip") {
  // A date already delivered (early) or still open keeps its visit; only free dates are booked.
  const taken = new Set(tx.select({ date: occurrences.date }).from(occurrences)
    .where(and(eq(occurrences.orderId, order.id), sql`${occurrences.status} <> 'cancelled'`, sql`${occurrences.date} BETWEEN ${from} AND ${through}`)).all().map((o) => o.date));
  const dates = occurrenceDates(order, from, through).filter((d) => !taken.has(d));
  const amountPence = amountFor(order.unitPricePence, order.quantityHundredths);
  const booked: Occurrence[] = [];
  for (const date of dates) {
    const occurrence = tx.insert(occurrences).values({
      orderId: order.id, date, timeFrom: order.timeFrom, timeTo: order.timeTo, quantityHundredths: order.quantityHundredths, amountPence,
      unitPricePence: order.unitPricePence,
    }).returning().get();
    if (order.budgetAccountId) {
      const result = reserve({
        budgetAccountId: order.budgetAccountId!, amountPence, category: order.category, reference: `order:${order.id}`,
        idempotencyKey: key(order, occurrence, "reserve"), by: by?.user.id ?? order.placedBy, effectiveOn: today,
      });
      if (!result.ok) {
        if (onRefusal === "throw") throw new Refused(result.refusal);
        tx.update(occurrences).set({ status: "cancelled", cancelReason: `Not booked: ${result.refusal.explanation}` }).where(eq(occurrences.id, occurrence.id)).run();
        postSystemMessage(tx, order.id, `${formatDate(date)} was not booked: ${result.refusal.explanation} ${result.refusal.instead}`);
        continue;
      }
      tx.update(occurrences).set({ reservationId: result.reservationId }).where(eq(occurrences.id, occurrence.id)).run();
      booked.push({ ...occurrence, reservationId: result.reservationId });
    } else {
      booked.push(occurrence);
    }
  }
  tx.update(orders).set({ bookedThrough: order.endsOn && order.endsOn < through ? order.endsOn : through }).where(eq(orders.id, order.id)).run();
  return booked;
}

/** Gives a booked date's money back and cancels it. */
function cancelBooked(tx: Tx, order: Order, occurrence: Occurrence, party: Party, by: Actor | null, reason: string) {
  moveOccurrence(tx, occurrence, "cancel", party, { cancelReason: reason });
  if (occurrence.reservationId) {
    release({ reservationId: occurrence.reservationId, idempotencyKey: key(order, occurrence, "release"), by: by?.user.id ?? null, reason: `Cancelled: ${order.serviceName}, ${formatDate(occurrence.date)}` });
  }
}

const horizonEnd = (today: string) => addDays(today, HORIZON_DAYS - 1);

// ---- the provider answers -------------------------------------------------------------------

/** Accepting books the dates of the first four weeks and sets their money aside, all or nothing. */
export function acceptOrder(actor: Actor, orderId: number, now = new Date()) {
  const today = dayOf(now);
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, "provider", order);
    moveOrder(tx, order, "accept", "provider");
    if (order.recurrence === "one-off" && order.startsOn < today) {
      throw new OrderError("invalid", `The date asked for (${formatDate(order.startsOn)}) has passed. Decline the order and ask the person to order again with a new date.`);
    }
    const booked = bookDates(tx, order, order.startsOn > today ? order.startsOn : today, horizonEnd(today), actor, today, "throw");
    if (booked.length === 0) throw new OrderError("invalid", "None of the dates asked for is still to come. Decline the order and ask the person to order again.");
    const setAside = booked.reduce((n, o) => n + o.amountPence, 0);
    postSystemMessage(tx, order.id, order.budgetAccountId
      ? `Accepted. ${booked.length === 1 ? "The visit is" : `${booked.length} visits are`} booked, and ${formatPence(setAside)} is set aside from the budget.`
      : `Accepted. ${booked.length === 1 ? "The visit is" : `${booked.length} visits are`} booked; you pay by card when invoiced.`, null, actor?.user.id);
    if (order.budgetAccountId && order.paymentMethod === "card") postSystemMessage(tx, order.id, "Each invoice is paid with the direct payment card; the budget shows it as spent when the visit is confirmed.", null, actor?.user.id);
    audit(tx, actor, order, "order.accepted", "order", order.id, { booked: booked.length, setAsidePence: setAside });
    return { booked: booked.length, setAsidePence: setAside };
  });
}

export function declineOrder(actor: Actor, orderId: number, reason: string, kind: DeclineReason = "other") {
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, "provider", order);
    moveOrder(tx, order, "decline", "provider", { closingReason: reason, declineReason: kind, closedBy: actor.user.id });
    recordDecline(tx, order.id);
    postSystemMessage(tx, order.id, `Declined: ${reason}`, null, actor?.user.id);
    audit(tx, actor, order, "order.declined", "order", order.id, { reason });
  });
}

// ---- either side: cancel, change, end --------------------------------------------------------

const settledStates = new Set(["delivered", "disputed", "confirmed", "invoiced", "paid"]);

/** Cancels the whole order before anything is delivered; every booked date's money goes back. */
export function cancelOrder(actor: Actor, party: "buyer" | "provider", orderId: number, reason: string) {
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, party, order);
    moveOrder(tx, order, "cancel", party, { closingReason: reason, closedBy: actor.user.id });
    const all = tx.select().from(occurrences).where(eq(occurrences.orderId, order.id)).all();
    if (all.some((o) => settledStates.has(o.status))) {
      throw new OrderError("illegal-transition", "Some of this order has already been delivered, so it cannot be cancelled. End it instead: that cancels only the visits still to come.");
    }
    for (const o of all.filter((x) => x.status === "scheduled")) cancelBooked(tx, order, o, party, actor, reason);
    postSystemMessage(tx, order.id, `Cancelled by the ${party === "buyer" ? "person" : "provider"}: ${reason}`, null, actor?.user.id);
    audit(tx, actor, order, "order.cancelled", "order", order.id, { reason, by: party });
  });
}

/** Ends a recurring order after `lastDate` (default today): later visits are cancelled, earlier ones carry on. */
export function endOrder(actor: Actor, party: "buyer" | "provider", orderId: number, reason: string, now = new Date(), lastDate = dayOf(now)) {
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, party, order);
    moveOrder(tx, order, "end", party, { closingReason: reason, closedBy: actor.user.id, endsOn: order.endsOn && order.endsOn < lastDate ? order.endsOn : lastDate });
    if (lastDate < dayOf(now)) throw new OrderError("invalid", "An order can only end today or later: past visits are not changed.");
    const future = tx.select().from(occurrences)
      .where(and(eq(occurrences.orderId, order.id), eq(occurrences.status, "scheduled"), sql`${occurrences.date} > ${lastDate}`)).all();
    for (const o of future) cancelBooked(tx, order, o, party, actor, `Order ended: ${reason}`);
    // Ending after a notice longer than what is booked: the job books only running orders, so the
    // dates up to the last one are booked now (a date the budget cannot cover is noted, as the job does).
    const endsOn = order.endsOn && order.endsOn < lastDate ? order.endsOn : lastDate;
    if (order.recurrence !== "one-off" && order.bookedThrough && order.bookedThrough < endsOn) {
      bookDates(tx, { ...order, endsOn }, addDays(order.bookedThrough, 1), endsOn, actor, dayOf(now), "skip");
    }
    postSystemMessage(tx, order.id, `Ended by the ${party === "buyer" ? "person" : "provider"} after ${formatDate(lastDate)}: ${reason}. ${future.length} later ${future.length === 1 ? "visit was" : "visits were"} cancelled.`, null, actor?.user.id);
    audit(tx, actor, order, "order.ended", "order", order.id, { reason, lastDate, cancelled: future.length });
  });
}

export type OrderChange = { quantityHundredths: number; timeFrom: string | null; timeTo: string | null };

/**
 * Changes a recurring order from tomorrow on: later booked visits are cancelled (their money
 * released) and booked again on the new terms (their money set aside), all or nothing.
 */
export function changeOrder(actor: Actor, party: "buyer" | "provider", orderId: number, change: OrderChange, now = new Date()) {
  const today = dayOf(now);
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, party, order);
    moveOrder(tx, order, "change", party, change);
    if (order.recurrence === "one-off") throw new OrderError("invalid", "Only a recurring order can be changed. Cancel this one and order again.");
    const future = tx.select().from(occurrences)
      .where(and(eq(occurrences.orderId, order.id), eq(occurrences.status, "scheduled"), sql`${occurrences.date} > ${today}`)).all();
    for (const o of future) cancelBooked(tx, order, o, party, actor, "Replaced by the changed order");
    const changed = { ...order, ...change };
    const from = addDays(today, 1);
    const through = order.bookedThrough && order.bookedThrough >= from ? order.bookedThrough : from;
    const booked = bookDates(tx, changed, from, through, actor, today, "throw");
    const terms = `${formatQuantity(change.quantityHundredths, order.unit)}${change.timeFrom && change.timeTo ? `, ${change.timeFrom} to ${change.timeTo}` : ""}`;
    postSystemMessage(tx, order.id, `Changed by the ${party === "buyer" ? "person" : "provider"} from ${formatDate(from)}: now ${terms} each time. ${booked.length} ${booked.length === 1 ? "visit" : "visits"} booked again on the new terms; earlier visits are unchanged.`, null, actor?.user.id);
    audit(tx, actor, order, "order.changed", "order", order.id, { ...change, rebooked: booked.length });
  });
}

/**
 * Weave changes a recurring order's price from `fromDate` on (a group's price for its new size):
 * booked visits on or after that date are cancelled (their money released) and booked again at
 * the new price (their money set aside), and if the order is not yet booked up to the day before,
 * those dates are booked first at the old price, so every visit before `fromDate` keeps it. All or
 * nothing: a refusal (the budget, a council rule) throws `Refused` and leaves the old price in place.
 * Nested in the caller's transaction it is a savepoint.
 */
export function repriceOrder(orderId: number, unitPricePence: number, fromDate: string, reason: string, now = new Date()) {
  const today = dayOf(now);
  if (!Number.isSafeInteger(unitPricePence) || unitPricePence <= 0) throw new OrderError("invalid", "A price must be at least 1p.");
  if (fromDate <= today) throw new OrderError("invalid", "A price can only change from tomorrow or later: visits already booked for today or before keep theirs.");
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    moveOrder(tx, order, "reprice", "system", { unitPricePence });
    if (order.recurrence === "one-off") throw new OrderError("invalid", "Only a recurring order can be re-priced.");
    if (order.unitPricePence === unitPricePence) return { rebooked: 0 };
    const before = addDays(fromDate, -1);
    const bookedThrough = order.bookedThrough ?? before;
    if (bookedThrough < before && (!order.endsOn || bookedThrough < order.endsOn)) bookDates(tx, order, addDays(bookedThrough, 1), before, null, today, "throw");
    const future = tx.select().from(occurrences)
      .where(and(eq(occurrences.orderId, order.id), eq(occurrences.status, "scheduled"), sql`${occurrences.date} >= ${fromDate}`)).all();
    for (const o of future) cancelBooked(tx, order, o, "system", null, "Booked again at the new price");
    const current = loadOrder(tx, order.id);
    const through = current.bookedThrough && current.bookedThrough >= fromDate ? current.bookedThrough : before;
    const booked = through >= fromDate ? bookDates(tx, { ...current, unitPricePence }, fromDate, through, null, today, "throw") : [];
    postSystemMessage(tx, order.id, `New price from ${formatDate(fromDate)}: ${formatPence(unitPricePence)} instead of ${formatPence(order.unitPricePence)} per ${order.unit}. ${reason} ${booked.length} ${booked.length === 1 ? "visit" : "visits"} booked again at the new price; earlier visits keep the old one.`);
    audit(tx, null, order, "order.repriced", "order", order.id, { fromPence: order.unitPricePence, toPence: unitPricePence, fromDate, rebooked: booked.length });
    return { rebooked: booked.length };
  });
}

/** Cancels one booked visit (either side), giving its money back. */
export function cancelOccurrence(actor: Actor, party: "buyer" | "provider", occurrenceId: number, reason: string) {
  return immediately((tx) => {
    const { order, occurrence } = loadOccurrence(tx, occurrenceId);
    authorise(actor, party, order);
    cancelBooked(tx, order, occurrence, party, actor, reason);
    postSystemMessage(tx, order.id, `The visit on ${formatDate(occurrence.date)} was cancelled by the ${party === "buyer" ? "person" : "provider"}: ${reason}`, null, actor?.user.id);
    audit(tx, actor, order, "order.visit-cancelled", "occurrence", occurrence.id, { reason, by: party });
    endIfFinished(tx, order);
  });
}

// ---- delivery and confirmation ---------------------------------------------------------------

/** The price per unit a visit was booked at (an order re-priced from a later date keeps it). */
export const visitPrice = (order: Pick<Order, "unitPricePence">, o: Partial<Pick<Occurrence, "unitPricePence">>) => o.unitPricePence ?? order.unitPricePence;
/** What a delivered visit costs before credits: the delivered quantity at the visit's price. */
export const deliveredPence = (order: Pick<Order, "unitPricePence">, o: Pick<Occurrence, "deliveredQuantityHundredths"> & Partial<Pick<Occurrence, "unitPricePence">>) =>
  amountFor(visitPrice(order, o), o.deliveredQuantityHundredths ?? 0);
/** What the buyer will be charged if they confirm now. */
export const duePence = (order: Pick<Order, "unitPricePence">, o: Pick<Occurrence, "deliveredQuantityHundredths" | "creditedPence"> & Partial<Pick<Occurrence, "unitPricePence">>) =>
  deliveredPence(order, o) - o.creditedPence;

export type Delivery = { deliveredOn: string; quantityHundredths: number; notes: string };

/** The provider records what was delivered; less than booked is fine (part-delivery), more is not. */
export function recordDelivery(actor: Actor, occurrenceId: number, delivery: Delivery, now = new Date()) {
  return immediately((tx) => {
    const { order, occurrence } = loadOccurrence(tx, occurrenceId);
    authorise(actor, "provider", order);
    if (delivery.deliveredOn > dayOf(now)) throw new OrderError("invalid", "Support can only be recorded once it has been delivered: the date is in the future.");
    if (delivery.quantityHundredths <= 0) throw new OrderError("invalid", "If nothing was delivered, cancel the visit instead.");
    if (delivery.quantityHundredths > occurrence.quantityHundredths) {
      throw new OrderError("invalid", `Record at most the ${formatQuantity(occurrence.quantityHundredths, order.unit)} booked. Agree anything extra as a new order.`);
    }
    moveOccurrence(tx, occurrence, "deliver", "provider", {
      deliveredOn: delivery.deliveredOn, deliveredQuantityHundredths: delivery.quantityHundredths, deliveryNotes: delivery.notes,
      deliveredBy: actor.user.id, deliveryRecordedAt: now.toISOString(),
    });
    const part = delivery.quantityHundredths < occurrence.quantityHundredths ? ` (${formatQuantity(occurrence.quantityHundredths, order.unit)} were booked)` : "";
    postSystemMessage(tx, order.id, `Delivered on ${formatDate(delivery.deliveredOn)}: ${formatQuantity(delivery.quantityHundredths, order.unit)}${part}. ${delivery.notes ? `Notes: ${delivery.notes}. ` : ""}Please confirm it, or tell us within ${AUTO_CONFIRM_DAYS} days if something is wrong; after that it is confirmed for you.`, null, actor?.user.id);
    audit(tx, actor, order, "order.delivered", "occurrence", occurrence.id, { ...delivery });
  });
}

/** The provider gives money back for under-delivery, before the buyer is charged. */
export function issueCreditNote(actor: Actor, occurrenceId: number, credit: { amountPence: number; reason: string }) {
  return immediately((tx) => issueCredit(tx, actor, "provider", occurrenceId, credit));
}

function issueCredit(tx: Tx, actor: Actor, party: Party, occurrenceId: number, credit: { amountPence: number; reason: string }) {
  const { order, occurrence } = loadOccurrence(tx, occurrenceId);
  authorise(actor, party, order);
  if (party === "provider") moveOccurrence(tx, occurrence, "credit", "provider");
  const due = duePence(order, occurrence);
  if (!Number.isSafeInteger(credit.amountPence) || credit.amountPence <= 0 || credit.amountPence > due) {
    throw new OrderError("invalid", `A credit note is for between 1p and ${formatPence(due)}, what is still to be charged for this visit.`);
  }
  const note = tx.insert(creditNotes).values({ occurrenceId, orderId: order.id, amountPence: credit.amountPence, reason: credit.reason, createdBy: actor.user.id })
    .returning().get();
  tx.update(occurrences).set({ creditedPence: occurrence.creditedPence + credit.amountPence, updatedAt: stamp() }).where(eq(occurrences.id, occurrence.id)).run();
  postSystemMessage(tx, order.id, `Credit note of ${formatPence(credit.amountPence)} for ${formatDate(occurrence.date)}: ${credit.reason}`, null, actor?.user.id);
  audit(tx, actor, order, "order.credited", "credit-note", note.id, { amountPence: credit.amountPence, occurrenceId });
  return note;
}

/**
 * Confirms a delivered visit (the buyer, or Weave after seven days): the budget pays what is
 * due from the money set aside, and the rest goes back. By card, the invoice is paid later.
 */
export function confirmDelivery(actor: Actor | null, occurrenceId: number, now = new Date()) {
  return immediately((tx) => {
    const { order, occurrence } = loadOccurrence(tx, occurrenceId);
    const party: Party = actor ? "buyer" : "system";
    authorise(actor, party, order);
    const charged = settle(tx, order, occurrence, "confirm", party, actor, now);
    postSystemMessage(tx, order.id, `${actor ? "Confirmed" : `Confirmed automatically, ${AUTO_CONFIRM_DAYS} days after delivery was recorded`}: ${formatDate(occurrence.deliveredOn ?? occurrence.date)}, ${formatPence(charged)}.`, null, actor?.user.id);
    audit(tx, actor, order, "order.confirmed", "occurrence", occurrence.id, { chargedPence: charged, automatic: !actor });
    endIfFinished(tx, order);
    return { chargedPence: charged };
  });
}

/** Charges a delivered visit: commits what is due from its reservation (or releases it all when nothing is). */
function settle(tx: Tx, order: Order, occurrence: Occurrence, move: "confirm" | "settle", party: Party, actor: Actor | null, now: Date) {
  const charged = duePence(order, occurrence);
  moveOccurrence(tx, occurrence, move, party, { chargedPence: charged, confirmedAt: now.toISOString(), confirmedBy: actor?.user.id ?? null });
  recordSpend(tx, occurrence.id);
  if (occurrence.reservationId) {
    if (charged > 0) {
      commit({
        reservationId: occurrence.reservationId, amountPence: charged, organisationId: order.organisationId, category: order.category,
        description: `${order.serviceName}: ${describeCost(occurrence.deliveredQuantityHundredths!, order.unit, visitPrice(order, occurrence))}${occurrence.creditedPence ? `, less ${formatPence(occurrence.creditedPence)} credit` : ""}`,
        idempotencyKey: key(order, occurrence, "commit"), by: actor?.user.id ?? order.placedBy, effectiveOn: occurrence.deliveredOn ?? dayOf(now),
      });
    } else {
      release({ reservationId: occurrence.reservationId, idempotencyKey: key(order, occurrence, "release"), by: actor?.user.id ?? null, reason: `Nothing to pay: ${order.serviceName}, ${formatDate(occurrence.date)}` });
    }
  }
  return charged;
}

// ---- disputes --------------------------------------------------------------------------------

export function raiseDispute(actor: Actor, occurrenceId: number, reason: string) {
  return immediately((tx) => {
    const { order, occurrence } = loadOccurrence(tx, occurrenceId);
    authorise(actor, "buyer", order);
    moveOccurrence(tx, occurrence, "dispute", "buyer");
    const dispute = tx.insert(disputes).values({ occurrenceId, orderId: order.id, raisedBy: actor.user.id, reason }).returning().get();
    postSystemMessage(tx, order.id, `The visit on ${formatDate(occurrence.date)} is disputed: ${reason}. Nothing is paid for it until a Weave moderator has looked at it; the provider can reply here or issue a credit note.`, null, actor?.user.id);
    audit(tx, actor, order, "order.disputed", "dispute", dispute.id, { reason });
    return dispute;
  });
}

/**
 * A moderator decides what the provider is paid for a disputed visit: between nothing and what
 * is due. Anything less is credited; nothing at all cancels the charge and gives the money back.
 */
export function resolveDispute(actor: Actor, disputeId: number, decision: { payPence: number; resolution: string }, now = new Date()) {
  return immediately((tx) => {
    const dispute = tx.select().from(disputes).where(eq(disputes.id, disputeId)).get();
    if (!dispute) throw new OrderError("missing", "There is no such dispute.");
    if (dispute.status !== "open") throw new OrderError("illegal-transition", "This dispute has already been decided.");
    let { order, occurrence } = loadOccurrence(tx, dispute.occurrenceId);
    authorise(actor, "moderator", order);
    // The visit's own state decides first: a dispute record alone never makes a visit payable.
    transition(occurrenceTransitions, decision.payPence > 0 ? "settle" : "void", occurrence.status, "moderator", "This visit");
    const due = duePence(order, occurrence);
    if (!Number.isSafeInteger(decision.payPence) || decision.payPence < 0 || decision.payPence > due) {
      throw new OrderError("invalid", `The provider can be paid between £0 and ${formatPence(due)} for this visit.`);
    }
    if (decision.payPence < due) {
      issueCredit(tx, actor, "moderator", occurrence.id, { amountPence: due - decision.payPence, reason: `Dispute decided by a Weave moderator: ${decision.resolution}` });
      occurrence = loadOccurrence(tx, occurrence.id).occurrence;
    }
    if (decision.payPence > 0) {
      settle(tx, order, occurrence, "settle", "moderator", actor, now);
    } else {
      moveOccurrence(tx, occurrence, "void", "moderator", { cancelReason: `Dispute upheld: ${decision.resolution}` });
      if (occurrence.reservationId) {
        release({ reservationId: occurrence.reservationId, idempotencyKey: key(order, occurrence, "release"), by: actor.user.id, reason: `Dispute upheld: ${order.serviceName}, ${formatDate(occurrence.date)}` });
      }
    }
    tx.update(disputes).set({ status: "resolved", settledPence: decision.payPence, resolution: decision.resolution, resolvedBy: actor.user.id, resolvedAt: now.toISOString() })
      .where(eq(disputes.id, dispute.id)).run();
    postSystemMessage(tx, order.id, `A Weave moderator decided the dispute about ${formatDate(occurrence.date)}: the provider is paid ${formatPence(decision.payPence)}. ${decision.resolution}`, { party: "moderator", authorId: actor.user.id });
    audit(tx, actor, order, "order.dispute-resolved", "dispute", dispute.id, { payPence: decision.payPence });
    endIfFinished(tx, order);
  });
}

// ---- invoices and payouts --------------------------------------------------------------------

/** The provider invoices every confirmed visit of an order not yet invoiced. */
export function issueInvoice(actor: Actor, orderId: number, now = new Date()) {
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    authorise(actor, "provider", order);
    const lines = tx.select().from(occurrences)
      .where(and(eq(occurrences.orderId, order.id), eq(occurrences.status, "confirmed"), isNull(occurrences.invoiceId))).orderBy(asc(occurrences.date)).all();
    if (lines.length === 0) throw new OrderError("illegal-transition", "Nothing on this order is confirmed and not yet invoiced, so there is nothing to invoice.");
    const total = lines.reduce((n, o) => n + (o.chargedPence ?? 0), 0);
    const invoice = tx.insert(invoices).values({ orderId: order.id, organisationId: order.organisationId, issuedOn: dayOf(now), totalPence: total, createdBy: actor.user.id })
      .returning().get();
    for (const line of lines) moveOccurrence(tx, line, "invoice", "provider", { invoiceId: invoice.id });
    if (order.paymentMethod === "budget" && total > 0) {
      // The budget's money was committed to the provider at confirmation; this records that it
      // is owed until Weave's finance role sends it. (A direct payment card pays its own invoices.)
      tx.insert(payouts).values({ invoiceId: invoice.id, organisationId: order.organisationId, method: "budget", amountPence: total }).run();
    }
    if (total === 0) markInvoicePaid(tx, invoice.id, now);
    postSystemMessage(tx, order.id, `Invoice ${invoiceNumber(invoice.id)} for ${formatPence(total)} (${lines.length} ${lines.length === 1 ? "visit" : "visits"}).${order.paymentMethod === "card" && total > 0 ? " Pay it by card from the order page." : ""}`, null, actor?.user.id);
    audit(tx, actor, order, "order.invoiced", "invoice", invoice.id, { totalPence: total });
    return invoice;
  });
}

/** Marks an invoice and its visits paid; false if it already was (a replayed payment changes nothing). */
export function markInvoicePaid(tx: Tx, invoiceId: number, now: Date): boolean {
  const invoice = tx.select().from(invoices).where(eq(invoices.id, invoiceId)).get();
  if (!invoice) throw new OrderError("missing", "There is no such invoice.");
  if (invoice.status === "paid") return false;
  transition(invoiceTransitions, "pay", invoice.status, "system", "This invoice");
  tx.update(invoices).set({ status: "paid", paidAt: now.toISOString() }).where(and(eq(invoices.id, invoiceId), eq(invoices.status, "issued"))).run();
  for (const line of tx.select().from(occurrences).where(eq(occurrences.invoiceId, invoiceId)).all()) moveOccurrence(tx, line, "pay", "system");
  return true;
}

/** The ledger key of an invoice's payout: one per invoice, however it was paid. */
export const payoutKey = (invoiceId: number) => `invoice:${invoiceId}:payout`;

/** Records that a budget invoice's money has been sent to the provider (Weave's finance role). */
export function recordPayout(actor: Actor, payoutId: number, reference: string, now = new Date()) {
  return immediately((tx) => {
    if (!canRecordPayouts(actor)) throw new OrderError("not-permitted", "Only Weave's finance staff can record payouts.");
    const payout = tx.select().from(payouts).where(eq(payouts.id, payoutId)).get();
    if (!payout) throw new OrderError("missing", "There is no such payout.");
    if (payout.status === "paid") throw new OrderError("illegal-transition", "This payout has already been recorded as paid.");
    tx.update(payouts).set({ status: "paid", reference, paidAt: now.toISOString() }).where(and(eq(payouts.id, payoutId), eq(payouts.status, "due"))).run();
    markInvoicePaid(tx, payout.invoiceId, now);
    payOut({ organisationId: payout.organisationId, amountPence: payout.amountPence, reference, idempotencyKey: payoutKey(payout.invoiceId), by: actor.user.id, effectiveOn: dayOf(now) });
    const invoice = tx.select().from(invoices).where(eq(invoices.id, payout.invoiceId)).get()!;
    const order = loadOrder(tx, invoice.orderId);
    postSystemMessage(tx, order.id, `Invoice ${invoiceNumber(invoice.id)} is paid: ${formatPence(payout.amountPence)} sent to the provider (reference ${reference}).`, null, actor?.user.id);
    audit(tx, actor, order, "order.payout", "payout", payout.id, { amountPence: payout.amountPence, reference });
  });
}

// ---- what Weave does by itself ---------------------------------------------------------------

/** A one-off order (or a recurring one past its last date) ends once nothing is left to deliver or confirm. */
function endIfFinished(tx: Tx, order: Order) {
  const current = loadOrder(tx, order.id);
  if (current.status !== "scheduled") return;
  const moreToBook = current.recurrence !== "one-off" && (!current.endsOn || (current.bookedThrough ?? "") < current.endsOn);
  if (moreToBook) return;
  const open = tx.select({ id: occurrences.id }).from(occurrences)
    .where(and(eq(occurrences.orderId, order.id), inArray(occurrences.status, ["scheduled", "delivered", "disputed"]))).limit(1).all();
  if (open.length === 0) moveOrder(tx, current, "end", "system");
}

/** Confirms every delivery recorded more than seven days ago that nobody disputed. */
export function autoConfirmDue(now = new Date()): number {
  const cutoff = new Date(now.getTime() - AUTO_CONFIRM_DAYS * 86_400_000).toISOString();
  const due = db.select({ id: occurrences.id }).from(occurrences)
    .where(and(eq(occurrences.status, "delivered"), lte(occurrences.deliveryRecordedAt, cutoff))).orderBy(asc(occurrences.id)).limit(1000).all();
  let confirmed = 0;
  for (const { id } of due) {
    try {
      confirmDelivery(null, id, now);
      confirmed++;
    } catch (error) {
      // Confirmed or disputed by the buyer since we looked: nothing to do.
      if (!(error instanceof OrderError && error.code === "illegal-transition")) throw error;
    }
  }
  return confirmed;
}

/** Books the next weeks of every running recurring order, four weeks ahead of today. */
export function bookAhead(now = new Date()): number {
  const today = dayOf(now);
  const through = horizonEnd(today);
  const running = db.select({ id: orders.id }).from(orders)
    .where(and(eq(orders.status, "scheduled"), inArray(orders.recurrence, ["weekly", "fortnightly"] satisfies Recurrence[]), sql`${orders.bookedThrough} < ${through}`))
    .orderBy(asc(orders.id)).limit(1000).all();
  let booked = 0;
  for (const { id } of running) {
    try {
      booked += extendOrder(id, now);
    } catch (error) {
      // Ended or cancelled since we looked: nothing to book.
      if (!(error instanceof OrderError && error.code === "illegal-transition")) throw error;
    }
  }
  return booked;
}

/** Books one recurring order up to four weeks ahead; a date the budget cannot cover is recorded as not booked. */
export function extendOrder(orderId: number, now = new Date()): number {
  const today = dayOf(now);
  const through = horizonEnd(today);
  return immediately((tx) => {
    const order = loadOrder(tx, orderId);
    moveOrder(tx, order, "extend", "system");
    if (order.recurrence === "one-off" || (order.endsOn && (order.bookedThrough ?? "") >= order.endsOn)) return 0;
    const from = addDays(order.bookedThrough ?? today, 1);
    const dates = bookDates(tx, order, from > today ? from : today, through, null, today, "skip");
    if (dates.length) audit(tx, null, order, "order.booked-ahead", "order", order.id, { booked: dates.length, through });
    endIfFinished(tx, order);
    return dates.length;
  });
}

/** The scheduled job: confirm what is due, and book recurring orders ahead. */
export function runOrderJobs(now = new Date()) {
  return { confirmed: autoConfirmDue(now), booked: bookAhead(now) };
}
