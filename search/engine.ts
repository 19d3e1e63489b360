// Picks the search engine from SEARCH_ENGINE; the rest of the app only sees the port.
import { config } from "../app/config.server";
import { towns } from "../app/directory/region";
import { db } from "../db/client";
import { EmbeddedEngine } from "./engines/embedded";
import { type Centre, MeilisearchEngine } from "./engines/meilisearch";
import type { SearchEngine } from "./port";

let engine: SearchEngine | undefined;

/** Where searches start from: every town's centre (a postcode is placed at its town's). */
export const searchCentres: Centre[] = towns.map((t) => ({ key: t.slug, lat: t.lat, lng: t.lng }));

export function searchEngine(): SearchEngine {
  if (engine) return engine;
  if (config.SEARCH_ENGINE === "meilisearch") {
    const { MEILI_URL: host, MEILI_MASTER_KEY: apiKey } = config;
    // config.server.ts refuses to start without them; this only narrows the types.
    if (!host || !apiKey) throw new Error("SEARCH_ENGINE=meilisearch needs MEILI_URL and MEILI_MASTER_KEY");
    // The master key is used here, on the server, and nowhere else: no route or loader returns it.
    engine = new MeilisearchEngine({ host, apiKey, centres: searchCentres });
    return engine;
  }
  engine = new EmbeddedEngine(db.$client);
  return engine;
}
