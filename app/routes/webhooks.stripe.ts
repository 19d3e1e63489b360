// Stripe's webhook endpoint (a resource route). The signature covers the exact bytes Stripe
// sent, so the body is read raw, never parsed first. Stripe posts from its own servers without
// an Origin header; security.server.ts exempts exactly this path from the same-origin check,
// because the signature is what proves the sender here.
import type { Route } from "./+types/webhooks.stripe";
import { cardPaymentsEnabled, config } from "../config.server";
import { handleStripeWebhook } from "../purchasing/webhooks.server";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export function loader() {
  return text("Stripe sends webhooks here with POST.", 405);
}

export async function action({ request }: Route.ActionArgs) {
  if (request.method !== "POST") return text("Stripe sends webhooks here with POST.", 405);
  if (!cardPaymentsEnabled()) return text("Card payments are switched off on this Weave site.", 404);
  const raw = await request.text();
  const result = handleStripeWebhook(raw, request.headers.get("Stripe-Signature"), config.STRIPE_WEBHOOK_SECRET!);
  return text(result.body, result.status);
}
