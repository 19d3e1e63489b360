// The same-origin check on every form post, and its one exemption: Stripe's webhook, which
// proves its sender by signature. Any other path, even one next to it, stays protected.
import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { securityMiddleware } from "./security.server";

async function post(path: string, headers: Record<string, string> = {}) {
  let reached = false;
  try {
    await securityMiddleware({ request: new Request(`http://weave.test${path}`, { method: "POST", headers }), context: new RouterContextProvider(), params: {}, unstable_pattern: path } as never,
      async () => {
        reached = true;
        return new Response("ok");
      });
  } catch (thrown) {
    return { reached, status: (thrown as { init?: { status?: number } }).init?.status ?? 500 };
  }
  return { reached, status: 200 };
}

describe("cross-site posts", () => {
  test("Stripe's webhook path is let through without an Origin (its signature is checked by the route)", async () => {
    expect(await post("/webhooks/stripe", { "Stripe-Signature": "t=1,v1=x" })).toEqual({ reached: true, status: 200 });
  });

  test.each([
    ["an order page", "/orders/1"],
    ["a path under the webhook", "/webhooks/stripe/extra"],
    ["the webhook's data URL", "/webhooks/stripe.data"],
    ["another webhook-looking path", "/webhooks/other"],
    ["the provider inbox", "/provider/inbox"],
  ])("%s is refused without our Origin", async (_label, path) => {
    expect(await post(path)).toEqual({ reached: false, status: 403 });
    expect(await post(path, { Origin: "https://evil.example" })).toEqual({ reached: false, status: 403 });
    expect(await post(path, { Origin: "http://weave.test" })).toEqual({ reached: true, status: 200 });
  });
});

describe("the content security policy", () => {
  test("allows no other site, unless card payments are on, when Stripe's card form is the one exception", async () => {
    const { contentSecurityPolicy } = await import("./security.server");
    const off = contentSecurityPolicy("<html></html>", false);
    expect(off).not.toContain("stripe");
    expect(off).toContain("connect-src 'self';");
    const on = contentSecurityPolicy("<html></html>", true);
    expect(on).toContain("script-src 'self' https://js.stripe.com");
    expect(on).toContain("frame-src https://js.stripe.com https://hooks.stripe.com");
    expect(on).toContain("connect-src 'self' https://api.stripe.com");
  });
});
