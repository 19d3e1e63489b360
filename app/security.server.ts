// The security baseline for every request: cross-site form posts refused (an Origin check on
// top of SameSite=Lax cookies), the signed-in person loaded, and protective headers set.
// The Content-Security-Policy for pages is set in entry.server.tsx, where the HTML is known.
import { createHash } from "node:crypto";
import { data, type MiddlewareFunction } from "react-router";
import { actorContext, loadActor } from "./accounts/actor.server";
import { cardPaymentsEnabled, config } from "./config.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin a request says it came from: the Origin header, or failing that the Referer's. */
function sourceOrigin(request: Request): string | null {
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") return origin;
  const referer = request.headers.get("Referer");
  try {
    return referer ? new URL(referer).origin : null;
  } catch {
    return null;
  }
}

export function isSameOrigin(request: Request): boolean {
  const source = sourceOrigin(request);
  return source !== null && source === new URL(request.url).origin;
}

/**
 * Stripe posts webhooks from its own servers, with no Origin or Referer and no cookie; the
 * endpoint proves who sent them by checking Stripe's signature over the raw body instead
 * (routes/webhooks.stripe.ts). Exactly this path is exempt: nothing under it, no other route.
 */
export const SIGNED_WEBHOOK_PATHS: ReadonlySet<string> = new Set(["/webhooks/stripe"]);

export const securityMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request) && !SIGNED_WEBHOOK_PATHS.has(new URL(request.url).pathname)) {
    throw data("This form was sent from another website, so we did not act on it. Go back to Weave and try again.", { status: 403 });
  }
  context.set(actorContext, loadActor(request));
  const response = await next();
  const h = response.headers;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "same-origin");
  h.set("X-Frame-Options", "DENY");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (config.NODE_ENV === "production") h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
};

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * A policy that allows the page's own files and exactly the inline scripts React Router wrote
 * into this page (by hash), and nothing else: no inline event handlers, no other sites.
 */
export function contentSecurityPolicy(html: string, cards = cardPaymentsEnabled()): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)]
    .map((m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`);
  // With card payments on, Stripe's card form (Stripe.js and its frames) is the one other site allowed.
  const stripe = cards ? { script: " https://js.stripe.com", frame: "frame-src https://js.stripe.com https://hooks.stripe.com", connect: " https://api.stripe.com" } : null;
  return [
    "default-src 'self'",
    `script-src 'self'${stripe?.script ?? ""} ${[...new Set(hashes)].join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${stripe?.connect ?? ""}`,
    ...(stripe ? [stripe.frame] : []),
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
