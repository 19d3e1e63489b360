// The in-process outbox worker: drains listing changes into the search engine every interval.
import { config } from "../app/config.server";
import { repeat } from "../app/jobs.server";
import { db } from "../db/client";
import { searchEngine } from "./engine";
import { drainAll, rejectedChanges } from "./outbox";

export function startSearchSync() {
  repeat("search sync", config.SEARCH_SYNC_INTERVAL_MS, async () => {
    const report = await drainAll(db, searchEngine());
    if (report.error) console.warn(`search sync: ${report.failed} change(s) will be retried: ${report.error}`);
    for (const r of report.rejected ? rejectedChanges(db, report.rejected) : []) {
      console.warn(`search sync: service ${r.serviceId} left out of search until it is fixed: ${r.reason}`);
    }
  });
}
