// After a member leaves: the group's new price for the next period, a rise only with each
// member's confirmation (and from the next period only), no change when the waiting list fills
// the place, and purchasing's re-pricing of an order from a date, all or nothing.
import { and, asc, eq, ne } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { consortiumNotices, messages, occurrences, orders, pledges } from "../../db/schema";
import { AFTER_DEADLINE, at, groupWorld, opened, pledged } from "../../tests/support/consortia";
import { verifyLedger } from "../budgets/ledger.server";
import { bookAhead, confirmDelivery, recordDelivery, repriceOrder } from "../purchasing/orders.server";
import { closeOffer, ConsortiumError, confirmNewPrice, leaveGroup } from "./consortia.server";

const ledgerSound = () => expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
const pledgeOf = (offerId: number, holderId: number) => db.select().from(pledges).where(and(eq(pledges.offerId, offerId), eq(pledges.holderId, holderId))).get()!;
/** Each booked (not cancelled) visit of an order: date and what it costs (2 hours at the visit's price). */
const visits = (orderId: number) => db.select().from(occurrences).where(and(eq(occurrences.orderId, orderId), ne(occurrences.status, "cancelled")))
  .orderBy(asc(occurrences.date)).all().map((o) => [o.date, o.amountPence]);
const noticesFor = (holderId: number) => db.select().from(consortiumNotices).where(eq(consortiumNotices.holderId, holderId)).all().map((n) => n.body).join("\n");

/** A group of five at £12 an hour; Holder0 leaves on 12 February (last session 24 February), nobody waiting: four from the next period, 10 March. */
function shrunk() {
  const w = groupWorld({ holders: 5 });
  const offer = opened(w);
  for (let i = 0; i < 5; i++) pledged(w, offer, i);
  closeOffer(null, offer, AFTER_DEADLINE);
  leaveGroup(w.as(w.people[0]!.id), pledgeOf(offer, w.people[0]!.id).id, at("2026-02-12"));
  const member = (i: number) => pledgeOf(offer, w.people[i]!.id);
  return { w, offer, member };
}

/** Delivers and confirms one visit; what the member was charged. */
function charge(w: ReturnType<typeof groupWorld>, holder: number, orderId: number, date: string) {
  const visit = db.select().from(occurrences).where(and(eq(occurrences.orderId, orderId), eq(occurrences.date, date), ne(occurrences.status, "cancelled"))).get()!;
  recordDelivery(w.as(w.staff), visit.id, { deliveredOn: date, quantityHundredths: 200, notes: "" }, at(`${date}T13:00:00Z`));
  return confirmDelivery(w.as(holder), visit.id, at(`${date}T15:00:00Z`)).chargedPence;
}

describe("the group's price after it shrinks", () => {
  test("a higher price is not charged without confirmation; the provider is told it bears the difference", () => {
    const { w, member } = shrunk();
    const m = member(1);
    expect(m).toMatchObject({ agreedPricePence: 1_200, pendingPricePence: 1_500, pendingFrom: "2026-03-10" });
    expect(noticesFor(w.people[1]!.id)).toMatch(/the group's price is £15 per hour from 10 March 2026\. You keep paying £12 unless you confirm/);
    bookAhead(at("2026-03-05"));
    charge(w, w.people[1]!.id, m.orderId!, "2026-03-03");
    expect(charge(w, w.people[1]!.id, m.orderId!, "2026-03-10")).toBe(2_400);
    expect(visits(m.orderId!).every(([, pence]) => pence === 2_400)).toBe(true);
    const told = db.select().from(messages).where(eq(messages.orderId, m.orderId!)).all().map((x) => x.body).join("\n");
    expect(told).toMatch(/Holder1 has not agreed to more than £12, so they keep paying that until they confirm; the provider bears the difference/);
    ledgerSound();
  });

  test("after confirming, the higher price is charged from the next period only; confirming late waits for the period after", () => {
    const { w, offer, member } = shrunk();
    const early = member(1);
    const late = member(2);
    // Holder1 confirms before the new period: from 10 March. Holder2 confirms on 12 March: from 7 April.
    expect(() => confirmNewPrice(w.as(w.people[3]!.id), early.id, at("2026-02-20"))).toThrow(/Only the member/);
    expect(confirmNewPrice(w.as(w.people[1]!.id), early.id, at("2026-02-20"))).toEqual({ from: "2026-03-10", pricePence: 1_500 });
    expect(() => confirmNewPrice(w.as(w.people[1]!.id), early.id, at("2026-02-21"))).toThrow(/no new price waiting/);
    bookAhead(at("2026-03-05"));
    expect(confirmNewPrice(w.as(w.people[2]!.id), late.id, at("2026-03-12"))).toEqual({ from: "2026-04-07", pricePence: 1_500 });
    bookAhead(at("2026-04-01"));
    expect(visits(early.orderId!).filter(([d]) => d! >= "2026-03-03" && d! <= "2026-04-14")).toEqual([
      ["2026-03-03", 2_400], ["2026-03-10", 3_000], ["2026-03-17", 3_000], ["2026-03-24", 3_000], ["2026-03-31", 3_000], ["2026-04-07", 3_000], ["2026-04-14", 3_000],
    ]);
    expect(visits(late.orderId!).filter(([d]) => d! >= "2026-03-31" && d! <= "2026-04-14")).toEqual([["2026-03-31", 2_400], ["2026-04-07", 3_000], ["2026-04-14", 3_000]]);
    expect(charge(w, w.people[1]!.id, early.orderId!, "2026-03-03")).toBe(2_400);
    expect(charge(w, w.people[1]!.id, early.orderId!, "2026-03-10")).toBe(3_000);
    expect(charge(w, w.people[2]!.id, late.orderId!, "2026-03-31")).toBe(2_400);
    expect(pledgeOf(offer, w.people[1]!.id)).toMatchObject({ agreedPricePence: 1_500, pendingPricePence: null });
    expect(pledgeOf(offer, w.people[3]!.id)).toMatchObject({ agreedPricePence: 1_200, pendingPricePence: 1_500 });
    ledgerSound();
  });

  test("a refused confirmation (the budget) leaves the old price in place and says why", () => {
    const { w, member } = shrunk();
    const m = member(1);
    db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(w.people[1]!.budget);
    bookAhead(at("2026-03-05"));
    let error: unknown = null;
    try { confirmNewPrice(w.as(w.people[1]!.id), m.id, at("2026-03-05")); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConsortiumError);
    expect((error as Error).message).toMatch(/^Your price stays at £12 per hour: .*suspended/i);
    expect(db.select().from(orders).where(eq(orders.id, m.orderId!)).get()!.unitPricePence).toBe(1_200);
    expect(member(1)).toMatchObject({ agreedPricePence: 1_200, pendingPricePence: 1_500 });
    ledgerSound();
  });

  test("when the waiting list fills the place, the price stays and nobody is asked to confirm anything", () => {
    const w = groupWorld({ holders: 7 });
    const offer = opened(w);
    for (let i = 0; i < 7; i++) pledged(w, offer, i);
    closeOffer(null, offer, AFTER_DEADLINE);
    leaveGroup(w.as(w.people[0]!.id), pledgeOf(offer, w.people[0]!.id).id, at("2026-02-12"));
    for (const i of [1, 6]) expect(pledgeOf(offer, w.people[i]!.id)).toMatchObject({ status: "member", agreedPricePence: 1_200, pendingPricePence: null });
    expect(noticesFor(w.people[1]!.id)).not.toMatch(/confirm/);
  });
});

describe("purchasing: re-pricing an order from a date", () => {
  test("a lower price applies from the date without anyone's confirmation; earlier visits keep theirs and the difference goes back", () => {
    const { w, member } = shrunk();
    const m = member(1);
    // Holder1 confirmed £15 for March; later the group's price for them is £13 from 7 April.
    confirmNewPrice(w.as(w.people[1]!.id), m.id, at("2026-02-20"));
    bookAhead(at("2026-03-05"));
    bookAhead(at("2026-03-20"));
    const before = visits(m.orderId!);
    expect(repriceOrder(m.orderId!, 1_300, "2026-04-07", "The group is larger.", at("2026-03-20"))).toEqual({ rebooked: 2 });
    const after = visits(m.orderId!);
    expect(after.filter(([d]) => d! < "2026-04-07")).toEqual(before.filter(([d]) => d! < "2026-04-07"));
    expect(after.filter(([d]) => d! >= "2026-04-07")).toEqual([["2026-04-07", 2_600], ["2026-04-14", 2_600]]);
    expect(charge(w, w.people[1]!.id, m.orderId!, "2026-03-10")).toBe(3_000);
    expect(() => repriceOrder(m.orderId!, 1_300, "2026-03-20", "Too late", at("2026-03-20"))).toThrow(/from tomorrow or later/);
    ledgerSound();
  });
});
