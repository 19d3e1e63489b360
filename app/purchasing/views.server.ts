// What the order pages read: an order with everything on it, the buyer's lists, the provider's
// inbox and the moderators' disputes. Every list is paged or bounded and fetched in a fixed
// number of queries; every look at an order by someone other than the buyer is audited.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db, type Tx } from "../../db/client";
import {
  budgetAccounts, cardPayments, creditNotes, disputes, invoices, occurrences, orders, organisations, paymentAccounts, payouts, users,
} from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canActAsBuyer, canActAsProvider, canSeeInvoice } from "../accounts/permissions";
import { arrangementNames } from "../budgets/labels";
import { cardPaymentsEnabled } from "../config.server";
import { enquiriesFor, latestMessagesOf, orderMessages } from "./messages.server";
import { addDays, dayOf } from "./schedule";

export type Side = "buyer" | "provider" | "invoice";

const placer = alias(users, "placer");
const buyer = alias(users, "buyer");

function orderHeader(id: number) {
  return db.select({
    order: orders, organisationName: organisations.name, organisationEmail: organisations.email, organisationPhone: organisations.phone,
    organisationAddress: organisations.addressLine, organisationPostcode: organisations.postcode,
    buyerName: buyer.name, buyerEmail: buyer.email, placedByName: placer.name, arrangement: budgetAccounts.arrangement,
  }).from(orders)
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .innerJoin(buyer, eq(buyer.id, orders.buyerId))
    .innerJoin(placer, eq(placer.id, orders.placedBy))
    .leftJoin(budgetAccounts, eq(budgetAccounts.id, orders.budgetAccountId))
    .where(eq(orders.id, id)).get() ?? null;
}

/**
 * An order for one side of it: "missing", "forbidden", or the order. Anyone but the buyer
 * opening it is written in the buyer's access log (staff and representatives both).
 */
export function openOrder(actor: Actor, id: number, side: Side) {
  const header = orderHeader(id);
  if (!header) return "missing" as const;
  const allowed = side === "buyer" ? canActAsBuyer(actor, header.order) : side === "provider" ? canActAsProvider(actor, header.order) : canSeeInvoice(actor, header.order);
  if (!allowed) return "forbidden" as const;
  if (actor.user.id !== header.order.buyerId) {
    db.transaction((tx) => recordAudit(tx, { actorId: actor.user.id, personId: header.order.buyerId, action: "order.viewed", subjectType: "order", subjectId: id, detail: { side } }));
  }
  const budgetName = arrangementNames[header.arrangement ?? ""] ?? "Budget";
  const paymentName = header.order.paymentMethod === "budget" ? budgetName : header.order.budgetAccountId ? `${budgetName} card` : "Card";
  return { ...header, paymentName };
}

export type OrderHeader = Exclude<ReturnType<typeof openOrder>, "missing" | "forbidden">;

/** Visits shown on an order page: eight weeks back and everything ahead (at most 100). */
export const VISITS_BACK_DAYS = 56;

export function orderDetail(orderId: number, now = new Date()) {
  const since = addDays(dayOf(now), -VISITS_BACK_DAYS);
  const recent = or(gte(occurrences.date, since), inArray(occurrences.status, ["delivered", "disputed", "confirmed"]));
  const visits = db.select().from(occurrences).where(and(eq(occurrences.orderId, orderId), recent)).orderBy(asc(occurrences.date), asc(occurrences.id)).limit(100).all();
  const earlier = db.select({ n: count() }).from(occurrences).where(and(eq(occurrences.orderId, orderId), sql`NOT (${recent})`)).get()?.n ?? 0;
  return {
    visits,
    earlier,
    credits: db.select().from(creditNotes).where(eq(creditNotes.orderId, orderId)).orderBy(asc(creditNotes.id)).all(),
    disputes: db.select().from(disputes).where(eq(disputes.orderId, orderId)).orderBy(asc(disputes.id)).all(),
    invoices: db.select({ invoice: invoices, payout: payouts, card: cardPayments }).from(invoices)
      .leftJoin(payouts, eq(payouts.invoiceId, invoices.id)).leftJoin(cardPayments, eq(cardPayments.invoiceId, invoices.id))
      .where(eq(invoices.orderId, orderId)).orderBy(desc(invoices.id)).limit(50).all(),
    toInvoice: db.select({ n: count(), total: sql<number>`COALESCE(SUM(${occurrences.chargedPence}), 0)` }).from(occurrences)
      .where(and(eq(occurrences.orderId, orderId), eq(occurrences.status, "confirmed"), isNull(occurrences.invoiceId))).get() ?? { n: 0, total: 0 },
    messages: orderMessages(orderId),
  };
}

/** Every invoice of an order with its lines and credit notes, for printing. */
export function invoicesOf(orderId: number) {
  const list = db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.id)).limit(100).all();
  const ids = list.map((i) => i.id);
  const lines = ids.length ? db.select().from(occurrences).where(inArray(occurrences.invoiceId, ids)).orderBy(asc(occurrences.date)).all() : [];
  const credits = lines.length ? db.select().from(creditNotes).where(inArray(creditNotes.occurrenceId, lines.map((l) => l.id))).orderBy(asc(creditNotes.id)).all() : [];
  return list.map((invoice) => {
    const own = lines.filter((l) => l.invoiceId === invoice.id);
    return { invoice, lines: own, credits: credits.filter((c) => own.some((l) => l.id === c.occurrenceId)) };
  });
}

/**
 * What a recurring order costs now: its next booked visit's price (each visit keeps the price it
 * was booked at) and the order's own price, which later visits are booked at; null if there is no such order.
 */
export function priceNow(orderId: number, now = new Date()) {
  const order = db.select({ unitPricePence: orders.unitPricePence }).from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return null;
  const next = db.select({ date: occurrences.date, unitPricePence: occurrences.unitPricePence }).from(occurrences)
    .where(and(eq(occurrences.orderId, orderId), eq(occurrences.status, "scheduled"), sql`${occurrences.date} >= ${now.toISOString().slice(0, 10)}`))
    .orderBy(asc(occurrences.date)).limit(1).get();
  return { orderPricePence: order.unitPricePence, next: next ? { date: next.date, pricePence: next.unitPricePence ?? order.unitPricePence } : null };
}

export const ORDERS_PAGE = 20;

const buyerName = alias(users, "buyer_name");

/** The buyer's screen: to confirm, coming up, current and past orders, for them and everyone they act for. */
export function buyerOrders(actor: Actor, page = 1, now = new Date()) {
  const people = [actor.user.id, ...actor.represents];
  const today = dayOf(now);
  const visit = (statuses: string[], where: ReturnType<typeof and>, limit: number, order: "asc" | "desc" = "asc") =>
    db.select({ visit: occurrences, order: orders, organisationName: organisations.name, buyerName: buyerName.name }).from(occurrences)
      .innerJoin(orders, eq(orders.id, occurrences.orderId)).innerJoin(organisations, eq(organisations.id, orders.organisationId))
      .innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .where(and(inArray(orders.buyerId, people), inArray(occurrences.status, statuses as never), where))
      .orderBy(order === "asc" ? asc(occurrences.date) : desc(occurrences.date)).limit(limit).all();
  const list = (statuses: string[]) => {
    const where = and(inArray(orders.buyerId, people), inArray(orders.status, statuses as never));
    const total = db.select({ n: count() }).from(orders).where(where).get()?.n ?? 0;
    const rows = db.select({ order: orders, organisationName: organisations.name, buyerName: buyerName.name }).from(orders)
      .innerJoin(organisations, eq(organisations.id, orders.organisationId)).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .where(where).orderBy(desc(orders.id)).limit(ORDERS_PAGE).offset((page - 1) * ORDERS_PAGE).all();
    return { rows, total, pages: Math.max(1, Math.ceil(total / ORDERS_PAGE)) };
  };
  return {
    toConfirm: visit(["delivered", "disputed"], undefined, 50),
    upcoming: visit(["scheduled"], and(gte(occurrences.date, today), lte(occurrences.date, addDays(today, 27))), 30),
    toPay: db.select({ invoice: invoices, order: orders, organisationName: organisations.name }).from(invoices)
      .innerJoin(orders, eq(orders.id, invoices.orderId)).innerJoin(organisations, eq(organisations.id, orders.organisationId))
      .where(and(inArray(orders.buyerId, people), eq(orders.paymentMethod, "card"), eq(invoices.status, "issued"))).orderBy(asc(invoices.id)).limit(20).all(),
    current: list(["requested", "scheduled"]),
    past: list(["declined", "cancelled", "ended"]),
    enquiries: enquiriesFor({ buyerIds: people }),
  };
}

/** Does anyone this person buys for have an order? (For the navigation.) */
export const hasOrders = (actor: Actor) =>
  !!db.select({ id: orders.id }).from(orders).where(inArray(orders.buyerId, [actor.user.id, ...actor.represents])).limit(1).get();

/** The provider's screen, across every organisation they work for. */
export function providerInbox(actor: Actor, now = new Date()) {
  const orgs = actor.organisations.map((o) => o.id);
  const today = dayOf(now);
  if (orgs.length === 0) return null;
  const visits = (where: ReturnType<typeof and>, limit: number) =>
    db.select({ visit: occurrences, order: orders, buyerName: buyerName.name }).from(occurrences)
      .innerJoin(orders, eq(orders.id, occurrences.orderId)).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .where(and(inArray(orders.organisationId, orgs), where)).orderBy(asc(occurrences.date), asc(occurrences.timeFrom)).limit(limit).all();
  return {
    organisations: db.select({ id: organisations.id, name: organisations.name, account: paymentAccounts }).from(organisations)
      .leftJoin(paymentAccounts, eq(paymentAccounts.organisationId, organisations.id)).where(inArray(organisations.id, orgs)).all()
      .map((o) => ({ ...o, owner: actor.organisations.some((m) => m.id === o.id && m.role === "owner") })),
    cardPaymentsOn: cardPaymentsEnabled(),
    requests: db.select({ order: orders, buyerName: buyerName.name }).from(orders).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .where(and(inArray(orders.organisationId, orgs), eq(orders.status, "requested"))).orderBy(asc(orders.id)).limit(50).all(),
    thisWeek: visits(and(eq(occurrences.status, "scheduled"), gte(occurrences.date, today), lte(occurrences.date, addDays(today, 6))), 100),
    toRecord: visits(and(eq(occurrences.status, "scheduled"), lte(occurrences.date, today)), 100),
    waiting: visits(inArray(occurrences.status, ["delivered", "disputed"]), 50),
    toInvoice: db.select({ order: orders, buyerName: buyerName.name, n: count(), total: sql<number>`SUM(${occurrences.chargedPence})` }).from(occurrences)
      .innerJoin(orders, eq(orders.id, occurrences.orderId)).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .where(and(inArray(orders.organisationId, orgs), eq(occurrences.status, "confirmed"), isNull(occurrences.invoiceId)))
      .groupBy(orders.id).orderBy(asc(orders.id)).limit(50).all(),
    invoices: db.select({ invoice: invoices, payout: payouts, order: orders, buyerName: buyerName.name }).from(invoices)
      .innerJoin(orders, eq(orders.id, invoices.orderId)).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
      .leftJoin(payouts, eq(payouts.invoiceId, invoices.id))
      .where(inArray(invoices.organisationId, orgs)).orderBy(desc(invoices.id)).limit(20).all(),
    enquiries: enquiriesFor({ organisationIds: orgs }),
  };
}

export const DISPUTES_PAGE = 10;

/** Open disputes, oldest first, each with what the provider recorded and what both sides wrote. */
export function openDisputes(page = 1) {
  const total = db.select({ n: count() }).from(disputes).where(eq(disputes.status, "open")).get()?.n ?? 0;
  const rows = db.select({ dispute: disputes, visit: occurrences, order: orders, organisationName: organisations.name, buyerName: buyerName.name })
    .from(disputes).innerJoin(occurrences, eq(occurrences.id, disputes.occurrenceId)).innerJoin(orders, eq(orders.id, disputes.orderId))
    .innerJoin(organisations, eq(organisations.id, orders.organisationId)).innerJoin(buyerName, eq(buyerName.id, orders.buyerId))
    .where(eq(disputes.status, "open")).orderBy(asc(disputes.id)).limit(DISPUTES_PAGE).offset((page - 1) * DISPUTES_PAGE).all();
  const messages = latestMessagesOf(rows.map((r) => r.order.id));
  return { rows: rows.map((r) => ({ ...r, messages: messages.get(r.order.id) ?? [] })), total, pages: Math.max(1, Math.ceil(total / DISPUTES_PAGE)) };
}

/** Does this visit belong to this order? (A form names both; a visit of another order is refused.) */
export const visitOfOrder = (orderId: number, occurrenceId: number) =>
  !!db.select({ id: occurrences.id }).from(occurrences).where(and(eq(occurrences.id, occurrenceId), eq(occurrences.orderId, orderId))).get();

/**
 * What reviews need to know about an order (app/reviews): whose it is, which service, and when
 * its deliveries were recorded. Null when there is no such order.
 */
export function orderForReview(tx: Tx, orderId: number) {
  const order = tx.select({ id: orders.id, serviceId: orders.serviceId, organisationId: orders.organisationId, buyerId: orders.buyerId, serviceName: orders.serviceName })
    .from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return null;
  const delivered = tx.select({ first: sql<string | null>`min(${occurrences.deliveryRecordedAt})`, last: sql<string | null>`max(${occurrences.deliveryRecordedAt})` })
    .from(occurrences)
    .where(and(eq(occurrences.orderId, orderId), inArray(occurrences.status, ["delivered", "disputed", "confirmed", "invoiced", "paid"]))).get();
  return { ...order, firstDeliveredAt: delivered?.first ?? null, lastDeliveredAt: delivered?.last ?? null };
}

/**
 * Prices really paid from budgets of one council area: the price per unit of every order with at
 * least one visit confirmed, by kind of support and unit (at most the latest 5,000). With each,
 * who bought it, only so the caller can count distinct people; nothing here is shown per person.
 */
export function pricesPaidIn(areaSlug: string, categories: string[]) {
  if (categories.length === 0) return [];
  const paid = sql`EXISTS (SELECT 1 FROM occurrences v WHERE v.order_id = orders.id AND v.status IN ('confirmed', 'invoiced', 'paid'))`;
  return db.select({ category: orders.category, unit: orders.unit, unitPricePence: orders.unitPricePence, buyerId: orders.buyerId })
    .from(orders).innerJoin(budgetAccounts, eq(budgetAccounts.id, orders.budgetAccountId))
    .where(and(eq(budgetAccounts.areaSlug, areaSlug), inArray(orders.category, categories as never), paid))
    .orderBy(desc(orders.id)).limit(5_000).all();
}
