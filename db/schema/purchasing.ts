import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CategorySlug, PriceUnit } from "../../app/directory/vocabulary";
import { users } from "./accounts";
import { budgetAccounts, reservations } from "./budgets";
import { organisations, services } from "./directory";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// The lifecycles are explicit tables in app/purchasing/lifecycle.ts; these types follow them.
export type OrderStatus = "requested" | "declined" | "scheduled" | "cancelled" | "ended";
export type OccurrenceStatus = "scheduled" | "delivered" | "disputed" | "confirmed" | "invoiced" | "paid" | "cancelled";
export type InvoiceStatus = "issued" | "paid";
export type Recurrence = "one-off" | "weekly" | "fortnightly";
export type PaymentMethod = "budget" | "card";

// An order: what a person asked a provider for, and on what terms. Price, unit and name are
// copied from the listing when ordered, so a later price change never changes an agreed order.
export const orders = sqliteTable("orders", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceId: integer().notNull().references(() => services.id),
  organisationId: integer().notNull().references(() => organisations.id),
  /** The person the support is for (the budget holder or self-funder). */
  buyerId: integer().notNull().references(() => users.id),
  /** Who placed it: the person, or a representative acting for them. */
  placedBy: integer().notNull().references(() => users.id),
  status: text().$type<OrderStatus>().notNull().default("requested"),
  paymentMethod: text().$type<PaymentMethod>().notNull(),
  /** The budget that pays, when paid from a budget. */
  budgetAccountId: integer().references(() => budgetAccounts.id),
  serviceName: text().notNull(),
  category: text().$type<CategorySlug>().notNull(),
  unit: text().$type<PriceUnit>().notNull(),
  unitPricePence: integer().notNull(),
  /** Units each time (hours, sessions, items), in hundredths: 150 is an hour and a half. */
  quantityHundredths: integer().notNull(),
  recurrence: text().$type<Recurrence>().notNull(),
  startsOn: text().notNull(),
  /** The last date a recurring order may run to; null runs until ended. */
  endsOn: text(),
  timeFrom: text(),
  timeTo: text(),
  /** Occurrences exist up to this date; recurring orders are booked a few weeks ahead at a time. */
  bookedThrough: text(),
  /** Why the provider declined, or why either side cancelled or ended it. */
  closingReason: text(),
  /** A declined request's main reason, from a fixed list (app/purchasing/order-form.ts) that commissioners may count. */
  declineReason: text(),
  closedBy: integer().references(() => users.id),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [
  index("orders_buyer_idx").on(t.buyerId, t.status, t.id),
  index("orders_organisation_idx").on(t.organisationId, t.status, t.id),
  index("orders_recurring_idx").on(t.status, t.recurrence, t.bookedThrough),
  check("orders_amounts", sql`${t.unitPricePence} >= 0 AND ${t.quantityHundredths} > 0`),
]);

export const invoices = sqliteTable("invoices", {
  id: integer().primaryKey({ autoIncrement: true }),
  orderId: integer().notNull().references(() => orders.id),
  organisationId: integer().notNull().references(() => organisations.id),
  status: text().$type<InvoiceStatus>().notNull().default("issued"),
  issuedOn: text().notNull(),
  totalPence: integer().notNull(),
  paidAt: text(),
  createdBy: integer().references(() => users.id),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("invoices_order_idx").on(t.orderId),
  index("invoices_organisation_idx").on(t.organisationId, t.status),
  check("invoices_total", sql`${t.totalPence} >= 0`),
]);

// One date an order runs on, and its own way from booked to paid. A one-off order has one;
// a recurring order has one per week (or fortnight), booked ahead a few weeks at a time.
export const occurrences = sqliteTable("occurrences", {
  id: integer().primaryKey({ autoIncrement: true }),
  orderId: integer().notNull().references(() => orders.id),
  date: text().notNull(),
  timeFrom: text(),
  timeTo: text(),
  quantityHundredths: integer().notNull(),
  /** What is booked, and set aside from the budget: quantity x the order's price. */
  amountPence: integer().notNull(),
  /** The price per unit this visit was booked at (an order re-priced from a date keeps earlier visits at their price); null: the order's. */
  unitPricePence: integer(),
  status: text().$type<OccurrenceStatus>().notNull().default("scheduled"),
  reservationId: integer().references(() => reservations.id),
  // The provider's record of what was delivered (part-delivery allowed).
  deliveredOn: text(),
  deliveredQuantityHundredths: integer(),
  deliveryNotes: text(),
  deliveredBy: integer().references(() => users.id),
  /** When the delivery was recorded: seven days later it is confirmed unless disputed. */
  deliveryRecordedAt: text(),
  /** Credit notes against it, in total. */
  creditedPence: integer().notNull().default(0),
  /** What the buyer was charged when confirmed (delivered less credits). */
  chargedPence: integer(),
  confirmedAt: text(),
  /** Null when confirmed automatically after seven days. */
  confirmedBy: integer().references(() => users.id),
  invoiceId: integer().references(() => invoices.id),
  cancelReason: text(),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [
  // A date is booked once; a changed order cancels its future dates and books them again.
  uniqueIndex("occurrences_order_date_idx").on(t.orderId, t.date).where(sql`${t.status} <> 'cancelled'`),
  index("occurrences_order_idx").on(t.orderId, t.date),
  index("occurrences_status_idx").on(t.status, t.deliveryRecordedAt),
  index("occurrences_invoice_idx").on(t.invoiceId),
  check("occurrences_amounts", sql`${t.amountPence} >= 0 AND ${t.creditedPence} >= 0 AND ${t.quantityHundredths} > 0`),
]);

// Money the provider gives back for under-delivery, before the buyer is charged.
export const creditNotes = sqliteTable("credit_notes", {
  id: integer().primaryKey({ autoIncrement: true }),
  occurrenceId: integer().notNull().references(() => occurrences.id),
  orderId: integer().notNull().references(() => orders.id),
  amountPence: integer().notNull(),
  reason: text().notNull(),
  createdBy: integer().references(() => users.id),
  createdAt: text().notNull().default(now),
}, (t) => [index("credit_notes_occurrence_idx").on(t.occurrenceId), check("credit_notes_amount", sql`${t.amountPence} > 0`)]);

export const disputes = sqliteTable("disputes", {
  id: integer().primaryKey({ autoIncrement: true }),
  occurrenceId: integer().notNull().references(() => occurrences.id),
  orderId: integer().notNull().references(() => orders.id),
  raisedBy: integer().notNull().references(() => users.id),
  reason: text().notNull(),
  status: text().$type<"open" | "resolved">().notNull().default("open"),
  /** What the moderator decided the provider is paid. */
  settledPence: integer(),
  resolution: text(),
  resolvedBy: integer().references(() => users.id),
  resolvedAt: text(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("disputes_status_idx").on(t.status, t.id),
  uniqueIndex("disputes_open_idx").on(t.occurrenceId).where(sql`${t.status} = 'open'`),
]);

// What the provider is owed for an invoice and whether it has been sent. Budget invoices are
// paid out by whoever holds the money; card invoices are paid by Stripe's destination charge.
export const payouts = sqliteTable("payouts", {
  id: integer().primaryKey({ autoIncrement: true }),
  invoiceId: integer().notNull().references(() => invoices.id),
  organisationId: integer().notNull().references(() => organisations.id),
  method: text().$type<PaymentMethod>().notNull(),
  amountPence: integer().notNull(),
  /** Weave's application fee, kept from a card payment. */
  feePence: integer().notNull().default(0),
  status: text().$type<"due" | "paid">().notNull().default("due"),
  reference: text(),
  paidAt: text(),
  createdAt: text().notNull().default(now),
}, (t) => [uniqueIndex("payouts_invoice_idx").on(t.invoiceId), index("payouts_organisation_idx").on(t.organisationId, t.status)]);

// A provider's Stripe Connect account, kept up to date from account.updated events.
export const paymentAccounts = sqliteTable("payment_accounts", {
  organisationId: integer().primaryKey().references(() => organisations.id),
  stripeAccountId: text().notNull(),
  chargesEnabled: integer({ mode: "boolean" }).notNull().default(false),
  detailsSubmitted: integer({ mode: "boolean" }).notNull().default(false),
  /** When Stripe said what we hold (an event's `created`, or the time we asked): older news is ignored. */
  stateAsOf: integer(),
  updatedAt: text().notNull().default(now),
}, (t) => [uniqueIndex("payment_accounts_stripe_idx").on(t.stripeAccountId)]);

export type CardPaymentStatus = "created" | "processing" | "failed" | "succeeded" | "canceled";

// A card payment of one invoice, as Stripe last told us (one PaymentIntent per invoice).
export const cardPayments = sqliteTable("card_payments", {
  id: integer().primaryKey({ autoIncrement: true }),
  invoiceId: integer().notNull().references(() => invoices.id),
  paymentIntentId: text(),
  amountPence: integer().notNull(),
  applicationFeePence: integer().notNull().default(0),
  status: text().$type<CardPaymentStatus>().notNull().default("created"),
  /** The `created` time of the newest Stripe event applied, so an older one never undoes it. */
  lastEventCreated: integer(),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [uniqueIndex("card_payments_invoice_idx").on(t.invoiceId), uniqueIndex("card_payments_intent_idx").on(t.paymentIntentId)]);

// Every Stripe event id we have acted on, once: a replay finds its id here and changes nothing.
export const stripeEvents = sqliteTable("stripe_events", {
  id: text().primaryKey(),
  type: text().notNull(),
  objectId: text(),
  outcome: text().notNull(),
  receivedAt: text().notNull().default(now),
});

// A question to a provider about a service, before (or instead of) ordering.
export const enquiries = sqliteTable("enquiries", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceId: integer().notNull().references(() => services.id),
  organisationId: integer().notNull().references(() => organisations.id),
  buyerId: integer().notNull().references(() => users.id),
  createdBy: integer().notNull().references(() => users.id),
  subject: text().notNull(),
  /** Asked from an anonymised request (app/requests): the provider sees no name until the person accepts an offer. */
  hidesBuyer: integer({ mode: "boolean" }).notNull().default(false),
  lastMessageAt: text().notNull().default(now),
  createdAt: text().notNull().default(now),
}, (t) => [index("enquiries_buyer_idx").on(t.buyerId, t.lastMessageAt), index("enquiries_organisation_idx").on(t.organisationId, t.lastMessageAt)]);

// Messages between buyer (and their representatives) and provider, on an order or an enquiry.
export const messages = sqliteTable("messages", {
  id: integer().primaryKey({ autoIncrement: true }),
  orderId: integer().references(() => orders.id),
  enquiryId: integer().references(() => enquiries.id),
  /** Null for what Weave itself says ("Accepted", "Delivery recorded"). */
  authorId: integer().references(() => users.id),
  /** Which side wrote it, so a representative's message reads as written for the person. */
  party: text().$type<"buyer" | "provider" | "moderator" | "weave">().notNull(),
  body: text().notNull(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("messages_order_idx").on(t.orderId, t.id),
  index("messages_enquiry_idx").on(t.enquiryId, t.id),
  check("messages_belong", sql`(${t.orderId} IS NULL) <> (${t.enquiryId} IS NULL)`),
]);
