import { z } from "zod";

// Every setting the server reads, validated once at start-up with a clear message.
const Config = z.object({
  DATABASE_PATH: z.string().min(1).default("data/weave.db"),
  SEARCH_ENGINE: z.enum(["embedded", "meilisearch"]).default("embedded"),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // How often the in-process worker drains the search outbox; 0 turns it off (tests drain by hand).
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  // How long an anonymous search page may be answered from memory; 0 turns the cache off.
  SEARCH_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Session cookies are `Secure` in production; set "false" only to serve production over plain
  // http on a machine other than localhost (browsers accept Secure cookies from localhost).
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  // Card payments (docs/stripe.md). All three keys, or none: without them card payments are
  // switched off and the order form says so.
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  // Weave's fee on each card payment, in basis points (100 = 1%); taken as Stripe's application fee.
  STRIPE_APPLICATION_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
  // Where the Stripe adapter sends API calls; only for a local stand-in (tests, demos without network).
  STRIPE_API_URL: z.url().optional(),
  // How often the in-process job confirms deliveries nobody disputed in 7 days and books the next
  // weeks of recurring orders; 0 turns it off (`npm run orders:auto-confirm` does the same once).
  ORDERS_JOB_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  // Email (app/accounts/mail.server.ts): without SMTP_URL, messages are printed in the server log.
  // e.g. smtp://user:password@mail.example.org:587, or smtps:// for TLS from the start.
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/, "SMTP_URL must look like smtp://user:password@host:587").optional(),
  // The sender's address, e.g. "Weave <no-reply@weave.example>"; needed with SMTP_URL.
  MAIL_FROM: z.string().min(3).default("Weave <no-reply@weave.localhost>"),
  // Where people reach this Weave, for links in email that no request is behind (order news).
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  // How often the in-process worker sends queued email; 0 turns it off (tests deliver by hand).
  MAIL_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  // Commissioners' insights: a figure built from fewer distinct people than this is withheld.
  // It can be raised, never set below 5 (docs/decisions/009-insights.md).
  INSIGHTS_MIN_PEOPLE: z.coerce.number().int().min(5, "INSIGHTS_MIN_PEOPLE cannot be lower than 5").default(5),
}).superRefine((c, ctx) => {
  const stripeKeys = (["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"] as const).filter((k) => c[k]);
  if (stripeKeys.length > 0 && stripeKeys.length < 3) {
    ctx.addIssue({ code: "custom", path: ["STRIPE_SECRET_KEY"], message: "Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET together, or none of them" });
  }
  if (c.SMTP_URL && !process.env.MAIL_FROM) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "Set MAIL_FROM (the address email comes from) with SMTP_URL" });
  }
  // Say so at start-up, not on the first search.
  if (c.SEARCH_ENGINE !== "meilisearch") return;
  for (const key of ["MEILI_URL", "MEILI_MASTER_KEY"] as const) {
    if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when SEARCH_ENGINE=meilisearch` });
  }
});

export type Config = z.infer<typeof Config>;

function load(): Config {
  const parsed = Config.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Bad environment settings:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const config = load();
/** Card payments need every Stripe key; without them the app runs with cards switched off. */
export const cardPaymentsEnabled = () => !!(config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY && config.STRIPE_WEBHOOK_SECRET);
export const secureCookies = (config.SECURE_COOKIES ?? (config.NODE_ENV === "production" ? "true" : "false")) === "true";
