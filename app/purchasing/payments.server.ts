// Card payments: providers connect a Stripe account (Connect onboarding by account link), and a
// buyer pays a card invoice through a PaymentIntent that Stripe settles as a destination charge
// (the provider receives the amount less Weave's application fee). Network calls happen outside
// any database transaction; what they return is written afterwards.
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "../../db/client";
import { cardPayments, invoices, orders, organisations, paymentAccounts } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canActAsBuyer, canSetUpCardPayments } from "../accounts/permissions";
import { cardPaymentsEnabled, config } from "../config.server";
import { OrderError } from "./lifecycle";
import { invoiceNumber } from "./schedule";
import { stripeAdapter } from "./stripe.server";

export type PaymentAccount = typeof paymentAccounts.$inferSelect;

export function paymentAccountOf(organisationId: number): PaymentAccount | null {
  return db.select().from(paymentAccounts).where(eq(paymentAccounts.organisationId, organisationId)).get() ?? null;
}

/** Can this provider take a card payment through Weave now? */
export const cardReadyFor = (organisationId: number) => cardPaymentsEnabled() && !!paymentAccountOf(organisationId)?.chargesEnabled;

/** Weave's fee on a card payment, as configured (STRIPE_APPLICATION_FEE_BPS, default 0). */
export const applicationFeeFor = (amountPence: number, bps = config.STRIPE_APPLICATION_FEE_BPS) => Math.floor((amountPence * bps) / 10_000);

function requireAdapter() {
  const adapter = stripeAdapter();
  if (!adapter) throw new OrderError("invalid", "Card payments are switched off on this Weave site: it has not been given Stripe keys.");
  return adapter;
}

/**
 * Starts (or continues) a provider's Stripe onboarding: creates their connected account once
 * (the idempotency key is the organisation's id) and returns a fresh single-use link to Stripe.
 */
export async function startOnboarding(actor: Actor, organisationId: number, urls: { refreshUrl: string; returnUrl: string }): Promise<string> {
  if (!canSetUpCardPayments(actor, organisationId)) throw new OrderError("not-permitted", "Only the organisation's owners can set up card payments.");
  const adapter = requireAdapter();
  let accountId = paymentAccountOf(organisationId)?.stripeAccountId;
  if (!accountId) {
    const org = db.select({ id: organisations.id, name: organisations.name, email: organisations.email }).from(organisations).where(eq(organisations.id, organisationId)).get();
    if (!org) throw new OrderError("missing", "There is no such organisation.");
    const created = await adapter.createConnectedAccount(org);
    accountId = created.id;
    db.transaction((tx) => {
      tx.insert(paymentAccounts).values({ organisationId, stripeAccountId: created.id, chargesEnabled: created.chargesEnabled, detailsSubmitted: created.detailsSubmitted })
        .onConflictDoNothing().run();
      recordAudit(tx, { actorId: actor.user.id, action: "payments.connect-account", subjectType: "organisation", subjectId: organisationId, detail: { account: created.id } });
    });
  }
  return adapter.createAccountLink(accountId, urls);
}

/** Asks Stripe how a provider's onboarding stands (on their return from Stripe's pages). */
export async function refreshPaymentAccount(actor: Actor, organisationId: number) {
  if (!canSetUpCardPayments(actor, organisationId)) throw new OrderError("not-permitted", "Only the organisation's owners can set up card payments.");
  const current = paymentAccountOf(organisationId);
  if (!current) return null;
  const latest = await requireAdapter().retrieveAccount(current.stripeAccountId);
  updatePaymentAccount(latest.id, { chargesEnabled: latest.chargesEnabled, detailsSubmitted: latest.detailsSubmitted });
  return paymentAccountOf(organisationId);
}

/**
 * Takes what Stripe says of an account unless we already hold newer news (Stripe does not
 * promise to deliver account.updated events in order). `asOf` is in Stripe's seconds.
 */
export function updatePaymentAccount(stripeAccountId: string, state: { chargesEnabled: boolean; detailsSubmitted: boolean }, asOf = Math.floor(Date.now() / 1000)): "updated" | "stale" | "unknown" {
  const changed = db.update(paymentAccounts).set({ ...state, stateAsOf: asOf, updatedAt: new Date().toISOString() })
    .where(and(eq(paymentAccounts.stripeAccountId, stripeAccountId), or(isNull(paymentAccounts.stateAsOf), lte(paymentAccounts.stateAsOf, asOf)))).run().changes;
  if (changed > 0) return "updated";
  return db.select({ id: paymentAccounts.organisationId }).from(paymentAccounts).where(eq(paymentAccounts.stripeAccountId, stripeAccountId)).get() ? "stale" : "unknown";
}

/**
 * What the card form needs to take payment for an invoice: one PaymentIntent per invoice, made
 * with a key derived from the order and invoice, so pressing Pay twice (or two tabs) reuses it.
 */
export async function startCardPayment(actor: Actor, invoiceId: number) {
  const found = db.select({ invoice: invoices, order: orders }).from(invoices).innerJoin(orders, eq(orders.id, invoices.orderId)).where(eq(invoices.id, invoiceId)).get();
  if (!found) throw new OrderError("missing", "There is no such invoice.");
  const { invoice, order } = found;
  if (!canActAsBuyer(actor, order)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can pay this invoice.");
  if (order.paymentMethod !== "card") throw new OrderError("invalid", "This order is paid from a budget, not by card.");
  if (invoice.status === "paid") throw new OrderError("illegal-transition", `Invoice ${invoiceNumber(invoice.id)} is already paid.`);
  const adapter = requireAdapter();
  const destination = paymentAccountOf(order.organisationId);
  if (!destination?.chargesEnabled) throw new OrderError("invalid", "The provider cannot take card payments at the moment. Send them a message.");
  const existing = db.select().from(cardPayments).where(eq(cardPayments.invoiceId, invoice.id)).get();
  const intent = existing?.paymentIntentId
    ? await adapter.retrievePaymentIntent(existing.paymentIntentId)
    : await adapter.createPaymentIntent({
      orderId: order.id, invoiceId: invoice.id, amountPence: invoice.totalPence, applicationFeePence: applicationFeeFor(invoice.totalPence),
      destinationAccountId: destination.stripeAccountId, description: `Weave invoice ${invoiceNumber(invoice.id)}: ${order.serviceName}`,
    });
  if (!existing) {
    db.insert(cardPayments).values({ invoiceId: invoice.id, paymentIntentId: intent.id, amountPence: invoice.totalPence, applicationFeePence: applicationFeeFor(invoice.totalPence) })
      .onConflictDoNothing().run();
  }
  return { clientSecret: intent.clientSecret, publishableKey: config.STRIPE_PUBLISHABLE_KEY!, amountPence: invoice.totalPence, status: intent.status };
}
