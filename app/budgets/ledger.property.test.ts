// Property: whatever happens to a budget — payments, spends, orders reserved, committed and
// released, reversals, period ends, the ISF moving provider — no journal is unbalanced, no
// balance goes below its floor, the kept balances equal a replay of the postings, and the
// money a person can spend is exactly what a simple model of their budget says.
import fc from "fast-check";
import { beforeEach, expect, test } from "vitest";
import { db } from "../../db/client";
import { spendingRules } from "../../db/schema";
import { anOrganisation } from "../../tests/support/fixtures";
import { clearData } from "../../seeds/load";
import {
  allocate, closePeriod, commit, correctEntry, moveIsf, openBudgetAccount, periodPayment, release, reserve, spend, spendable,
} from "./budgets.server";
import { LedgerError, verifyLedger } from "./ledger.server";
import { carryOverAllowance } from "./rules";

type Op =
  | { op: "allocate"; period: number }
  | { op: "spend"; amount: number; provider: 0 | 1 | null; category: "personal-care" | "leisure-and-arts" | "short-breaks" }
  | { op: "reserve"; amount: number }
  | { op: "commit"; which: number; fraction: number }
  | { op: "release"; which: number }
  | { op: "reverse"; which: number }
  | { op: "close"; period: number }
  | { op: "move"; provider: 0 | 1 };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("allocate" as const), period: fc.integer({ min: 0, max: 5 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant("spend" as const), amount: fc.integer({ min: 1, max: 90_000 }), provider: fc.constantFrom(0 as const, 1 as const, null), category: fc.constantFrom("personal-care" as const, "leisure-and-arts" as const, "short-breaks" as const) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant("reserve" as const), amount: fc.integer({ min: 1, max: 60_000 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant("commit" as const), which: fc.nat(), fraction: fc.double({ min: 0.01, max: 1, noNaN: true }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant("release" as const), which: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("reverse" as const), which: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("close" as const), period: fc.integer({ min: 0, max: 5 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("move" as const), provider: fc.constantFrom(0 as const, 1 as const) }), weight: 1 },
);

let holderId = 0;
let providers: number[] = [];

beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  holderId = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('p@example.org', 'P', 'x') RETURNING id").pluck().get() as number;
  providers = [anOrganisation({ name: "Provider A" }).id, anOrganisation({ name: "Provider B" }).id];
  db.insert(spendingRules).values([
    { areaSlug: "leeds", kind: "category-not-allowed", params: { category: "short-breaks" }, explanation: "Leeds does not pay for short breaks from this budget.", instead: "Ask about the carers' respite fund." },
    { areaSlug: "leeds", kind: "carry-over", params: { percent: 25, capWeeks: 4 }, explanation: "Keep up to a quarter of a payment.", instead: "" },
  ]).run();
});

test("random sequences of money operations keep the ledger sound and match a simple model", () => {
  fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 2 }), (ops, feeKind) => {
    db.transaction((tx) => {
      for (const table of ["postings", "ledger_balances", "journals", "ledger_accounts", "reservations", "isf_moves", "audit_log", "budget_accounts"]) tx.run(`DELETE FROM ${table}` as never);
    });
    const account = openBudgetAccount({
      holderId, areaSlug: "leeds", arrangement: "isf", isfProviderId: providers[0], annualAllocationPence: 1_300_000, periodDays: 28,
      contributionPence: 2_500, feeKind: (["none", "amount", "percent"] as const)[feeKind], feeValue: feeKind === 1 ? 3_000 : 500,
      startsOn: "2026-01-01",
    }, holderId);
    const rules = db.select().from(spendingRules).all();
    // The model: this period's money and the carried-over contingency, drawn budget first.
    const m = { budget: 0, contingency: 0 };
    const draw = (x: number) => {
      const fromBudget = Math.min(x, m.budget);
      m.budget -= fromBudget;
      m.contingency -= x - fromBudget;
      return { fromBudget, fromContingency: x - fromBudget };
    };
    const allocated = new Set<number>();
    const closed = new Set<number>();
    const held: { id: number; amount: number }[] = [];
    const spends: { journalId: number; fromBudget: number; fromContingency: number }[] = [];
    const balance = (code: string) =>
      (db.$client.prepare("SELECT balance_pence FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.ledger_account_id WHERE a.code = ?").pluck().get(code) as number | undefined) ?? 0;
    let step = 0;

    for (const o of ops) {
      const key = `k${step++}`;
      if (o.op === "allocate") {
        allocate(account.id, o.period, holderId, "2026-02-01");
        if (!allocated.has(o.period)) {
          const pay = periodPayment(account, o.period);
          const fee = feeKind === 1 ? 3_000 : feeKind === 2 ? Math.round((pay * 500) / 10_000) : 0;
          m.budget += pay + 2_500 - fee;
          allocated.add(o.period);
        }
      } else if (o.op === "spend") {
        const r = spend({
          budgetAccountId: account.id, amountPence: o.amount, category: o.category, organisationId: o.provider === null ? null : providers[o.provider]!,
          description: "support", effectiveOn: "2026-03-01", idempotencyKey: key, by: holderId,
        });
        const expected = o.category !== "short-breaks" && m.budget + m.contingency >= o.amount;
        expect(r.ok, `spend ${o.amount} with ${m.budget}+${m.contingency} available`).toBe(expected);
        if (r.ok) spends.push({ journalId: r.journalId, ...draw(o.amount) });
        if (!r.ok && o.category === "short-breaks") expect(r.refusal.explanation).toMatch(/short breaks/);
      } else if (o.op === "reserve") {
        const r = reserve({ budgetAccountId: account.id, amountPence: o.amount, category: "personal-care", reference: `order:${key}`, idempotencyKey: key, by: holderId, effectiveOn: "2026-03-01" });
        expect(r.ok).toBe(m.budget + m.contingency >= o.amount);
        if (r.ok) { draw(o.amount); held.push({ id: r.reservationId, amount: o.amount }); }
      } else if ((o.op === "commit" || o.op === "release") && held.length > 0) {
        const [r] = held.splice(o.which % held.length, 1);
        if (o.op === "commit") {
          const amount = Math.max(1, Math.floor(r!.amount * o.fraction));
          commit({ reservationId: r!.id, amountPence: amount, organisationId: providers[0]!, category: "personal-care", description: "delivered", idempotencyKey: key, by: holderId });
          m.budget += r!.amount - amount; // what was not needed goes back to the budget
        } else {
          release({ reservationId: r!.id, idempotencyKey: key, by: holderId, reason: "cancelled" });
          m.budget += r!.amount;
        }
      } else if (o.op === "reverse" && spends.length > 0) {
        const [s] = spends.splice(o.which % spends.length, 1);
        const correction = correctEntry(s!.journalId, { idempotencyKey: key, effectiveOn: "2026-03-02", reason: "entered in error", by: holderId });
        m.budget += s!.fromBudget; // a reversal puts the money back exactly where it came from
        m.contingency += s!.fromContingency;
        expect(() => correctEntry(s!.journalId, { idempotencyKey: `${key}-again`, effectiveOn: "2026-03-02", reason: "twice", by: holderId })).toThrow(LedgerError);
        // Nor is the correction itself: undoing it means recording the spend again.
        expect(() => correctEntry(correction.journalId, { idempotencyKey: `${key}-undo`, effectiveOn: "2026-03-02", reason: "undo", by: holderId })).toThrow(LedgerError);
      } else if (o.op === "close" && !closed.has(o.period)) {
        const allowance = carryOverAllowance(rules, periodPayment(account, o.period), 28);
        const kept = Math.min(m.contingency + m.budget, Math.max(m.contingency, allowance));
        const { returned } = closePeriod(account.id, o.period, holderId, "2026-03-31");
        expect(returned).toBe(m.contingency + m.budget - kept);
        [m.budget, m.contingency] = [0, kept];
        closed.add(o.period);
      } else if (o.op === "move") {
        moveIsf(account.id, providers[o.provider]!, holderId);
      }
      expect({ budget: balance(`budget:${account.id}`), contingency: balance(`contingency:${account.id}`) }).toEqual(m);
      expect(spendable(account.id)).toBe(m.budget + m.contingency);
    }

    expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
    // Every penny is somewhere: all ledger accounts together sum to zero.
    expect(db.$client.prepare("SELECT COALESCE(SUM(amount_pence), 0) FROM postings").pluck().get()).toBe(0);
  }), { numRuns: 60 });
});
