// Spend recorded on budgets outside orders — hours an ISF provider records against a person's
// ISF, direct-payment spending such as PA wages — counts in the area's spend, people and prices
// paid, and a correction takes it back out; figures about fewer than 5 people are still withheld.
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { allocate, correctEntry, openBudgetAccount, spend } from "../budgets/budgets.server";
import { recordIsfSpend } from "../budgets/isf.server";
import { anOrganisation } from "../../tests/support/fixtures";
import { insightsTable } from "./dashboard.server";
import type { InsightsFilter } from "./filter";
import { NOT_RECORDED, verifyRollups } from "./rollups.server";

// Each test has a year of its own (the database lives for the whole file).
const inYear = (year: number): InsightsFilter => ({ from: `${year}-01`, to: `${year}-03`, category: null });
let filter = inYear(2026);
const row = (id: string, key: string, f = filter) => insightsTable("leeds", f, id)!.rows.find((r) => r.key === key);

let n = 0;
function person(arrangement: "isf" | "direct-payment", isfProviderId?: number) {
  const id = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Someone', 'x') RETURNING id").pluck().get(`p${n++}@example.org`) as number;
  const admin = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Admin', 'x') RETURNING id").pluck().get(`a${n++}@example.org`) as number;
  const account = openBudgetAccount({ holderId: id, areaSlug: "leeds", arrangement, isfProviderId, annualAllocationPence: 1_300_000, periodDays: 28, startsOn: `${filter.from}-01` }, admin);
  allocate(account.id, 0, admin, `${filter.from}-01`);
  return { id, account: account.id, admin };
}

/** `people` ISFs held by three providers in Otley in turn, each with 2 hours at £20 recorded in February. */
function isfHours(people: number, category = "personal-care") {
  const orgs = [0, 1, 2].map(() => anOrganisation({ name: `Otley Care Co-op ${n++}`, kind: "provider" }).id);
  return Array.from({ length: people }, (_, i) => {
    const org = orgs[i % 3]!;
    const p = person("isf", org);
    const r = recordIsfSpend({ budgetAccountId: p.account, organisationId: org, effectiveOn: `${filter.from.slice(0, 4)}-02-10`, category, description: "Morning support",
      hours: 2, ratePence: 2_000, idempotencyKey: `isf-${n++}`, by: p.id });
    if (!r.ok) throw new Error(r.refusal.explanation);
    return { ...p, journalId: r.journalId };
  });
}

test("hours recorded against ISFs count in the area's spend, people, towns and prices paid per hour; a correction takes them back out", () => {
  filter = inYear(2026);
  const february = { from: "2026-02", to: "2026-02", category: null };
  const lines = isfHours(6);
  expect(row("spend-by-category", "personal-care")!.values).toEqual({ spend: 24_000, visits: 6, buyers: 6 });
  expect(row("spend-by-month", "2026-02", february)!.values).toEqual({ spend: 24_000, visits: 6, buyers: 6 });
  expect(row("spend-by-town", "otley")!.values.spend).toBe(24_000);
  expect(row("prices-paid", "personal-care|hour")!.values).toMatchObject({ paidMedian: 2_000, visits: 6 });

  // Corrected in March: it comes out of February, where it was counted, and the person with it.
  correctEntry(lines[0]!.journalId, { idempotencyKey: "fix-1", by: lines[0]!.admin, reason: "Recorded twice", effectiveOn: "2026-03-02" });
  expect(row("spend-by-category", "personal-care")!.values).toEqual({ spend: 20_000, visits: 5, buyers: 5 });
  expect(row("spend-by-month", "2026-02", february)!.values).toEqual({ spend: 20_000, visits: 5, buyers: 5 });
  expect(row("spend-by-month", "2026-03", { ...february, from: "2026-03", to: "2026-03" })!.withheld).toBe("few"); // nothing: nobody
  expect(row("prices-paid", "personal-care|hour")!.values.visits).toBe(5);
  expect(verifyRollups()).toEqual({});
});

test("4 people with ISF spend in a category are 'fewer than 5' wherever the category is shown; a fifth shows it", () => {
  filter = inYear(2025);
  isfHours(12, "help-at-home");
  isfHours(4);
  expect(row("spend-by-category", "personal-care")!.withheld).toBe("few");
  expect(row("prices-paid", "personal-care|hour")!.withheld).toBe("few");
  const chosen = { ...filter, category: "personal-care" as const };
  expect(insightsTable("leeds", chosen, "spend-by-month")!.rows.every((r) => r.withheld)).toBe(true);

  isfHours(1);
  expect(row("spend-by-category", "personal-care")!.values).toEqual({ spend: 20_000, visits: 5, buyers: 5 });
  expect(row("prices-paid", "personal-care|hour")!.withheld).toBe(null);
});

test("direct-payment spending with no provider counts in spend, in a town bucket that says so, and its share is never shown as one provider's", () => {
  filter = inYear(2024);
  for (let i = 0; i < 6; i++) {
    const p = person("direct-payment");
    const r = spend({ budgetAccountId: p.account, amountPence: 6_000, category: "personal-care", organisationId: null, description: "PA wages", effectiveOn: "2024-01-20", idempotencyKey: `dp-${n++}`, by: p.id });
    expect(r.ok).toBe(true);
  }
  isfHours(6);
  expect(row("spend-by-category", "personal-care")!.values).toEqual({ spend: 36_000 + 24_000, visits: 12, buyers: 12 });
  expect(row("spend-by-town", NOT_RECORDED)!).toMatchObject({ label: expect.stringContaining("not recorded"), values: { spend: 36_000, buyers: 6 } });
  expect(row("spend-by-month", "2024-01")!.values.spend).toBe(36_000);
  // In January alone everything was paid directly: fewer than 3 providers, so even the total is withheld.
  expect(insightsTable("leeds", { from: "2024-01", to: "2024-01", category: null }, "spend-by-month")!.total!.withheld).toBe("few");
  // Paid directly to people we do not know: no provider is counted for it, and its share is withheld.
  expect(row("providers-by-category", "personal-care")!.values.providers).toBe(3); // the three providers holding the ISFs, not 9
  const share = insightsTable("leeds", filter, "share-by-kind")!;
  expect(share.rows.find((r) => r.key === "paid-directly")!.withheld).toBe("few");
  expect(share.rows.find((r) => r.key === "provider")!.withheld).not.toBe(null);
});
