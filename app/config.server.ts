import { z } from "zod";

// Every setting the server reads, validated once at start-up with a clear message.
const Config = z.object({
  DATABASE_PATH: z.string().min(1).default("data/weave.db"),
  SEARCH_ENGINE: z.enum(["embedded", "meilisearch"]).default("embedded"),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // How often the in-process worker drains the search outbox; 0 turns it off (tests drain by hand).
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Session cookies are `Secure` in production; set "false" only to serve production over plain
  // http on a machine other than localhost (browsers accept Secure cookies from localhost).
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
}).superRefine((c, ctx) => {
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
export const secureCookies = (config.SECURE_COOKIES ?? (config.NODE_ENV === "production" ? "true" : "false")) === "true";
