// The Meilisearch side of `npm run bench`: the same queries through the adapter, a full rebuild
// from the database, how long a listing change takes to become searchable through the outbox
// worker, and the server's memory. Runs against Meilisearch from the npm package, on this machine.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { updateService } from "../../app/directory/listings.server";
import type { Db } from "../../db/client";
import { MeilisearchEngine } from "../../search/engines/meilisearch";
import { searchCentres } from "../../search/engine";
import { startLocalMeilisearch } from "../../search/meilisearch-local";
import { drainAll, reindex } from "../../search/outbox";
import { allDocuments } from "../../search/documents";
import { randomSource } from "../../seeds/generate";
import type { BenchQuery } from "./queries";

export type MeilisearchFigures = {
  /** Milliseconds per query through the adapter, warm, in the order given, `passes` times over. */
  searchTimes: number[];
  /** Meilisearch's own processing time for the same queries (summed over the requests each made). */
  serverTimes: number[];
  /** HTTP requests to Meilisearch each query made. */
  requests: number[];
  totalHits: number;
  reindexSeconds: number;
  /** Milliseconds from a committed listing change to a search finding it. */
  syncLags: number[];
  syncIntervalMs: number;
  passes: number;
  /** Resident memory after indexing and querying, and the peak, in MiB. */
  rssMiB: number;
  peakRssMiB: number;
  /** The part of it that is the server's own heap rather than index files mapped into memory. */
  anonMiB: number;
};

/** Memory figures from /proc, in MiB (Linux only, like the binary). */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMiB: mib("VmRSS"), peakRssMiB: mib("VmHWM"), anonMiB: mib("RssAnon") };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `db` must be the app's own database (listing changes go through app/directory, which uses it),
 * already seeded. The server keeps its data under `dir` and is stopped before this returns.
 */
export async function benchMeilisearch(db: Db, queries: BenchQuery[], dir: string, options = { lagSamples: 50, syncIntervalMs: 1000, passes: 3 }): Promise<MeilisearchFigures> {
  const server = await startLocalMeilisearch({ dir: join(dir, "meili"), masterKey: randomBytes(24).toString("base64url") });
  try {
    let last = { requests: 0, processingTimeMs: 0 };
    const engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, centres: searchCentres, observe: (timing) => { last = timing; } });

    let t = performance.now();
    await reindex(db, engine);
    const reindexSeconds = (performance.now() - t) / 1000;

    for (const q of queries) await engine.search(q.request); // warm, as for the embedded engine
    const searchTimes: number[] = [];
    const serverTimes: number[] = [];
    const requests: number[] = [];
    let totalHits = 0;
    // Several passes over the same queries, because a shared machine's noise comes in bursts.
    for (let pass = 0; pass < options.passes; pass++) for (const q of queries) {
      t = performance.now();
      const found = (await engine.search(q.request)).total;
      if (pass === 0) totalHits += found;
      searchTimes.push(performance.now() - t);
      serverTimes.push(last.processingTimeMs);
      requests.push(last.requests);
    }

    // The server's worker, as search/worker.server.ts runs it: drain the outbox every interval.
    let draining = false;
    const worker = setInterval(async () => {
      if (draining) return;
      draining = true;
      try { await drainAll(db, engine); } finally { draining = false; }
    }, options.syncIntervalMs);
    const syncLags: number[] = [];
    try {
      const [someListings = []] = allDocuments(db, 5000);
      const ids = someListings.map((d) => d.id);
      const random = randomSource(11);
      for (let i = 0; i < options.lagSamples; i++) {
        // Changes arrive at any moment, not in step with the worker's timer.
        await sleep(random.int(0, options.syncIntervalMs));
        const marker = `lagmark${i}x${random.int(1000, 9999)}`;
        const started = performance.now();
        updateService(random.pick(ids), { name: `Befriending ${marker}` });
        for (;;) {
          if ((await engine.search({ text: `${marker} `, filters: {}, sort: "relevance", page: 1, pageSize: 1 })).total > 0) break;
          if (performance.now() - started > 30_000) throw new Error(`change ${i} was not searchable after 30 s`);
          await sleep(5);
        }
        syncLags.push(performance.now() - started);
      }
    } finally {
      clearInterval(worker);
      while (draining) await sleep(10);
    }

    return { searchTimes, serverTimes, requests, totalHits, reindexSeconds, syncLags, syncIntervalMs: options.syncIntervalMs, passes: options.passes, ...memoryOf(server.pid) };
  } finally {
    await server.stop();
  }
}
