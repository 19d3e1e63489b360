// Picks the search engine from SEARCH_ENGINE; the rest of the app only sees the port.
import { config } from "../app/config.server";
import { db } from "../db/client";
import { EmbeddedEngine } from "./engines/embedded";
import type { SearchEngine } from "./port";

let engine: SearchEngine | undefined;

export function searchEngine(): SearchEngine {
  if (engine) return engine;
  if (config.SEARCH_ENGINE === "meilisearch") {
    throw new Error("SEARCH_ENGINE=meilisearch is not built yet (issue 11); unset it to use the embedded engine.");
  }
  engine = new EmbeddedEngine(db.$client);
  return engine;
}
