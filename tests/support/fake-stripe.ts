// A stand-in for api.stripe.com on 127.0.0.1: it records every request (path, form body,
// idempotency key) and answers with Stripe-shaped objects, shaped after the examples in Stripe's
// API reference. A test can make the next answers fail: a 500, or no answer at all (a timeout).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Recorded = { method: string; path: string; idempotencyKey: string | null; form: URLSearchParams };
export type Trouble = "500" | "hang";

const created = () => Math.floor(Date.now() / 1000);

function paymentIntent(form: URLSearchParams, n: number) {
  const id = `pi_test_${n}`;
  return {
    id, object: "payment_intent", amount: Number(form.get("amount")), amount_capturable: 0, amount_received: 0,
    application_fee_amount: form.get("application_fee_amount") ? Number(form.get("application_fee_amount")) : null,
    automatic_payment_methods: { enabled: true }, canceled_at: null, cancellation_reason: null, capture_method: "automatic",
    client_secret: `${id}_secret_test`, confirmation_method: "automatic", created: created(), currency: form.get("currency"),
    customer: null, description: form.get("description"), last_payment_error: null, latest_charge: null, livemode: false,
    metadata: { order_id: form.get("metadata[order_id]"), invoice_id: form.get("metadata[invoice_id]") }, next_action: null,
    on_behalf_of: null, payment_method: null, payment_method_types: ["card"], status: "requires_payment_method",
    transfer_data: form.get("transfer_data[destination]") ? { destination: form.get("transfer_data[destination]") } : null, transfer_group: null,
  };
}

function account(id: string, form?: URLSearchParams) {
  return {
    id, object: "account", type: "express", country: "GB", email: form?.get("email") ?? null, charges_enabled: false, payouts_enabled: false,
    details_submitted: false, business_profile: { name: form?.get("business_profile[name]") ?? null }, created: created(),
    metadata: { organisation_id: form?.get("metadata[organisation_id]") ?? null }, requirements: { currently_due: ["external_account"] },
  };
}

export type FakeStripe = { url: string; requests: Recorded[]; trouble: Trouble[]; close: () => Promise<void> };

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: Recorded[] = [];
  const trouble: Trouble[] = [];
  const intents = new Map<string, object>();
  let n = 0;
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(body));
  });
  const server: Server = createServer(async (req, res) => {
    const form = new URLSearchParams(await read(req));
    requests.push({ method: req.method!, path: req.url!, idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null, form });
    const next = trouble.shift();
    if (next === "hang") return; // never answers: the client's timeout fires
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${requests.length}` });
      res.end(JSON.stringify(body));
    };
    if (next === "500") return json(500, { error: { type: "api_error", message: "Something went wrong on Stripe's end." } });
    const key = String(req.headers["idempotency-key"] ?? "");
    if (req.method === "POST" && req.url === "/v1/payment_intents") {
      // Like Stripe: the same idempotency key returns the first answer, not a new payment.
      if (!intents.has(key)) intents.set(key, paymentIntent(form, ++n));
      return json(200, intents.get(key));
    }
    const pi = /^\/v1\/payment_intents\/([\w]+)$/.exec(req.url!);
    if (req.method === "GET" && pi) {
      const found = [...intents.values()].find((p) => (p as { id: string }).id === pi[1]);
      return found ? json(200, found) : json(404, { error: { type: "invalid_request_error", message: `No such payment_intent: '${pi[1]}'` } });
    }
    if (req.method === "POST" && req.url === "/v1/accounts") return json(200, account("acct_test_1", form));
    const acct = /^\/v1\/accounts\/([\w]+)$/.exec(req.url!);
    if (req.method === "GET" && acct) return json(200, { ...account(acct[1]!), charges_enabled: true, details_submitted: true });
    if (req.method === "POST" && req.url === "/v1/account_links") {
      return json(200, { object: "account_link", created: created(), expires_at: created() + 300, url: `https://connect.stripe.com/setup/e/${form.get("account")}/test` });
    }
    json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${req.url})` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, requests, trouble,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
