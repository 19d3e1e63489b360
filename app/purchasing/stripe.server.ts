// The one place Weave talks to Stripe's API. Everything else calls these few functions, so the
// tests can point them at a local stand-in (STRIPE_API_URL, or `apiUrl` here) and the rest of
// the app never sees the SDK. Every call that creates something carries an idempotency key
// derived from our own ids; the SDK retries timeouts, connection errors and 5xx answers with
// that same key, so a retry can never create a second payment or account.
import Stripe from "stripe";
import { config } from "../config.server";

export type StripeOptions = {
  secretKey: string;
  /** A stand-in for api.stripe.com, e.g. http://127.0.0.1:4010 (tests and offline demos). */
  apiUrl?: string;
  /** Per attempt. Stripe's own default is 80 s; a person is waiting on a page here. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
};

export type PaymentIntentRequest = {
  orderId: number;
  invoiceId: number;
  amountPence: number;
  applicationFeePence: number;
  destinationAccountId: string;
  description: string;
};

export type PaymentIntentSummary = { id: string; clientSecret: string | null; status: string; amountPence: number };
export type ConnectedAccount = { id: string; chargesEnabled: boolean; detailsSubmitted: boolean };

export const paymentIntentKey = (orderId: number, invoiceId: number) => `order:${orderId}:invoice:${invoiceId}:payment-intent`;
export const connectedAccountKey = (organisationId: number) => `organisation:${organisationId}:connect-account`;

const summary = (pi: Stripe.PaymentIntent): PaymentIntentSummary => ({ id: pi.id, clientSecret: pi.client_secret, status: pi.status, amountPence: pi.amount });
const account = (a: Stripe.Account): ConnectedAccount => ({ id: a.id, chargesEnabled: a.charges_enabled ?? false, detailsSubmitted: a.details_submitted ?? false });

export function createStripeAdapter(options: StripeOptions) {
  const url = options.apiUrl ? new URL(options.apiUrl) : null;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 15_000,
    ...(url && {
      host: url.hostname,
      port: Number(url.port || (url.protocol === "http:" ? 80 : 443)),
      protocol: url.protocol === "http:" ? "http" : "https",
    }),
  });

  return {
    /** A destination charge: the buyer pays Weave's platform, Stripe moves the money less our fee to the provider. */
    async createPaymentIntent(r: PaymentIntentRequest): Promise<PaymentIntentSummary> {
      const pi = await stripe.paymentIntents.create({
        amount: r.amountPence,
        currency: "gbp",
        automatic_payment_methods: { enabled: true },
        description: r.description,
        metadata: { order_id: String(r.orderId), invoice_id: String(r.invoiceId) },
        transfer_data: { destination: r.destinationAccountId },
        ...(r.applicationFeePence > 0 && { application_fee_amount: r.applicationFeePence }),
      }, { idempotencyKey: paymentIntentKey(r.orderId, r.invoiceId) });
      return summary(pi);
    },

    async retrievePaymentIntent(id: string): Promise<PaymentIntentSummary> {
      return summary(await stripe.paymentIntents.retrieve(id));
    },

    /** An Express account for a provider, onboarded by Stripe's own pages (account links). */
    async createConnectedAccount(organisation: { id: number; name: string; email: string | null }): Promise<ConnectedAccount> {
      const created = await stripe.accounts.create({
        type: "express",
        country: "GB",
        ...(organisation.email && { email: organisation.email }),
        business_profile: { name: organisation.name },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { organisation_id: String(organisation.id) },
      }, { idempotencyKey: connectedAccountKey(organisation.id) });
      return account(created);
    },

    /** A single-use link to Stripe's onboarding; expires in minutes, so it is never stored. */
    async createAccountLink(accountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<string> {
      const link = await stripe.accountLinks.create({ account: accountId, type: "account_onboarding", refresh_url: urls.refreshUrl, return_url: urls.returnUrl });
      return link.url;
    },

    async retrieveAccount(id: string): Promise<ConnectedAccount> {
      return account(await stripe.accounts.retrieve(id));
    },
  };
}

export type StripeAdapter = ReturnType<typeof createStripeAdapter>;

/**
 * Checks a webhook's signature against the raw body and returns the event, or throws. Needs no
 * API key: the signing secret is all it uses.
 */
export function verifyStripeEvent(rawBody: string, signature: string, secret: string, now = Date.now()): Stripe.Event {
  // Stripe refuses events signed more than five minutes before `now` (milliseconds): a replayed
  // old request with a valid signature is still turned away.
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, undefined, undefined, now);
}

let adapter: StripeAdapter | null | undefined;

/** The adapter for this server's keys, or null when card payments are switched off. */
export function stripeAdapter(): StripeAdapter | null {
  if (adapter === undefined) {
    adapter = config.STRIPE_SECRET_KEY ? createStripeAdapter({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL }) : null;
  }
  return adapter;
}

/** Tests swap in an adapter pointed at their own stand-in server. */
export function useStripeAdapter(next: StripeAdapter | null) {
  adapter = next;
}
