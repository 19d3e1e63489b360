import { spawn } from "node:child_process";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { spendingRules } from "../../db/schema";
import { clearData } from "../../seeds/load";
import { race } from "../../tests/support/race";
import { anOrganisation } from "../../tests/support/fixtures";
import {
  allocate, balancesOf, commit, managementFee, moveIsf, openBudgetAccount, payOut, periodPayment, release, reserve, spend, type BudgetAccount,
  type SpendCommand,
} from "./budgets.server";
import { balanceOf, verifyLedger } from "./ledger.server";

let holder = 0;
let provider = 0;
const journals = () => db.$client.prepare("SELECT COUNT(*) FROM journals").pluck().get() as number;

beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  holder = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('h@example.org', 'H', 'x') RETURNING id").pluck().get() as number;
  provider = anOrganisation().id;
});

/** A budget with £100 in it (a £1,300 a year, four-weekly direct payment after its first payment). */
function budgetWith100(over: Partial<Parameters<typeof openBudgetAccount>[0]> = {}): BudgetAccount {
  const account = openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: 130_000, periodDays: 28, startsOn: "2026-01-01", endsOn: "2026-12-31", ...over }, holder);
  allocate(account.id, 0, holder, "2026-01-01");
  return account;
}
const spendOf = (account: BudgetAccount, over: Partial<SpendCommand> = {}): SpendCommand => ({
  budgetAccountId: account.id, amountPence: 1_000, category: "personal-care", organisationId: provider, description: "Home care",
  effectiveOn: "2026-03-01", idempotencyKey: `spend:${Math.random()}`, by: holder, ...over,
});

describe("payments in", () => {
  test("split the year into whole pence, with the odd pence in the last period", () => {
    const account = { annualAllocationPence: 1_000_000, periodDays: 28 };
    const year = Array.from({ length: 13 }, (_, n) => periodPayment(account, n));
    expect(year.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(new Set(year.slice(0, 12))).toEqual(new Set([76_923]));
  });

  test("a period's payment arrives once however often it is run", () => {
    const account = budgetWith100();
    allocate(account.id, 0, holder);
    allocate(account.id, 0, holder);
    expect(balancesOf(account.id).available).toBe(10_000);
  });

  test("re-running a period's payment after the ISF moved changes nothing (found by the property test)", () => {
    const other = anOrganisation({ name: "Second Provider" }).id;
    const isf = budgetWith100({ arrangement: "isf", isfProviderId: provider, feeKind: "amount", feeValue: 500 });
    moveIsf(isf.id, other, holder);
    expect(() => allocate(isf.id, 0, holder)).not.toThrow();
    expect(balanceOf(`fees:${provider}`)).toBe(500);
    expect(balanceOf(`fees:${other}`)).toBe(0);
    expect(balancesOf(isf.id).available).toBe(9_500);
  });

  test("an ISF's management fee is taken as stated up front: an amount or a percentage", () => {
    expect(managementFee({ arrangement: "isf", feeKind: "percent", feeValue: 750 }, 10_000)).toBe(750);
    expect(managementFee({ arrangement: "isf", feeKind: "amount", feeValue: 2_000 }, 10_000)).toBe(2_000);
    expect(managementFee({ arrangement: "direct-payment", feeKind: "amount", feeValue: 2_000 }, 10_000)).toBe(0);
    const isf = budgetWith100({ arrangement: "isf", isfProviderId: provider, feeKind: "percent", feeValue: 1_000 });
    expect(balancesOf(isf.id).available).toBe(9_000);
    expect(balanceOf(`fees:${provider}`)).toBe(1_000);
  });
});

describe("spending", () => {
  test("takes the money from the budget to the provider, once per request", () => {
    const account = budgetWith100();
    const cmd = spendOf(account, { amountPence: 2_550 });
    expect(spend(cmd)).toMatchObject({ ok: true });
    expect(spend(cmd)).toMatchObject({ ok: true });
    expect(balancesOf(account.id).available).toBe(7_450);
    expect(balanceOf(`payable:${provider}`)).toBe(2_550);
  });

  test.each([
    ["a negative amount", { amountPence: -500 }, "amount"],
    ["a fraction of a penny", { amountPence: 10.5 }, "amount"],
    ["more than the balance", { amountPence: 10_001 }, "balance"],
    ["a date before the budget starts", { effectiveOn: "2025-12-31" }, "dates"],
    ["a date after it ends", { effectiveOn: "2027-01-01" }, "dates"],
    ["a date that is not a date", { effectiveOn: "next tuesday" }, "dates"],
    ["a category we do not know", { category: "casino-chips" }, "category"],
  ])("refuses %s, says why, and writes nothing", (_label, over, rule) => {
    const account = budgetWith100();
    const before = journals();
    const r = spend(spendOf(account, over as Partial<SpendCommand>));
    expect(r).toMatchObject({ ok: false, refusal: { rule, explanation: expect.any(String), instead: expect.any(String) } });
    expect(journals()).toBe(before);
    expect(balancesOf(account.id).available).toBe(10_000);
  });

  test("a council rule refuses with its own plain-English explanation and what to do instead", () => {
    db.insert(spendingRules).values({
      areaSlug: "leeds", kind: "category-not-allowed", params: { category: "leisure-and-arts" },
      explanation: "Leeds does not pay for leisure memberships from a direct payment.", instead: "Ask your social worker about the community fund.",
    }).run();
    const account = budgetWith100();
    expect(spend(spendOf(account, { category: "leisure-and-arts" }))).toEqual({ ok: false, refusal: {
      rule: "category-not-allowed", explanation: "Leeds does not pay for leisure memberships from a direct payment.", instead: "Ask your social worker about the community fund.",
    } });
    expect(spend(spendOf(account, { category: "personal-care" })).ok).toBe(true);
  });

  test("a suspended budget cannot be spent from", () => {
    const account = budgetWith100();
    db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(account.id);
    expect(spend(spendOf(account))).toMatchObject({ ok: false, refusal: { rule: "not-active" } });
  });

  test("two processes spending £80 of the last £100 at the same moment: only one succeeds", async () => {
    const account = budgetWith100();
    const results = await race<{ ok: boolean }>("app/budgets/budgets.server.ts", "spend",
      [1, 2, 3].map((n) => [spendOf(account, { amountPence: 8_000, idempotencyKey: `race:${n}` })]));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(balancesOf(account.id).available).toBe(2_000);
    expect(verifyLedger().unbalanced).toEqual([]);
  });

  test("a process killed in the middle of 1,000 spends leaves the database whole and the ledger balanced", async () => {
    const account = budgetWith100({ annualAllocationPence: 13_000_000 });
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/spend-loop.ts", String(account.id), String(holder), "1000"], { env: process.env });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { if (Number(d.toString().trim().split("\n").at(-1)) >= 200) resolve(); }));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    const spent = db.$client.prepare("SELECT COUNT(*) FROM journals WHERE kind = 'spend'").pluck().get() as number;
    expect(spent).toBeGreaterThanOrEqual(200);
    expect(spent).toBeLessThan(1000);
    expect(balancesOf(account.id).available).toBe(1_000_000 - spent * 100);
    expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
  });
});

describe("reserve, commit, release", () => {
  test("money set aside cannot be spent again; committing less gives the rest back", () => {
    const account = budgetWith100();
    const r = reserve({ budgetAccountId: account.id, amountPence: 6_000, category: "personal-care", reference: "order:1", idempotencyKey: "reserve:1", by: holder });
    if (!r.ok) throw new Error("reserve failed");
    expect(balancesOf(account.id)).toMatchObject({ available: 4_000, reserved: 6_000 });
    expect(spend(spendOf(account, { amountPence: 5_000 })).ok).toBe(false);
    commit({ reservationId: r.reservationId, amountPence: 4_500, organisationId: provider, category: "personal-care", description: "3 hours delivered", idempotencyKey: "commit:1", by: holder });
    expect(balancesOf(account.id)).toMatchObject({ available: 5_500, reserved: 0 });
    expect(balanceOf(`payable:${provider}`)).toBe(4_500);
    expect(() => release({ reservationId: r.reservationId, idempotencyKey: "release:1", by: holder, reason: "late" })).toThrow(/already committed/);
  });

  test("reserve, commit and release are safe to repeat", () => {
    const account = budgetWith100();
    const first = reserve({ budgetAccountId: account.id, amountPence: 3_000, category: "personal-care", reference: "order:2", idempotencyKey: "reserve:2", by: holder });
    const again = reserve({ budgetAccountId: account.id, amountPence: 3_000, category: "personal-care", reference: "order:2", idempotencyKey: "reserve:2", by: holder });
    expect(again).toEqual(first);
    if (!first.ok) throw new Error("reserve failed");
    release({ reservationId: first.reservationId, idempotencyKey: "release:2", by: holder, reason: "cancelled" });
    release({ reservationId: first.reservationId, idempotencyKey: "release:2", by: holder, reason: "cancelled" });
    expect(balancesOf(account.id)).toMatchObject({ available: 10_000, reserved: 0 });
  });
});

test("paying a provider out takes what they are owed down, never below nothing, and once per key", () => {
  const account = budgetWith100();
  spend(spendOf(account, { amountPence: 4_000 }));
  const pay = (amountPence: number, idempotencyKey: string) =>
    db.transaction(() => payOut({ organisationId: provider, amountPence, reference: "BACS 1", idempotencyKey, by: holder }));
  expect(() => pay(4_001, "payout:too-much")).toThrow(/Only £40 is owed/);
  pay(3_000, "payout:1");
  pay(3_000, "payout:1");
  expect([balanceOf(`payable:${provider}`), balanceOf(`paid:${provider}`)]).toEqual([1_000, 3_000]);
  expect(() => pay(1_001, "payout:2")).toThrow(/Only £10 is owed/);
  expect(balancesOf(account.id).available).toBe(6_000);
  expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
});

test("moving an ISF keeps the balance and the history with the person", () => {
  const other = anOrganisation({ name: "New Provider" }).id;
  const account = budgetWith100({ arrangement: "isf", isfProviderId: provider });
  spend(spendOf(account, { amountPence: 1_000 }));
  const before = balancesOf(account.id);
  const moved = moveIsf(account.id, other, holder);
  expect(moved.isfProviderId).toBe(other);
  expect(balancesOf(account.id)).toEqual(before);
  expect(db.$client.prepare("SELECT COUNT(*) FROM journals WHERE budget_account_id = ? AND kind = 'spend'").pluck().get(account.id)).toBe(1);
});
