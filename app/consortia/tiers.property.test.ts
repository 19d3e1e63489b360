// Properties: for any tier table and any sequence of joins and leaves, each member's charge in a
// period is the tier price for the group's size in that period (never above what they agreed),
// and the provider's total is the sum of the members' charges. First the period rule alone, then
// the real service forming groups of any size, with some budgets suspended, through to payment.
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { occurrences, orders, pledges } from "../../db/schema";
import type { PriceTier } from "../../db/schema/consortia";
import { AFTER_DEADLINE, at, groupWorld, opened, pledged } from "../../tests/support/consortia";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import { confirmDelivery, recordDelivery } from "../purchasing/orders.server";
import { amountFor } from "../purchasing/schedule";
import { closeOffer } from "./consortia.server";
import { type Member, periodCharges, tierProblem } from "./tiers";

/** A valid tier table: sizes rising from 2 or more, prices falling. */
const tiersArb = fc.uniqueArray(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 4 })
  .chain((sizes) => fc.uniqueArray(fc.integer({ min: 100, max: 3_000 }), { minLength: sizes.length, maxLength: sizes.length })
    .map((prices) => {
      const s = [...sizes].sort((a, b) => a - b);
      const p = [...prices].sort((a, b) => b - a);
      return s.map((members, i) => ({ members, pricePence: p[i]! }));
    }));

/** The oracle, written differently from tierPrice: the largest tier the size reaches. */
const expectedPrice = (tiers: PriceTier[], n: number) => [...tiers].reverse().find((t) => t.members <= n)?.pricePence ?? null;

type Event = { kind: "join"; ceilingAbove: number } | { kind: "leave"; which: number } | { kind: "confirm"; which: number } | { kind: "period" };
const eventArb: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("join" as const), ceilingAbove: fc.integer({ min: -300, max: 1_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("leave" as const), which: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("confirm" as const), which: fc.nat({ max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("period" as const) }) },
);

test("each period, every member pays the tier price for the group's size, never above what they agreed, and the provider gets the sum", () => {
  fc.assert(fc.property(tiersArb, fc.array(eventArb, { maxLength: 60 }), fc.integer({ min: 25, max: 400 }), (tiers, events, quantity) => {
    const max = tiers.at(-1)!.members + 2;
    expect(tierProblem(tiers, max)).toBeNull();
    let group: Member[] = [];
    let next = 0;
    for (const e of [...events, { kind: "period" } as Event]) {
      if (e.kind === "join" && group.length < max) group.push({ id: `m${next++}`, ceilingPence: tiers[0]!.pricePence + e.ceilingAbove });
      if (e.kind === "leave" && group.length) group = group.filter((_, i) => i !== e.which % group.length);
      // Saying yes to a higher price: the member now agrees to the smallest group's price.
      if (e.kind === "confirm" && group.length) group = group.map((m, i) => (i === e.which % group.length ? { ...m, ceilingPence: tiers[0]!.pricePence } : m));
      if (e.kind !== "period") continue;
      const sessions = 4;
      const { price, charges, dropped, providerPence } = periodCharges(tiers, group, quantity, sessions);
      expect(price).toBe(expectedPrice(tiers, charges.size));
      for (const m of group) {
        const charge = charges.get(m.id);
        if (charge === undefined) continue;
        expect(charge).toBe(sessions * amountFor(expectedPrice(tiers, charges.size)!, quantity));
        expect(charge).toBeLessThanOrEqual(sessions * amountFor(m.ceilingPence, quantity));
      }
      expect(providerPence).toBe([...charges.values()].reduce((a, b) => a + b, 0));
      expect(charges.size + dropped.length).toBe(group.length);
      expect(charges.size).toBeLessThanOrEqual(max);
      // Nobody is turned away who could have stayed: everyone dropped agreed to less than the price.
      if (price !== null) for (const d of dropped) expect(d.ceilingPence).toBeLessThan(price);
      group = group.filter((m) => charges.has(m.id));
    }
  }), { numRuns: 500 });
});

test("forming a group of any size, with some budgets suspended: each member pays the tier their final size earns and the provider is paid the sum", () => {
  fc.assert(fc.property(tiersArb, fc.integer({ min: 0, max: 7 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (rawTiers, joining, suspended) => {
    // Prices below the £24 alone, as an offer must be.
    const tiers = rawTiers.map((t) => ({ ...t, pricePence: Math.min(t.pricePence, 2_300) - rawTiers.indexOf(t) }));
    const w = groupWorld({ holders: joining });
    const offer = opened(w, { tiers, maxMembers: 8 });
    for (let i = 0; i < joining; i++) pledged(w, offer, i);
    for (let i = 0; i < joining; i++) if (suspended[i]) db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(w.people[i]!.budget);
    const able = w.people.filter((_, i) => !suspended[i]).length;
    const result = closeOffer(null, offer, AFTER_DEADLINE);
    const price = expectedPrice(tiers, able);
    expect(result.outcome).toBe(price === null ? "lapsed" : "committed");
    let memberCharges = 0;
    for (const [i, p] of w.people.entries()) {
      const order = db.select().from(orders).where(eq(orders.buyerId, p.id)).get();
      if (price === null || suspended[i]) {
        expect(order).toBeUndefined();
        continue;
      }
      expect(order!.unitPricePence).toBe(price);
      const first = db.select().from(occurrences).where(eq(occurrences.orderId, order!.id)).all()[0]!;
      recordDelivery(w.as(w.staff), first.id, { deliveredOn: "2026-02-10", quantityHundredths: 200, notes: "" }, at("2026-02-10T13:00:00Z"));
      const { chargedPence } = confirmDelivery(w.as(p.id), first.id, at("2026-02-11"));
      expect(chargedPence).toBe(amountFor(price, 200));
      memberCharges += chargedPence;
    }
    expect(balanceOf(`payable:${w.organisation}`)).toBe(memberCharges);
    expect(db.select().from(pledges).where(eq(pledges.status, "member")).all()).toHaveLength(price === null ? 0 : able);
    expect(verifyLedger().unbalanced).toEqual([]);
  }), { numRuns: 25 });
}, 120_000);
