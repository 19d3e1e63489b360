// `npm run bench` (third part): commissioners' insights for one council area with 1,000,000 orders
// over three years, in a temporary database. The history is written with bulk SQL
// (seeds/insights.ts), rolled up from scratch, then the dashboard's loader and a CSV export are
// timed through the real route loaders (guard, filter, rollup reads, suppression).
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { percentiles } from "./queries";

const ORDERS = Number(process.env.BENCH_INSIGHTS_ORDERS ?? 1_000_000);
const BUYERS = Number(process.env.BENCH_INSIGHTS_BUYERS ?? 10_000);
// BENCH_INSIGHTS_DB=<file> keeps the database there (built on the first run, reused after), for
// measuring a change again without building a million orders each time.
const kept = process.env.BENCH_INSIGHTS_DB;
const dir = kept ? null : mkdtempSync(join(tmpdir(), "weave-bench-insights-"));
const env = { ...process.env, DATABASE_PATH: kept ?? join(dir!, "insights.db"), SEARCH_SYNC_INTERVAL_MS: "0" };
execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts"], { env, stdio: "inherit" });
Object.assign(process.env, env);

const { db } = await import("../../db/client");
const { RouterContextProvider } = await import("react-router");
const { actorContext, actorFor } = await import("../../app/accounts/actor.server");
const { generateRegion } = await import("../../seeds/generate");
const { loadRegion } = await import("../../seeds/load");
const { seedPurchaseHistory } = await import("../../seeds/insights");
const { verifyRollups } = await import("../../app/insights/rollups.server");
const dashboardRoute = await import("../../app/routes/insights.$area");
const csvRoute = await import("../../app/routes/insights.$area.export[.]csv");

const lines: string[] = [];
const report = (line = "") => { lines.push(line); console.log(line); };
try {
  const c = db.$client;
  const today = new Date();
  let t = performance.now();
  const built = (c.prepare("SELECT COUNT(*) FROM orders").pluck().get() as number) > 0;
  if (!built) {
    loadRegion(db, generateRegion({ listings: 20_000, seed: 7 }), { reset: true });
    const admin = c.prepare("INSERT INTO users (email, name, password_hash) VALUES ('admin@bench', 'Admin', 'x') RETURNING id").pluck().get() as number;
    c.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(admin);
    const commissioner = c.prepare("INSERT INTO users (email, name, password_hash) VALUES ('kim@bench', 'Kim', 'x') RETURNING id").pluck().get() as number;
    c.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'commissioner')").run(commissioner);
    c.prepare("INSERT INTO commissioner_areas (user_id, area_slug) VALUES (?, 'leeds')").run(commissioner);
    seedPurchaseHistory(db, { area: "leeds", buyers: BUYERS, orders: ORDERS, months: 36, searches: 300_000, seed: 11, today });
  }
  const kim = c.prepare("SELECT id FROM users WHERE email = 'kim@bench'").pluck().get() as number;
  const buildSeconds = (performance.now() - t) / 1000;
  const counts = c.prepare(`SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM insight_spend_months) AS spend,
    (SELECT COUNT(*) FROM insight_buyer_years) AS buyers, (SELECT COUNT(*) FROM insight_price_months) AS prices`).get() as Record<string, number>;
  c.pragma("optimize");

  const actor = actorFor({ sessionId: 0, user: { id: kim, name: "Kim", email: "kim@bench" } });
  const call = (route: { loader: (args: never) => unknown }, url: string) => {
    const context = new RouterContextProvider();
    context.set(actorContext, actor);
    return route.loader({ request: new Request(`http://bench${url}`), context, params: { area: "leeds" } } as never);
  };
  const month = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
  const ranges = [
    { name: "last 12 months, all categories", q: `from=${month(11)}&to=${month(0)}` },
    { name: "three years, all categories", q: `from=${month(35)}&to=${month(0)}` },
    { name: "three years, one category (help at home)", q: `from=${month(35)}&to=${month(0)}&category=help-at-home` },
  ];
  for (const r of ranges) call(dashboardRoute, `/insights/leeds?${r.q}`); // warm
  // Wall time is what a commissioner waits; CPU time (this process's own) shows how much of it is
  // the loader's work rather than waiting for a core on a shared machine.
  const loaderTimes: Record<string, number[]> = {};
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    for (const r of ranges) {
      t = performance.now();
      const used = process.cpuUsage();
      call(dashboardRoute, `/insights/leeds?${r.q}`);
      const spent = process.cpuUsage(used);
      cpu.push((spent.user + spent.system) / 1000);
      const ms = performance.now() - t;
      (loaderTimes[r.name] ??= []).push(ms);
      all.push(ms);
    }
  }
  const csvTimes: number[] = [];
  const csvCpu: number[] = [];
  let csvRows = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const used = process.cpuUsage();
    const res = (await call(csvRoute, `/insights/leeds/export.csv?from=${month(35)}&to=${month(0)}&table=spend-by-month`)) as Response;
    csvRows = (await res.text()).split("\r\n").length - 2;
    csvTimes.push(performance.now() - t);
    const spent = process.cpuUsage(used);
    csvCpu.push((spent.user + spent.system) / 1000);
  }
  t = performance.now();
  const drift = verifyRollups();
  const verifySeconds = (performance.now() - t) / 1000;

  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  const p = percentiles(all);
  report("### Commissioners' insights");
  report();
  report(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} when measured. Run on ${today.toISOString().slice(0, 10)} with \`npm run bench\`.`);
  report();
  report(`One area (Leeds) with ${counts.orders!.toLocaleString("en-GB")} orders over three years from ${BUYERS.toLocaleString("en-GB")} people, written with bulk SQL and rolled up from scratch${built ? " (an earlier run's, kept in BENCH_INSIGHTS_DB)" : ` in ${buildSeconds.toFixed(0)} s`}: ${counts.spend!.toLocaleString("en-GB")} spend rows, ${counts.buyers!.toLocaleString("en-GB")} buyer-year rows, ${counts.prices!.toLocaleString("en-GB")} price rows.`);
  report();
  report("| measure | p50 | p95 | max | target |");
  report("| --- | --- | --- | --- | --- |");
  const pc = percentiles(cpu);
  report(`| dashboard loader, all three ranges below (60 loads), wall time | ${fmt(p.p50)} | **${fmt(p.p95)}** | ${fmt(p.max)} | p95 under 500 ms: ${p.p95 < 500 ? "met" : "**not met**"} |`);
  report(`| — the same loads, CPU time of the process | ${fmt(pc.p50)} | ${fmt(pc.p95)} | ${fmt(pc.max)} | |`);
  for (const [name, times] of Object.entries(loaderTimes)) {
    const q = percentiles(times);
    report(`| — ${name} | ${fmt(q.p50)} | ${fmt(q.p95)} | ${fmt(q.max)} | |`);
  }
  const cq = percentiles(csvTimes);
  const cc = percentiles(csvCpu);
  report(`| CSV export of spend by month, three years (${csvRows} rows, 5 runs), wall time | ${fmt(cq.p50)} | ${fmt(cq.p95)} | **${fmt(cq.max)}** | under 2 s: ${cq.max < 2000 ? "met" : "**not met**"} |`);
  report(`| — CPU time | ${fmt(cc.p50)} | ${fmt(cc.p95)} | ${fmt(cc.max)} | |`);
  report(`| rollups checked against a full recomputation | ${verifySeconds.toFixed(1)} s | | | ${Object.keys(drift).length === 0 ? "equal" : "**differ**"} |`);
  report();
  mkdirSync("tests/.tmp", { recursive: true });
  appendFileSync("tests/.tmp/bench-report.md", `\n${lines.join("\n")}\n`);
} finally {
  db.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
