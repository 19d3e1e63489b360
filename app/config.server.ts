import { z } from "zod";

// Every setting the server reads, validated once at start-up with a clear message.
const Config = z.object({
  DATABASE_PATH: z.string().min(1).default("data/weave.db"),
  SEARCH_ENGINE: z.enum(["embedded", "meilisearch"]).default("embedded"),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // How often the in-process worker drains the search outbox; 0 turns it off (tests drain by hand).
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
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
