// `npm run bench` (second part): the ledger through the budget service, in a temporary database.
// Spends per second, a statement with a year of daily lines, and a quarterly return for 10,000 accounts.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { percentiles } from "./queries";

const dir = mkdtempSync(join(tmpdir(), "weave-bench-budgets-"));
const env = { ...process.env, DATABASE_PATH: join(dir, "budgets.db"), SEARCH_SYNC_INTERVAL_MS: "0" };
execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts"], { env, stdio: "inherit" });
Object.assign(process.env, env);

const { db } = await import("../../db/client");
const { allocate, openBudgetAccount, spend } = await import("../../app/budgets/budgets.server");
const { quarterlyReturn, statement } = await import("../../app/budgets/statements.server");
const { verifyLedger } = await import("../../app/budgets/ledger.server");

const lines: string[] = [];
const report = (line = "") => { lines.push(line); console.log(line); };
try {
  const holder = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('bench@example.org', 'Bench', 'x') RETURNING id").pluck().get() as number;
  const org = db.$client.prepare(`INSERT INTO organisations (name, kind, description, town_slug, lat, lng, area_served)
    VALUES ('Bench Care', 'provider', 'x', 'leeds', 53.8, -1.55, 'Leeds') RETURNING id`).pluck().get() as number;
  const open = (annual: number) => openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: annual, periodDays: 28, startsOn: "2026-01-01" }, holder);

  // 1. Spends per second: 20,000 spends spread over 100 budgets, each its own transaction.
  const accounts = Array.from({ length: 100 }, () => open(1_000_000_000));
  for (const a of accounts) allocate(a.id, 0, holder, "2026-01-01");
  const n = 20_000;
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    const r = spend({ budgetAccountId: accounts[i % 100]!.id, amountPence: 1_000 + (i % 500), category: "personal-care", organisationId: org,
      description: "Home care", effectiveOn: "2026-02-01", idempotencyKey: `bench:${i}`, by: holder });
    if (!r.ok) throw new Error(`spend refused: ${r.refusal.explanation}`);
  }
  const perSecond = n / ((performance.now() - t) / 1000);

  // 2. A statement for a budget with a year of daily lines.
  const year = open(50_000_000);
  for (let p = 0; p < 13; p++) allocate(year.id, p, holder, "2026-01-01");
  for (let d = 0; d < 365; d++) {
    spend({ budgetAccountId: year.id, amountPence: 4_300, category: "personal-care", organisationId: org, description: "Daily support",
      effectiveOn: new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10), idempotencyKey: `day:${d}`, by: holder });
  }
  const statementTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    t = performance.now();
    statement(year.id, "2026-01-01", "2026-12-31");
    statementTimes.push(performance.now() - t);
  }

  // 3. The quarterly return for 10,000 accounts (a payment and five spends each).
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const a = open(1_300_000);
      allocate(a.id, 0, holder, "2026-01-05");
      for (let s = 0; s < 5; s++) {
        spend({ budgetAccountId: a.id, amountPence: 2_000 + s, category: (["personal-care", "transport", "leisure-and-arts"] as const)[s % 3]!, organisationId: org,
          description: "x", effectiveOn: "2026-02-10", idempotencyKey: `q:${i}:${s}`, by: holder });
      }
    }
  });
  const returnTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    rows = quarterlyReturn("leeds", "2026-01-01", "2026-03-31").length;
    returnTimes.push(performance.now() - t);
  }
  const sound = verifyLedger();
  const clean = Object.values(sound).every((v) => v.length === 0);

  report(`### Budgets and the ledger`);
  report();
  report(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}. Run on ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`.`);
  report();
  report("| measure | result | target |");
  report("| --- | --- | --- |");
  report(`| spends committed through the budget service (each its own BEGIN IMMEDIATE transaction, with audit row) | **${Math.round(perSecond).toLocaleString("en-GB")} per second** | at least 3,000/s |`);
  const st = percentiles(statementTimes);
  report(`| statement for a year of daily lines (378 lines) | p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms | under 20 ms |`);
  const rt = percentiles(returnTimes);
  report(`| quarterly return for ${rows.toLocaleString("en-GB")} accounts | p50 ${(rt.p50 / 1000).toFixed(2)} s, max ${(rt.max / 1000).toFixed(2)} s | under 2 s |`);
  report();
  report(`Ledger verified afterwards (every journal balanced, cached balances equal the postings, no floor broken): ${clean ? "yes" : `NO: ${JSON.stringify(sound).slice(0, 300)}`}.`);
  mkdirSync("tests/.tmp", { recursive: true });
  appendFileSync("tests/.tmp/bench-report.md", `\n${lines.join("\n")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
