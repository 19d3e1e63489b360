import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { spendingRules } from "../../db/schema";
import { clearData } from "../../seeds/load";
import { anOrganisation } from "../../tests/support/fixtures";
import { allocate, balancesOf, closePeriod, moveIsf, openBudgetAccount, reserve, runSchedule, spend, type BudgetAccount } from "./budgets.server";
import { recordIsfSpend } from "./isf.server";
import { agreePlan, draftFor, planWithLines, plansOf, saveDraft } from "./plans.server";
import { forecast, quarterlyReturn, statement, statementCsv } from "./statements.server";

let holder = 0;
let provider = 0;
beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  holder = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('h@example.org', 'H', 'x') RETURNING id").pluck().get() as number;
  provider = anOrganisation().id;
});

function isf(over: Partial<Parameters<typeof openBudgetAccount>[0]> = {}): BudgetAccount {
  return openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "isf", isfProviderId: provider, annualAllocationPence: 1_300_000,
    periodDays: 28, feeKind: "percent", feeValue: 800, startsOn: "2026-01-01", ...over }, holder);
}

describe("a statement", () => {
  test("shows the opening balance, money in, each spend with hours and rate, the fee, and the closing balance", () => {
    const account = isf();
    allocate(account.id, 0, holder, "2026-01-01");
    recordIsfSpend({ budgetAccountId: account.id, organisationId: provider, effectiveOn: "2026-01-05", category: "personal-care", description: "Morning support",
      hours: 3, ratePence: 2_150, idempotencyKey: "d1", by: holder });
    allocate(account.id, 1, holder, "2026-01-29");
    recordIsfSpend({ budgetAccountId: account.id, organisationId: provider, effectiveOn: "2026-02-02", category: "equipment", description: "Perching stool",
      amountPence: 4_599, idempotencyKey: "d2", by: holder });
    const s = statement(account.id, "2026-01-20", "2026-02-28")!;
    expect(s.openingPence).toBe(100_000 - 8_000 - 6_450);
    expect(s.lines.map((l) => [l.date, l.kind, l.amountPence])).toEqual([
      ["2026-01-29", "allocation", 100_000], ["2026-01-29", "fee", -8_000], ["2026-02-02", "spend", -4_599],
    ]);
    expect(s).toMatchObject({ moneyInPence: 100_000, feesPence: 8_000, moneyOutPence: 4_599, closingPence: s.openingPence + 100_000 - 8_000 - 4_599 });
    const first = statement(account.id, "2026-01-01", "2026-01-31")!;
    expect(first.lines.find((l) => l.kind === "spend")).toMatchObject({ description: "Morning support", detail: { hours: 3, ratePence: 2_150 }, amountPence: -6_450 });
  });

  test("money set aside for an order is still the person's money, so it is not a line", () => {
    const account = isf({ arrangement: "direct-payment", isfProviderId: null, feeKind: "none" });
    allocate(account.id, 0, holder, "2026-01-01");
    reserve({ budgetAccountId: account.id, amountPence: 5_000, category: "personal-care", reference: "order:1", idempotencyKey: "r1", by: holder, effectiveOn: "2026-01-02" });
    expect(statement(account.id, "2026-01-01", "2026-01-31")!.lines.map((l) => l.kind)).toEqual(["allocation"]);
  });

  test("exports to CSV with pounds, and text that cannot run as a spreadsheet formula", () => {
    const account = isf({ feeKind: "none" });
    allocate(account.id, 0, holder, "2026-01-01");
    recordIsfSpend({ budgetAccountId: account.id, organisationId: provider, effectiveOn: "2026-01-05", category: "other", description: "=HYPERLINK(\"x\")",
      amountPence: 1_234, idempotencyKey: "d1", by: holder });
    const csv = statementCsv(statement(account.id, "2026-01-01", "2026-01-31")!);
    expect(csv.split("\r\n")[0]).toBe("date,description,kind,category,hours,rate,money in,money out,balance");
    expect(csv).toContain(`2026-01-05,"'=HYPERLINK(""x"")",spend,other,,,,12.34,987.66`);
  });
});

test("a statement covers a whole year of daily lines", () => {
  const account = isf({ feeKind: "none", annualAllocationPence: 5_000_000 });
  for (let p = 0; p < 13; p++) allocate(account.id, p, holder, "2026-01-01");
  for (let d = 0; d < 365; d++) {
    const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    recordIsfSpend({ budgetAccountId: account.id, organisationId: provider, effectiveOn: date, category: "personal-care", description: "Daily support", hours: 2, ratePence: 2_000, idempotencyKey: `day${d}`, by: holder });
  }
  const s = statement(account.id, "2026-01-01", "2026-12-31")!;
  expect(s.lines.filter((l) => l.kind === "spend")).toHaveLength(365);
  expect(s.closingPence).toBe(5_000_000 - 365 * 4_000);
});

describe("the forecast", () => {
  test("warns plainly when the money will run out before the end of the year", () => {
    const account = isf({ feeKind: "none", annualAllocationPence: 130_000 });
    allocate(account.id, 0, holder, "2026-01-01");
    spend({ budgetAccountId: account.id, amountPence: 9_000, category: "personal-care", organisationId: provider, description: "x", effectiveOn: "2026-01-10", idempotencyKey: "s1", by: holder });
    const f = forecast(account.id, new Date("2026-01-15T12:00:00Z"))!;
    expect(f.projectedYearEndPence).toBeLessThan(0);
    expect(f.warning).toMatch(/run out before the end of the year/);
  });

  test("warns when a lot will be left over, and says nothing when it is on track", () => {
    const idle = isf({ feeKind: "none" });
    allocate(idle.id, 0, holder, "2026-01-01");
    expect(forecast(idle.id, new Date("2026-01-20T12:00:00Z"))!.warning).toMatch(/left over/);
    const steady = isf({ feeKind: "none", annualAllocationPence: 365_000 });
    allocate(steady.id, 0, holder, "2026-01-01");
    spend({ budgetAccountId: steady.id, amountPence: 19_000, category: "personal-care", organisationId: provider, description: "x", effectiveOn: "2026-01-19", idempotencyKey: "s2", by: holder });
    expect(forecast(steady.id, new Date("2026-01-20T12:00:00Z"))!.warning).toBeNull();
  });
});

test("the quarterly return has one row per account in the area, with spend by category and carry-over", () => {
  const a = isf({ feeKind: "none" });
  const b = isf({ feeKind: "none", arrangement: "direct-payment", isfProviderId: null });
  isf({ areaSlug: "york" });
  for (const account of [a, b]) allocate(account.id, 0, holder, "2026-01-01");
  recordIsfSpend({ budgetAccountId: a.id, organisationId: provider, effectiveOn: "2026-01-05", category: "personal-care", description: "x", amountPence: 20_000, idempotencyKey: "q1", by: holder });
  recordIsfSpend({ budgetAccountId: a.id, organisationId: provider, effectiveOn: "2026-01-06", category: "equipment", description: "x", amountPence: 5_000, idempotencyKey: "q2", by: holder });
  closePeriod(a.id, 0, holder, "2026-01-28");
  const rows = quarterlyReturn("leeds", "2026-01-01", "2026-03-31");
  expect(rows.map((r) => r.budgetAccountId)).toEqual([a.id, b.id]);
  expect(rows[0]).toMatchObject({ allocationPence: 100_000, spendByCategory: { "personal-care": 20_000, equipment: 5_000 }, balancePence: 0, carriedOverPence: 75_000 });
  expect(rows[1]).toMatchObject({ arrangement: "direct-payment", allocationPence: 100_000, spendByCategory: {}, balancePence: 100_000 });
});

describe("an ISF", () => {
  test("only the provider holding it can record spend; after a move, only the new one", () => {
    const account = isf({ feeKind: "none" });
    allocate(account.id, 0, holder, "2026-01-01");
    const other = anOrganisation({ name: "Other Care" }).id;
    const record = (organisationId: number, key: string) => recordIsfSpend({ budgetAccountId: account.id, organisationId, effectiveOn: "2026-01-05", category: "personal-care", description: "x", amountPence: 100, idempotencyKey: key, by: holder });
    expect(record(other, "a").ok).toBe(false);
    expect(record(provider, "b").ok).toBe(true);
    moveIsf(account.id, other, holder);
    expect(record(provider, "c")).toMatchObject({ ok: false, refusal: { rule: "not-isf-provider" } });
    expect(record(other, "d").ok).toBe(true);
  });
});

describe("a support plan", () => {
  const plan = { outcomes: ["Get out to the allotment twice a week", "Stay living at home"], lines: [
    { kind: "paid" as const, category: "personal-care" as const, description: "Morning support", planned: 40_000 },
    { kind: "informal" as const, category: "transport" as const, description: "Lifts from my brother", planned: 9_999 },
  ] };

  test("is edited as a draft, then agreed with who and when; agreeing a new version supersedes the old", () => {
    const account = isf();
    const v1 = draftFor(account.id, holder);
    expect(draftFor(account.id, holder)).toBe(v1);
    expect(saveDraft(v1, plan, holder)).toEqual({ ok: true });
    expect(planWithLines(v1)!.lines.map((l) => l.plannedPence)).toEqual([40_000, 0]); // informal help is not paid for
    expect(agreePlan(v1, "Jo Smith, social worker", holder)).toEqual({ ok: true });
    expect(saveDraft(v1, plan, holder)).toMatchObject({ ok: false });
    const v2 = draftFor(account.id, holder);
    expect(planWithLines(v2)!.plan).toMatchObject({ version: 2, outcomes: plan.outcomes });
    agreePlan(v2, "Jo Smith, social worker", holder);
    expect(plansOf(account.id).map((p) => [p.version, p.status])).toEqual([[2, "agreed"], [1, "superseded"]]);
  });
});

describe("the schedule", () => {
  test("pays each period as it starts and closes each as it ends, once, in order", () => {
    db.insert(spendingRules).values({ areaSlug: "leeds", kind: "carry-over", params: { percent: 25, capWeeks: 4 }, explanation: "x", instead: "" }).run();
    const account = isf({ feeKind: "none", arrangement: "direct-payment", isfProviderId: null, startsOn: "2026-01-01" });
    expect(runSchedule("2026-01-10")).toEqual({ payments: 1, closed: 0 });
    spend({ budgetAccountId: account.id, amountPence: 50_000, category: "personal-care", organisationId: provider, description: "x", effectiveOn: "2026-01-12", idempotencyKey: "s", by: holder });
    // Day 29 starts period 2: period 1 closes first (25% of £1,000 may be kept; £500 was left), then period 2 is paid.
    expect(runSchedule("2026-01-30")).toEqual({ payments: 1, closed: 1 });
    expect(balancesOf(account.id)).toMatchObject({ available: 100_000, contingency: 25_000 });
    expect(runSchedule("2026-01-30")).toEqual({ payments: 0, closed: 0 });
    // Months later, every missed period is caught up in order.
    const later = runSchedule("2026-04-30");
    expect(later.payments).toBe(3);
    expect(balancesOf(account.id).contingency).toBe(25_000);
  });
});
