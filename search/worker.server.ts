// The in-process outbox worker: drains listing changes into the search engine every interval.
import { config } from "../app/config.server";
import { db } from "../db/client";
import { searchEngine } from "./engine";
import { drainAll, rejectedChanges } from "./outbox";

let started = false;

export function startSearchSync() {
  if (started || config.SEARCH_SYNC_INTERVAL_MS === 0) return;
  started = true;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const report = await drainAll(db, searchEngine());
      if (report.error) console.warn(`search sync: ${report.failed} change(s) will be retried: ${report.error}`);
      for (const r of report.rejected ? rejectedChanges(db, report.rejected) : []) {
        console.warn(`search sync: service ${r.serviceId} left out of search until it is fixed: ${r.reason}`);
      }
    } catch (error) {
      // A database hiccup must not become an unhandled rejection; the next tick tries again.
      console.error("search sync failed; it will try again", error);
    } finally {
      running = false;
    }
  }, config.SEARCH_SYNC_INTERVAL_MS);
  timer.unref();
}
