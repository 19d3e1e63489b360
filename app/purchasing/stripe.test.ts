// Card payments without a network: the API adapter against a stand-in Stripe on 127.0.0.1
// (a 500 and a timeout retried with the same idempotency key), and webhooks signed for real
// with the SDK's test header — a bad signature changes nothing, and the same event three
// times, or events out of order, record one payment.
import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.hoisted(() => {
  // Card payments on for this file only (config is read once, when first imported).
  process.env.STRIPE_SECRET_KEY = "sk_test_weave";
  process.env.STRIPE_PUBLISHABLE_KEY = "pk_test_weave";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_weave";
  process.env.STRIPE_APPLICATION_FEE_BPS = "250";
});

import { db } from "../../db/client";
import { cardPayments, invoices, occurrences, orders, paymentAccounts, payouts, stripeEvents } from "../../db/schema";
import { startFakeStripe, type FakeStripe } from "../../tests/support/fake-stripe";
import { at, orderTerms, orderWorld, placed, type World } from "../../tests/support/orders";
import { balancesOf } from "../budgets/budgets.server";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import { action as webhookRoute } from "../routes/webhooks.stripe";
import { acceptOrder, confirmDelivery, issueInvoice, placeOrder, recordDelivery } from "./orders.server";
import { refreshPaymentAccount, startCardPayment, startOnboarding } from "./payments.server";
import { createStripeAdapter, useStripeAdapter } from "./stripe.server";
import { handleStripeWebhook } from "./webhooks.server";

const SECRET = "whsec_test_weave";
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.trouble.length = 0;
  useStripeAdapter(createStripeAdapter({ secretKey: "sk_test_weave", apiUrl: fake.url, timeoutMs: 400, maxRetries: 2 }));
});

describe("the API adapter", () => {
  const request = { orderId: 7, invoiceId: 9, amountPence: 3_600, applicationFeePence: 90, destinationAccountId: "acct_provider", description: "Weave invoice W-000009" };

  test("a 500 and then a timeout are retried with the same idempotency key, and one PaymentIntent results", async () => {
    fake.trouble.push("500", "hang");
    const adapter = createStripeAdapter({ secretKey: "sk_test_weave", apiUrl: fake.url, timeoutMs: 400, maxRetries: 2 });
    const pi = await adapter.createPaymentIntent(request);
    expect(pi).toMatchObject({ id: expect.stringMatching(/^pi_test_/), status: "requires_payment_method", amountPence: 3_600 });
    expect(fake.requests.map((r) => [r.method, r.path, r.idempotencyKey])).toEqual([
      ["POST", "/v1/payment_intents", "order:7:invoice:9:payment-intent"],
      ["POST", "/v1/payment_intents", "order:7:invoice:9:payment-intent"],
      ["POST", "/v1/payment_intents", "order:7:invoice:9:payment-intent"],
    ]);
    const form = Object.fromEntries(fake.requests[2]!.form);
    expect(form).toMatchObject({
      amount: "3600", currency: "gbp", application_fee_amount: "90", "transfer_data[destination]": "acct_provider",
      "metadata[order_id]": "7", "metadata[invoice_id]": "9", "automatic_payment_methods[enabled]": "true",
    });
  }, 15_000);

  test("gives up after its retries, with an error the caller can show", async () => {
    fake.trouble.push("500", "500", "500");
    const adapter = createStripeAdapter({ secretKey: "sk_test_weave", apiUrl: fake.url, timeoutMs: 400, maxRetries: 2 });
    await expect(adapter.createPaymentIntent(request)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey))).toEqual(new Set(["order:7:invoice:9:payment-intent"]));
    expect(fake.requests).toHaveLength(3);
  }, 15_000);

  test("no application fee is sent when the fee is zero (the default)", async () => {
    const adapter = createStripeAdapter({ secretKey: "sk_test_weave", apiUrl: fake.url });
    await adapter.createPaymentIntent({ ...request, applicationFeePence: 0 });
    expect(fake.requests[0]!.form.has("application_fee_amount")).toBe(false);
  });
});

const cardWorld = () => {
  const w = orderWorld();
  db.insert(paymentAccounts).values({ organisationId: w.ids.organisation, stripeAccountId: "acct_provider", chargesEnabled: true, detailsSubmitted: true }).run();
  return w;
};

/** A card order delivered, confirmed and invoiced: £36 to pay. */
function invoicedCardOrder(w: World) {
  const id = placed(w, { payWith: "card" });
  acceptOrder(w.as.staff(), id, at("2026-02-01"));
  const visit = db.select().from(occurrences).where(eq(occurrences.orderId, id)).get()!;
  recordDelivery(w.as.staff(), visit.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
  confirmDelivery(w.as.holder(), visit.id, at("2026-02-04"));
  return { orderId: id, invoice: issueInvoice(w.as.staff(), id, at("2026-02-05")), visitId: visit.id };
}

function event(id: string, type: string, object: object, created = Math.floor(Date.now() / 1000)) {
  return JSON.stringify({ id, object: "event", api_version: "2026-10-28.endive", created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } });
}
const sign = (payload: string, secret = SECRET, timestamp?: number) => Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp && { timestamp }) });

const intent = (o: { orderId: number; invoiceId: number }, status: string, amount = 3_600) => ({
  id: "pi_test_1", object: "payment_intent", amount, amount_received: status === "succeeded" ? amount : 0, application_fee_amount: 90, currency: "gbp",
  status, metadata: { order_id: String(o.orderId), invoice_id: String(o.invoiceId) }, transfer_data: { destination: "acct_provider" },
});

describe("paying an invoice by card", () => {
  let w: World;
  beforeEach(() => {
    w = cardWorld();
  });

  test("one PaymentIntent per invoice, keyed by our ids, with the configured application fee; pressing Pay again reuses it", async () => {
    const { orderId, invoice } = invoicedCardOrder(w);
    const first = await startCardPayment(w.as.holder(), invoice.id);
    const again = await startCardPayment(w.as.representative(), invoice.id);
    expect(first).toMatchObject({ clientSecret: expect.stringMatching(/^pi_test_\d+_secret_test$/), publishableKey: "pk_test_weave", amountPence: 3_600 });
    expect(again.clientSecret).toBe(first.clientSecret);
    const id = first.clientSecret!.replace("_secret_test", "");
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/payment_intents", `GET /v1/payment_intents/${id}`]);
    expect(fake.requests[0]!.idempotencyKey).toBe(`order:${orderId}:invoice:${invoice.id}:payment-intent`);
    expect(fake.requests[0]!.form.get("application_fee_amount")).toBe("90"); // 2.5% of £36
    await expect(startCardPayment(w.as.stranger(), invoice.id)).rejects.toMatchObject({ code: "not-permitted" });
  });

  test("a bad, missing or stale signature answers 400 and changes nothing", async () => {
    const { orderId, invoice } = invoicedCardOrder(w);
    const payload = event("evt_1", "payment_intent.succeeded", intent({ orderId, invoiceId: invoice.id }, "succeeded"));
    const before = { invoices: db.select().from(invoices).all(), payouts: db.select().from(payouts).all() };
    expect(handleStripeWebhook(payload, sign(payload, "whsec_someone_else"), SECRET).status).toBe(400);
    expect(handleStripeWebhook(payload, null, SECRET).status).toBe(400);
    expect(handleStripeWebhook(payload.replace("3600", "1"), sign(payload), SECRET).status).toBe(400);
    expect(handleStripeWebhook(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) - 3_600), SECRET).status).toBe(400);
    expect(db.select().from(stripeEvents).all()).toEqual([]);
    expect({ invoices: db.select().from(invoices).all(), payouts: db.select().from(payouts).all() }).toEqual(before);
  });

  test("the same event three times, and events out of order, record one payment", () => {
    const { orderId, invoice, visitId } = invoicedCardOrder(w);
    const t = Math.floor(Date.now() / 1000);
    const processing = event("evt_processing", "payment_intent.processing", intent({ orderId, invoiceId: invoice.id }, "processing"), t - 10);
    const succeeded = event("evt_succeeded", "payment_intent.succeeded", intent({ orderId, invoiceId: invoice.id }, "succeeded"), t);
    const failedEarlier = event("evt_failed", "payment_intent.payment_failed", intent({ orderId, invoiceId: invoice.id }, "requires_payment_method"), t - 20);
    // Succeeded arrives first (and before our own card_payments row was ever written), three times.
    const answers = [succeeded, succeeded, succeeded, processing, failedEarlier].map((p) => handleStripeWebhook(p, sign(p), SECRET));
    expect(answers).toEqual([
      { status: 200, body: "invoice paid" }, { status: 200, body: "duplicate" }, { status: 200, body: "duplicate" },
      { status: 200, body: "stale processing ignored" }, { status: 200, body: "stale failed ignored" },
    ]);
    expect(db.select().from(payouts).all()).toEqual([expect.objectContaining({ method: "card", amountPence: 3_510, feePence: 90, status: "paid", reference: "pi_test_1" })]);
    expect(db.select().from(cardPayments).all()).toEqual([expect.objectContaining({ status: "succeeded", paymentIntentId: "pi_test_1" })]);
    expect(db.select().from(invoices).where(eq(invoices.id, invoice.id)).get()!.status).toBe("paid");
    expect(db.select().from(occurrences).where(eq(occurrences.id, visitId)).get()!.status).toBe("paid");
    // A second, different event saying the same thing (Stripe may send one) is also harmless.
    const another = event("evt_succeeded_again", "payment_intent.succeeded", intent({ orderId, invoiceId: invoice.id }, "succeeded"), t + 5);
    expect(handleStripeWebhook(another, sign(another), SECRET)).toEqual({ status: 200, body: "already paid" });
    expect(db.select().from(payouts).all()).toHaveLength(1);
  });

  test("a payment for the wrong amount does not pay the invoice", () => {
    const { orderId, invoice } = invoicedCardOrder(w);
    const p = event("evt_short", "payment_intent.succeeded", intent({ orderId, invoiceId: invoice.id }, "succeeded", 100));
    expect(handleStripeWebhook(p, sign(p), SECRET)).toEqual({ status: 200, body: "amount mismatch" });
    expect(db.select().from(invoices).where(eq(invoices.id, invoice.id)).get()!.status).toBe("issued");
    expect(db.select().from(payouts).all()).toEqual([]);
  });

  test("through the route: the raw body is verified and a Stripe post with no Origin is accepted", async () => {
    const { orderId, invoice } = invoicedCardOrder(w);
    const payload = event("evt_route", "payment_intent.succeeded", intent({ orderId, invoiceId: invoice.id }, "succeeded"));
    const post = (body: string, signature: string) => webhookRoute({
      request: new Request("http://weave.test/webhooks/stripe", { method: "POST", body, headers: { "Stripe-Signature": signature, "Content-Type": "application/json" } }),
      params: {}, context: {} as never, unstable_pattern: "/webhooks/stripe",
    } as never);
    expect((await post(payload, "t=1,v1=forged")).status).toBe(400);
    const ok = await post(payload, sign(payload));
    expect([ok.status, await ok.text()]).toEqual([200, "invoice paid"]);
  });
});

describe("a direct payment's own card", () => {
  test("the budget sets the money aside and spends it like any budget order; the card payment settles what the provider is owed, once", () => {
    const w = cardWorld();
    const id = placed(w, { payWith: { budgetAccountId: w.ids.budget, card: true } });
    expect(db.select().from(orders).where(eq(orders.id, id)).get()).toMatchObject({ paymentMethod: "card", budgetAccountId: w.ids.budget });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 96_400, reserved: 3_600 });
    const visit = db.select().from(occurrences).where(eq(occurrences.orderId, id)).get()!;
    recordDelivery(w.as.staff(), visit.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
    confirmDelivery(w.as.holder(), visit.id, at("2026-02-04"));
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 96_400, reserved: 0 });
    expect(balanceOf(`payable:${w.ids.organisation}`)).toBe(3_600);
    const invoice = issueInvoice(w.as.staff(), id, at("2026-02-05"));
    // Nobody at Weave pays this one out: the person pays it with the card.
    expect(db.select().from(payouts).all()).toEqual([]);
    const paid = event("evt_dp_card", "payment_intent.succeeded", intent({ orderId: id, invoiceId: invoice.id }, "succeeded"));
    expect(handleStripeWebhook(paid, sign(paid), SECRET)).toEqual({ status: 200, body: "invoice paid" });
    expect(handleStripeWebhook(paid, sign(paid), SECRET)).toEqual({ status: 200, body: "duplicate" });
    expect([balanceOf(`payable:${w.ids.organisation}`), balanceOf(`paid:${w.ids.organisation}`)]).toEqual([0, 3_600]);
    expect(balancesOf(w.ids.budget).available).toBe(96_400);
    expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
  });

  test("only a direct payment has a card: an ISF cannot be chosen to pay by card, and says why", () => {
    const w = orderWorld({ arrangement: "isf" });
    db.insert(paymentAccounts).values({ organisationId: w.ids.organisation, stripeAccountId: "acct_provider", chargesEnabled: true, detailsSubmitted: true }).run();
    const r = placeOrder(w.as.holder(), orderTerms(w, { payWith: { budgetAccountId: w.ids.budget, card: true } }), at("2026-02-01"));
    expect(r).toMatchObject({ ok: false, refusal: { rule: "card-budget", explanation: expect.stringMatching(/Only a direct payment comes with its own card/) } });
    expect(db.select().from(orders).all()).toEqual([]);
  });
});

describe("providers connecting to Stripe", () => {
  test("an owner gets an onboarding link; the account is created once, keyed by the organisation", async () => {
    const w = orderWorld();
    const urls = { refreshUrl: "http://weave.test/provider/inbox?stripe=refresh", returnUrl: "http://weave.test/provider/inbox?stripe=return" };
    fake.trouble.push("500");
    const link = await startOnboarding(w.as.staff(), w.ids.organisation, urls);
    expect(link).toBe("https://connect.stripe.com/setup/e/acct_test_1/test");
    await startOnboarding(w.as.staff(), w.ids.organisation, urls);
    const creates = fake.requests.filter((r) => r.path === "/v1/accounts");
    expect(creates.map((r) => r.idempotencyKey)).toEqual([`organisation:${w.ids.organisation}:connect-account`, `organisation:${w.ids.organisation}:connect-account`]);
    expect(fake.requests.filter((r) => r.path === "/v1/account_links").map((r) => r.form.get("type"))).toEqual(["account_onboarding", "account_onboarding"]);
    await expect(startOnboarding(w.as.otherStaff(), w.ids.organisation, urls)).rejects.toMatchObject({ code: "not-permitted" });
    expect((await refreshPaymentAccount(w.as.staff(), w.ids.organisation))?.chargesEnabled).toBe(true);
  });

  test("account.updated events switch card payments on for the provider", () => {
    const w = orderWorld();
    db.insert(paymentAccounts).values({ organisationId: w.ids.organisation, stripeAccountId: "acct_new" }).run();
    const p = event("evt_acct", "account.updated", { id: "acct_new", object: "account", charges_enabled: true, details_submitted: true });
    expect(handleStripeWebhook(p, sign(p), SECRET)).toEqual({ status: 200, body: "account updated" });
    expect(db.select().from(paymentAccounts).get()!.chargesEnabled).toBe(true);
  });

  test("an older account.updated arriving after a newer one changes nothing", () => {
    const w = orderWorld();
    db.insert(paymentAccounts).values({ organisationId: w.ids.organisation, stripeAccountId: "acct_new", chargesEnabled: true }).run();
    const t = Math.floor(Date.now() / 1000);
    const disabled = event("evt_acct_new", "account.updated", { id: "acct_new", object: "account", charges_enabled: false, details_submitted: true }, t);
    const enabledEarlier = event("evt_acct_old", "account.updated", { id: "acct_new", object: "account", charges_enabled: true, details_submitted: true }, t - 60);
    expect(handleStripeWebhook(disabled, sign(disabled), SECRET).body).toBe("account updated");
    expect(handleStripeWebhook(enabledEarlier, sign(enabledEarlier), SECRET).body).toBe("stale account update ignored");
    expect(db.select().from(paymentAccounts).get()!.chargesEnabled).toBe(false);
  });
});
