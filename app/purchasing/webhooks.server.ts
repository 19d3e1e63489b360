// Stripe's webhooks: verified against the raw body, each event id acted on once, and applied
// so that replays and events arriving out of order are harmless: a payment only ever moves
// forward (succeeded is final), an invoice is paid once, and its payout is recorded once.
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Tx } from "../../db/client";
import { cardPayments, invoices, orders, payouts, stripeEvents, type CardPaymentStatus } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { formatPence } from "../directory/format";
import { postSystemMessage } from "./messages.server";
import { payOut } from "../budgets/budgets.server";
import { markInvoicePaid, payoutKey } from "./orders.server";
import { updatePaymentAccount } from "./payments.server";
import { invoiceNumber } from "./schedule";
import { verifyStripeEvent } from "./stripe.server";

export type WebhookResult = { status: number; body: string };

/** The whole endpoint, minus HTTP: a bad or missing signature changes nothing and answers 400. */
export function handleStripeWebhook(rawBody: string, signature: string | null, secret: string, now = new Date()): WebhookResult {
  if (!signature) return { status: 400, body: "Missing Stripe-Signature header" };
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(rawBody, signature, secret, now.getTime());
  } catch {
    return { status: 400, body: "Bad signature" };
  }
  const outcome = applyStripeEvent(event, now);
  return { status: 200, body: outcome };
}

// Statuses a card payment can only move forward through; a late "processing" never undoes "succeeded".
const rank: Record<CardPaymentStatus, number> = { created: 0, processing: 1, failed: 1, canceled: 2, succeeded: 3 };

/** Applies one verified event in one transaction; an event id seen before changes nothing. */
export function applyStripeEvent(event: Stripe.Event, now = new Date()): string {
  return db.transaction((tx) => {
    if (tx.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id)).get()) return "duplicate";
    const object = event.data.object as { id?: string };
    const outcome = apply(tx, event, now);
    tx.insert(stripeEvents).values({ id: event.id, type: event.type, objectId: object.id ?? null, outcome }).run();
    return outcome;
  }, { behavior: "immediate" });
}

function apply(tx: Tx, event: Stripe.Event, now: Date): string {
  switch (event.type) {
    case "payment_intent.succeeded":
      return paymentSucceeded(tx, event.data.object, event.created, now);
    case "payment_intent.processing":
      return paymentMoved(tx, event.data.object, "processing", event.created);
    case "payment_intent.payment_failed":
      return paymentMoved(tx, event.data.object, "failed", event.created);
    case "payment_intent.canceled":
      return paymentMoved(tx, event.data.object, "canceled", event.created);
    case "account.updated": {
      const a = event.data.object;
      const outcome = updatePaymentAccount(a.id, { chargesEnabled: a.charges_enabled ?? false, detailsSubmitted: a.details_submitted ?? false }, event.created);
      return { updated: "account updated", stale: "stale account update ignored", unknown: "unknown account" }[outcome];
    }
    default:
      return "ignored";
  }
}

function invoiceOf(tx: Tx, pi: Stripe.PaymentIntent) {
  const invoiceId = Number(pi.metadata?.invoice_id);
  if (!Number.isSafeInteger(invoiceId) || invoiceId <= 0) return null;
  return tx.select({ invoice: invoices, order: orders }).from(invoices).innerJoin(orders, eq(orders.id, invoices.orderId)).where(eq(invoices.id, invoiceId)).get() ?? null;
}

/** Records where a payment has got to, creating its row if our own write has not happened yet. */
function upsertPayment(tx: Tx, invoiceId: number, pi: Stripe.PaymentIntent, status: CardPaymentStatus, created: number): boolean {
  const current = tx.select().from(cardPayments).where(eq(cardPayments.invoiceId, invoiceId)).get();
  const fee = pi.application_fee_amount ?? 0;
  if (!current) {
    tx.insert(cardPayments).values({ invoiceId, paymentIntentId: pi.id, amountPence: pi.amount, applicationFeePence: fee, status, lastEventCreated: created }).run();
    return true;
  }
  // Older news than what we hold, or a step backwards: keep what we have.
  if (rank[status] < rank[current.status] || (current.lastEventCreated !== null && created < current.lastEventCreated && rank[status] <= rank[current.status])) return false;
  tx.update(cardPayments).set({ status, paymentIntentId: pi.id, applicationFeePence: fee, lastEventCreated: Math.max(created, current.lastEventCreated ?? 0), updatedAt: now() })
    .where(eq(cardPayments.id, current.id)).run();
  return true;
}
const now = () => new Date().toISOString();

function paymentMoved(tx: Tx, pi: Stripe.PaymentIntent, status: CardPaymentStatus, created: number): string {
  const found = invoiceOf(tx, pi);
  if (!found) return "not ours";
  return upsertPayment(tx, found.invoice.id, pi, status, created) ? `payment ${status}` : `stale ${status} ignored`;
}

function paymentSucceeded(tx: Tx, pi: Stripe.PaymentIntent, created: number, at: Date): string {
  const found = invoiceOf(tx, pi);
  if (!found) return "not ours";
  const { invoice, order } = found;
  // Never mark an invoice paid for a different amount: someone must look at it.
  if (pi.amount !== invoice.totalPence || pi.currency !== "gbp") {
    recordAudit(tx, { actorId: null, personId: order.buyerId, action: "payments.amount-mismatch", subjectType: "invoice", subjectId: invoice.id, detail: { paymentIntent: pi.id, amount: pi.amount } });
    return "amount mismatch";
  }
  upsertPayment(tx, invoice.id, pi, "succeeded", created);
  if (!markInvoicePaid(tx, invoice.id, at)) return "already paid";
  const fee = pi.application_fee_amount ?? 0;
  // A destination charge: Stripe has already moved the money, less our fee, to the provider.
  tx.insert(payouts).values({
    invoiceId: invoice.id, organisationId: order.organisationId, method: "card", amountPence: pi.amount - fee, feePence: fee,
    status: "paid", reference: pi.id, paidAt: at.toISOString(),
  }).onConflictDoNothing().run();
  // Paid with a direct payment's card: the budget already spent it at confirmation (it is owed
  // to the provider in the ledger); the card payment settles that debt.
  if (order.budgetAccountId) {
    payOut({ organisationId: order.organisationId, amountPence: pi.amount, reference: pi.id, idempotencyKey: payoutKey(invoice.id), by: null, effectiveOn: at.toISOString().slice(0, 10) });
  }
  postSystemMessage(tx, order.id, `Invoice ${invoiceNumber(invoice.id)} is paid by card: ${formatPence(pi.amount)}.`);
  recordAudit(tx, { actorId: null, personId: order.buyerId, action: "order.paid-by-card", subjectType: "invoice", subjectId: invoice.id, detail: { paymentIntent: pi.id, amountPence: pi.amount, feePence: fee } });
  return "invoice paid";
}
