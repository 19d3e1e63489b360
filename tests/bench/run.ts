// `npm run bench [-- --listings 100000 --seconds 20 --connections 20] [--skip-http]`
// Seeds a temporary database, times 200 representative searches through the engine and through
// the directory service, then loads the built search page with autocannon, then runs the same
// searches through Meilisearch beside it (./meilisearch.ts). Prints a Markdown
// report (also saved to tests/.tmp/bench-report.md) for docs/benchmarks.md.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { percentiles, representativeQueries } from "./queries";

const { values } = parseArgs({
  options: {
    listings: { type: "string", default: "100000" },
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3456" },
    // Leaves out building the app and loading the page over HTTP (the slowest part), for timing the engines alone.
    "skip-http": { type: "boolean", default: false },
  },
});
const listings = Number(values.listings);
const dir = mkdtempSync(join(tmpdir(), "weave-bench-"));
const dbPath = join(dir, "bench.db");
const env = { ...process.env, DATABASE_PATH: dbPath, SEARCH_SYNC_INTERVAL_MS: "0", NODE_ENV: "production" };
const tsx = (...args: string[]) => execFileSync(process.execPath, ["--import", "tsx", ...args], { env, stdio: "inherit" });
const ms = (n: number) => `${n.toFixed(1)} ms`;
const lines: string[] = [];
const report = (line = "") => { lines.push(line); console.log(line); };

try {
  let t = performance.now();
  tsx("db/migrate.ts");
  tsx("seeds/seed.ts", "--listings", String(listings), "--reset");
  const seedSeconds = (performance.now() - t) / 1000;

  // This process becomes a server process of its own for the in-process timings.
  Object.assign(process.env, env);
  const { db } = await import("../../db/client");
  const { EmbeddedEngine } = await import("../../search/engines/embedded");
  const { searchDirectory } = await import("../../app/directory/search.server");
  const queries = representativeQueries(200);

  const engine = new EmbeddedEngine(db.$client);
  t = performance.now();
  engine.refresh();
  const coldLoad = performance.now() - t;
  for (const q of queries) await engine.search(q.request); // warm: the first pass fills caches
  const engineTimes: number[] = [];
  let totalHits = 0;
  for (const q of queries) {
    t = performance.now();
    totalHits += (await engine.search(q.request)).total;
    engineTimes.push(performance.now() - t);
  }
  const directoryTimes: number[] = [];
  for (const q of queries) {
    const input = {
      text: q.request.text, filters: q.request.filters, sort: q.request.sort, page: 1, radiusMiles: q.request.near?.radiusMiles ?? 10,
      location: q.request.near ? { ...q.request.near, label: "", town: "", area: "", postcode: null } : null,
    };
    t = performance.now();
    await searchDirectory(input);
    directoryTimes.push(performance.now() - t);
  }

  // The page, as a browser gets it: built app, real HTTP, 20 connections.
  const buildDir = join("tests", ".tmp", "bench-build"); // inside the project, so node_modules resolve
  if (!values["skip-http"]) execFileSync("npm", ["run", "build", "--silent"], { env: { ...env, WEAVE_BUILD_DIR: buildDir }, stdio: "inherit" });
  /** One server (one process per core, as `npm start` runs it) under autocannon; the cache on or off. */
  async function loadSearchPage(cacheSeconds: number) {
    const server = spawn(process.execPath, ["server.js"], {
      env: { ...env, PORT: values.port, WEAVE_BUILD_DIR: buildDir, SEARCH_PAGE_CACHE_SECONDS: String(cacheSeconds) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${values.port}`;
    try {
      for (let i = 0; ; i++) {
        try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
        if (i > 100) throw new Error("server did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
      for (let i = 0; i < 4; i++) await fetch(`${base}${queries[i]!.url}`); // load each process's search cache
      const latencies: number[] = [];
      const run = autocannon({
        url: base,
        connections: Number(values.connections),
        duration: Number(values.seconds),
        requests: queries.map((q) => ({ method: "GET", path: q.url })),
      });
      run.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
      return { result: await run, http: percentiles(latencies) };
    } finally {
      server.kill();
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const cached = values["skip-http"] ? null : await loadSearchPage(60);
  const uncached = values["skip-http"] ? null : await loadSearchPage(0);

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  report(`### Search at ${listings.toLocaleString("en-GB")} listings (embedded engine)`);
  report();
  report(`Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}. ` +
    `Run on ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --listings ${listings}\`.`);
  report();
  report(`Seeding and indexing ${listings.toLocaleString("en-GB")} listings: ${seedSeconds.toFixed(1)} s. ` +
    `Loading the engine's in-process cache on a cold start: ${ms(coldLoad)}.`);
  report();
  report("| measure | p50 | p95 | p99 | max |");
  report("| --- | --- | --- | --- | --- |");
  const row = (label: string, s: number[]) => {
    const p = percentiles(s);
    report(`| ${label} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`);
  };
  row("engine search (200 queries, warm)", engineTimes);
  row("directory search incl. alternative facet counts and search log", directoryTimes);
  if (cached && uncached) {
    for (const [label, run] of [["search page over HTTP, as served (anonymous page cache on)", cached], ["search page over HTTP, page cache off (every request searched and rendered)", uncached]] as const) {
      report(`| ${label}, ${values.connections} connections, ${values.seconds} s | ${ms(run.http.p50)} | ${ms(run.http.p95)} | ${ms(run.http.p99)} | ${ms(run.http.max)} |`);
    }
    report();
    report(`Search page throughput as served: **${cached.result.requests.average.toFixed(0)} requests/s** ` +
      `(${cached.result.requests.total.toLocaleString("en-GB")} requests, ${cached.result.non2xx} non-2xx, ${cached.result.errors} errors); ` +
      `with the page cache off: **${uncached.result.requests.average.toFixed(0)} requests/s** (${uncached.result.non2xx} non-2xx, ${uncached.result.errors} errors).`);
  }
  report();
  report(`Average results per query: ${Math.round(totalHits / queries.length).toLocaleString("en-GB")}. Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(", ")}.`);

  // The same queries through the Meilisearch engine, with its server on this machine.
  const { benchMeilisearch } = await import("./meilisearch");
  const meili = await benchMeilisearch(db, queries, dir);
  report();
  report(`### Embedded and Meilisearch side by side at ${listings.toLocaleString("en-GB")} listings`);
  report();
  report(`The same 200 queries through the \`SearchEngine\` port, warm (Meilisearch: ${meili.passes} passes over them). Meilisearch 1.21 runs on 127.0.0.1 ` +
    "(`--max-indexing-memory 256MiB`); the adapter's times include every HTTP round trip, Meilisearch's own are its `processingTimeMs` summed over them.");
  report();
  report("| engine | p50 | p95 | p99 | max | average results |");
  report("| --- | --- | --- | --- | --- | --- |");
  const meiliRow = (label: string, times: number[], hits: number) => {
    const p = percentiles(times);
    report(`| ${label} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} | ${Math.round(hits / queries.length).toLocaleString("en-GB")} |`);
  };
  meiliRow("embedded", engineTimes, totalHits);
  meiliRow("Meilisearch through the adapter", meili.searchTimes, meili.totalHits);
  meiliRow("Meilisearch's own processing time", meili.serverTimes, meili.totalHits);
  report();
  const perPass = Array.from({ length: meili.passes }, (_, i) => percentiles(meili.searchTimes.slice(i * queries.length, (i + 1) * queries.length)).p95);
  report(`Meilisearch p95 through the adapter in each pass: ${perPass.map(ms).join(", ")}. ` +
    `HTTP requests per search: ${(meili.requests.reduce((a, b) => a + b, 0) / meili.requests.length).toFixed(2)} on average, at most ${Math.max(...meili.requests)}.`);
  report();
  // Place searches are where the engines differ most.
  const nearOf = (i: number) => !!queries[i % queries.length]!.request.near;
  const split = (times: number[], near: boolean) => percentiles(times.filter((_, i) => nearOf(i) === near));
  const places = queries.filter((q) => q.request.near).length;
  for (const [label, times] of [["embedded", engineTimes], ["Meilisearch (adapter)", meili.searchTimes], ["Meilisearch (own time)", meili.serverTimes]] as const) {
    const [withPlace, without] = [split(times, true), split(times, false)];
    report(`${label}: with a place (${places} queries) p50 ${ms(withPlace.p50)}, p95 ${ms(withPlace.p95)}; ` +
      `without (${queries.length - places}) p50 ${ms(without.p50)}, p95 ${ms(without.p95)}.`);
    report();
  }
  const lag = percentiles(meili.syncLags);
  report(`Meilisearch full rebuild from the database (new index, settings, documents, swap): **${meili.reindexSeconds.toFixed(1)} s**. ` +
    `Sync lag from a committed listing change to a search finding it, through the outbox worker draining every ` +
    `${meili.syncIntervalMs.toLocaleString("en-GB")} ms (${meili.syncLags.length} changes): p50 ${ms(lag.p50)}, **p95 ${ms(lag.p95)}**, max ${ms(lag.max)}. ` +
    `Meilisearch resident memory afterwards: **${meili.rssMiB.toFixed(0)} MiB** (peak ${meili.peakRssMiB.toFixed(0)} MiB), ` +
    `of which ${meili.anonMiB.toFixed(0)} MiB is its own heap and the rest index files mapped into memory.`);
  mkdirSync("tests/.tmp", { recursive: true });
  writeFileSync("tests/.tmp/bench-report.md", `${lines.join("\n")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
