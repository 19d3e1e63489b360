// `npm run search:sync` drains the outbox once; `npm run search:reindex` rebuilds the index.
import { db } from "../db/client";
import { searchEngine } from "./engine";
import { drainAll, pendingCount, reindex, rejectedChanges } from "./outbox";

const command = process.argv[2];
const engine = searchEngine();
const started = Date.now();
if (command === "sync") {
  const report = await drainAll(db, engine);
  console.log(`Applied ${report.applied} change(s) to the ${engine.name} index; ${pendingCount(db)} still pending.`);
  if (report.rejected) {
    console.warn(`Refused ${report.rejected} change(s) for the listing's own content; fix the listing and it is sent again:`);
    for (const r of rejectedChanges(db, report.rejected)) console.warn(`  service ${r.serviceId}: ${r.reason}`);
  }
  if (report.error) { console.error(`Last attempt failed: ${report.error}`); process.exitCode = 1; }
} else if (command === "reindex") {
  await reindex(db, engine);
  console.log(`Rebuilt the ${engine.name} index in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} else {
  console.error("usage: tsx search/cli.ts sync|reindex");
  process.exitCode = 2;
}
