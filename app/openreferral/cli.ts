// `npm run import:openreferral -- <file.json | URL>` and `npm run import:cqc -- <file.csv>`.
// Prints progress per batch, every record it skipped with the reason, then brings the search
// index up to date (or leaves the changes queued for the server's worker if it cannot).
import { db } from "../../db/client";
import { searchEngine } from "../../search/engine";
import { drainAll, pendingCount } from "../../search/outbox";
import { importCqcFile } from "./cqc.server";
import { importServices, type ImportReport } from "./import.server";
import { fromApi, fromFile, isUrl } from "./source";

const [command, source] = process.argv.slice(2);
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function syncSearch() {
  try {
    const report = await drainAll(db, searchEngine());
    const left = pendingCount(db);
    console.log(`Search index: ${report.applied} change(s) applied${left ? `, ${left} left for the server's search worker` : ""}.`);
  } catch (error) {
    console.log(`Search index not updated now (${error instanceof Error ? error.message : error}); the server's search worker will apply the changes.`);
  }
}

function printOpenReferral(r: ImportReport) {
  console.log(`Read ${r.read} record(s): ${r.created} service(s) added, ${r.updated} updated, ${r.withdrawn} withdrawn; `
    + `${r.organisationsCreated} organisation(s) added, ${r.organisationsUpdated} updated; ${r.skipped.length} skipped. (${seconds()})`);
  for (const s of r.skipped) console.log(`  skipped record ${s.record}${s.name ? ` “${s.name}”` : ""}${s.id ? ` (${s.id})` : ""}: ${s.reason}`);
}

async function main(): Promise<number> {
  if (command === "openreferral" && source) {
    const batches = isUrl(source) ? fromApi(source) : fromFile(source);
    const report = await importServices(batches, (r) => console.log(`… ${r.read} record(s) read, ${r.created + r.updated + r.withdrawn} saved, ${r.skipped.length} skipped`));
    printOpenReferral(report);
    await syncSearch();
    return 0;
  }
  if (command === "cqc" && source) {
    const report = await importCqcFile(source, { onProgress: (r) => console.log(`… ${r.rows} row(s) read, ${r.matched} matched`) });
    console.log(`Read ${report.rows} row(s): ${report.matched} matched an organisation we list and were updated, ${report.unmatched} are not in our directory, `
      + `${report.malformed.length} malformed, ${report.ambiguous.length} ambiguous. (${seconds()})`);
    for (const m of report.malformed) console.log(`  line ${m.line} skipped: ${m.reason}`);
    for (const a of report.ambiguous) console.log(`  line ${a.line} skipped: ${a.reason}`);
    await syncSearch();
    return 0;
  }
  console.error("usage: npm run import:openreferral -- <file.json | https://…/openreferral>\n       npm run import:cqc -- <cqc-directory.csv>");
  return 2;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
