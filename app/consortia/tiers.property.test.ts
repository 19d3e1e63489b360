// Properties: for any tier table and any sequence of joins and leaves, each member's charge in a
// period is the tier price for the group's size in that period (never above what they agreed),
// and the provider's total is the sum of the members' charges. First the period rule alone, then
// the real service forming groups of any size, with some budgets suspended, through to payment.
import fc from "fast-check";
import { and, eq, ne } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { occurrences, orders, pledges } from "../../db/schema";
import type { PriceTier } from "../../db/schema/consortia";
import { AFTER_DEADLINE, at, groupWorld, opened, pledged } from "../../tests/support/consortia";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import { bookAhead, confirmDelivery, recordDelivery } from "../purchasing/orders.server";
import { addDays, amountFor } from "../purchasing/schedule";
import { closeOffer, ConsortiumError, confirmNewPrice, leaveGroup } from "./consortia.server";
import { type Member, nextPeriodStart, PERIOD_DAYS, periodCharges, settlePeriod, tierProblem } from "./tiers";

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

test("each period, every member pays the tier price for the group's size unless they have not agreed to that much, never above what they agreed, and the provider gets the sum", () => {
  fc.assert(fc.property(tiersArb, fc.array(eventArb, { maxLength: 60 }), fc.integer({ min: 25, max: 400 }), (tiers, events, quantity) => {
    const max = tiers.at(-1)!.members + 2;
    expect(tierProblem(tiers, max)).toBeNull();
    let group: Member[] = [];
    let next = 0;
    for (const e of [...events, { kind: "period" } as Event]) {
      if (e.kind === "join" && group.length < max) group.push({ id: `m${next++}`, ceilingPence: tiers[0]!.pricePence + e.ceilingAbove });
      if (e.kind === "leave" && group.length) group = group.filter((_, i) => i !== e.which % group.length);
      // Confirming a higher price: the member now agrees to the price the group's size earns.
      const now = expectedPrice(tiers, group.length);
      if (e.kind === "confirm" && group.length && now !== null) group = group.map((m, i) => (i === e.which % group.length ? { ...m, ceilingPence: Math.max(m.ceilingPence, now) } : m));
      if (e.kind !== "period") continue;
      const sessions = 4;
      const { price, charges, unconfirmed, providerPence, providerBearsPence } = periodCharges(tiers, group, quantity, sessions);
      expect(price).toBe(now);
      expect(charges.size).toBe(group.length);
      let borne = 0;
      for (const m of group) {
        const charge = charges.get(m.id)!;
        // Never above what they agreed; the tier price whenever they agreed to that much.
        expect(charge).toBeLessThanOrEqual(sessions * amountFor(m.ceilingPence, quantity));
        if (now !== null && m.ceilingPence >= now) expect(charge).toBe(sessions * amountFor(now, quantity));
        else expect(charge).toBe(sessions * amountFor(m.ceilingPence, quantity));
        expect(unconfirmed.includes(m)).toBe(now !== null && m.ceilingPence < now);
        if (now !== null) borne += sessions * amountFor(now, quantity) - charge;
      }
      expect(providerPence).toBe([...charges.values()].reduce((a, b) => a + b, 0));
      expect(providerBearsPence).toBe(borne);
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

/**
 * The real service through leaves (the waiting list filling a place when it can) and confirmations
 * over a twelve-week group, with the daily booking job: every visit in every period is priced as
 * `settlePeriod` says for the members then and what each had agreed for that period, and the
 * provider is paid exactly the members' charges. The model below tracks who is in the group and
 * what each agreed from when; the prices come from `settlePeriod` alone.
 */
test("running a group through leaves and confirmations: each member's charge per period is settlePeriod's, and the provider is paid their sum", () => {
  type Step = { kind: "leave" | "confirm"; which: number };
  const stepArb: fc.Arbitrary<Step> = fc.record({ kind: fc.constantFrom("leave" as const, "confirm" as const), which: fc.nat({ max: 20 }) });
  fc.assert(fc.property(tiersArb.filter((t) => t.at(-1)!.members <= 6), fc.integer({ min: 0, max: 1 }), fc.array(stepArb, { maxLength: 5 }), (rawTiers, waiting, steps) => {
    const tiers = rawTiers.map((t, i) => ({ ...t, pricePence: Math.min(t.pricePence, 2_300) - i }));
    const maxMembers = tiers.at(-1)!.members;
    const w = groupWorld({ holders: maxMembers + waiting });
    const offer = opened(w, { tiers, maxMembers });
    for (let i = 0; i < maxMembers + waiting; i++) pledged(w, offer, i);
    const formed = closeOffer(null, offer, AFTER_DEADLINE);
    if (formed.outcome !== "committed") throw new Error("the group should form");
    const startsOn = "2026-02-10";
    const endsOn = addDays(startsOn, 12 * 7 - 1);

    // The model: each member's first and last session, and what they agreed from which date.
    type Modelled = { pledgeId: number; holder: number; orderId: number; from: string; until: string; ceilings: [string, number][]; pending: { price: number; from: string } | null };
    const rows = () => db.select().from(pledges).where(eq(pledges.offerId, offer)).all();
    const model = new Map<number, Modelled>(rows().filter((p) => p.status === "member").map((p) => [p.id, {
      pledgeId: p.id, holder: p.holderId, orderId: p.orderId!, from: startsOn, until: endsOn, ceilings: [[startsOn, formed.unitPricePence]], pending: null,
    }]));
    const current = () => [...model.values()].filter((m) => m.until === endsOn).sort((a, b) => a.pledgeId - b.pledgeId);
    const ceilingOn = (m: Modelled, date: string) => m.ceilings.filter(([from]) => from <= date).at(-1)![1];

    let day = "2026-02-12";
    for (const step of steps) {
      bookAhead(at(day));
      const members = current();
      if (members.length > 0) {
        const m = members[step.which % members.length]!;
        if (step.kind === "leave") {
          const { leavesOn } = leaveGroup(w.as(m.holder), m.pledgeId, at(day));
          m.until = leavesOn;
          const joiner = rows().find((p) => p.status === "member" && !model.has(p.id));
          if (joiner) {
            const order = db.select().from(orders).where(eq(orders.id, joiner.orderId!)).get()!;
            model.set(joiner.id, { pledgeId: joiner.id, holder: joiner.holderId, orderId: order.id, from: order.startsOn, until: endsOn, ceilings: [[order.startsOn, order.unitPricePence]], pending: null });
          }
          const from = nextPeriodStart(startsOn, leavesOn);
          const staying = current();
          const { price, unconfirmed } = settlePeriod(tiers, staying.map((x) => ({ id: String(x.pledgeId), ceilingPence: x.ceilings.at(-1)![1] })));
          for (const x of staying) x.pending = unconfirmed.some((u) => u.id === String(x.pledgeId)) ? { price: price!, from } : null;
        } else if (m.pending) {
          const from = m.pending.from > day ? m.pending.from : nextPeriodStart(startsOn, day);
          expect(confirmNewPrice(w.as(m.holder), m.pledgeId, at(day))).toEqual({ from, pricePence: m.pending.price });
          m.ceilings.push([from, m.pending.price]);
          m.pending = null;
        } else {
          expect(() => confirmNewPrice(w.as(m.holder), m.pledgeId, at(day))).toThrow(ConsortiumError);
        }
      }
      day = addDays(day, 5);
    }
    for (let d = day; d <= endsOn; d = addDays(d, 7)) bookAhead(at(d));

    let expectedTotal = 0;
    let charged = 0;
    for (let period = startsOn; period <= endsOn; period = addDays(period, PERIOD_DAYS)) {
      const periodEnd = addDays(period, PERIOD_DAYS - 1);
      // Who is in the group for this period: everyone whose place covers its first session.
      const inGroup = [...model.values()].filter((m) => m.from <= period && m.until >= period);
      const settled = settlePeriod(tiers, inGroup.map((m) => ({ id: String(m.pledgeId), ceilingPence: ceilingOn(m, period) })));
      expect(settled.price).toBe(expectedPrice(tiers, inGroup.length));
      for (const m of model.values()) {
        const visits = db.select().from(occurrences).where(and(eq(occurrences.orderId, m.orderId), ne(occurrences.status, "cancelled"))).all()
          .filter((o) => o.date >= period && o.date <= periodEnd);
        // A member's visits in a period they are in are at settlePeriod's price; a newcomer's first sessions (before the next period) at the price they joined at.
        const perUnit = settled.perUnit.get(String(m.pledgeId)) ?? ceilingOn(m, m.from);
        for (const v of visits) {
          expect(v.unitPricePence).toBe(perUnit);
          expect(v.unitPricePence).toBeLessThanOrEqual(ceilingOn(m, v.date));
          if (settled.price !== null && inGroup.includes(m) && ceilingOn(m, period) >= settled.price) expect(v.unitPricePence).toBe(expectedPrice(tiers, inGroup.length));
          expectedTotal += amountFor(perUnit, 200);
          recordDelivery(w.as(w.staff), v.id, { deliveredOn: v.date, quantityHundredths: 200, notes: "" }, at(`${v.date}T13:00:00Z`));
          charged += confirmDelivery(w.as(m.holder), v.id, at(`${v.date}T15:00:00Z`)).chargedPence;
        }
      }
    }
    expect(charged).toBe(expectedTotal);
    expect(balanceOf(`payable:${w.organisation}`)).toBe(charged);
    expect(verifyLedger().unbalanced).toEqual([]);
  }), { numRuns: 12 });
}, 300_000);
