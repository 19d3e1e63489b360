// Joining a group that has already formed: from its next period, at the price the bigger group
// earns, with every member's price falling from the same day; never above the maximum; a budget
// refusal changes nothing and says why.
import { and, asc, eq, ne } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { consortiumNotices, occurrences, orders, pledges } from "../../db/schema";
import { AFTER_DEADLINE, at, groupWorld, opened, pledged } from "../../tests/support/consortia";
import { verifyLedger } from "../budgets/ledger.server";
import { bookAhead } from "../purchasing/orders.server";
import { sharedOrderAction } from "../purchasing/order-actions.server";
import { closeOffer, ConsortiumError, joinLater, offerPage } from "./consortia.server";

const ledgerSound = () => expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
const pledgeOf = (offerId: number, holderId: number) => db.select().from(pledges).where(and(eq(pledges.offerId, offerId), eq(pledges.holderId, holderId))).get();
const members = (offerId: number) => db.select().from(pledges).where(and(eq(pledges.offerId, offerId), eq(pledges.status, "member"))).all();
/** Each booked (not cancelled) visit of an order: date and what it costs (2 hours at the visit's price). */
const visits = (orderId: number) => db.select().from(occurrences).where(and(eq(occurrences.orderId, orderId), ne(occurrences.status, "cancelled")))
  .orderBy(asc(occurrences.date)).all().map((o) => [o.date, o.amountPence]);
const orderCount = () => db.select().from(orders).all().length;

/** A group formed with `size` members of Holder0.. (tiers: £15 an hour with 3, £12 with 5; at most `max`). */
function formed(size: number, max = 6) {
  const w = groupWorld({ holders: 7 });
  const offer = opened(w, { maxMembers: max });
  for (let i = 0; i < size; i++) pledged(w, offer, i);
  closeOffer(null, offer, AFTER_DEADLINE);
  const join = (i: number, now: Date) => joinLater(w.as(w.people[i]!.id), { offerId: offer, holderId: w.people[i]!.id, budgetAccountId: w.people[i]!.budget, displayName: `Holder${i}` }, now);
  return { w, offer, join };
}

describe("joining a formed group later", () => {
  test("the joiner pays the bigger group's price from the next period, and the members' price falls from that day, not before", () => {
    const { w, offer, join } = formed(4);
    const before = members(offer).map((m) => m.orderId!);
    expect(offerPage(offer, w.as(w.people[4]!.id), at("2026-02-12"))).toMatchObject({ joinableLater: true, placesFree: 2 });
    // 12 February, in the first period (10 Feb – 9 Mar): the next period starts on 10 March.
    const r = join(4, at("2026-02-12"));
    expect(r).toMatchObject({ ok: true, status: "member", from: "2026-03-10", pricePence: 1_200, setAsidePence: 4 * 2_400 });
    expect(members(offer)).toHaveLength(5);
    bookAhead(at("2026-03-05"));
    const joiner = pledgeOf(offer, w.people[4]!.id)!;
    expect(visits(joiner.orderId!).slice(0, 2)).toEqual([["2026-03-10", 2_400], ["2026-03-17", 2_400]]);
    for (const orderId of before) {
      // £15 an hour (£30 a visit) until 3 March; £12 (£24) from 10 March.
      expect(visits(orderId).filter(([d]) => d! >= "2026-02-24" && d! <= "2026-03-17")).toEqual([
        ["2026-02-24", 3_000], ["2026-03-03", 3_000], ["2026-03-10", 2_400], ["2026-03-17", 2_400],
      ]);
    }
    // A fall needs nobody's confirmation; they were told.
    expect(members(offer).every((m) => m.pendingPricePence === null)).toBe(true);
    // The offer page tells a member what they pay now and what they will pay, not only the most they agreed to.
    const holder0 = pledgeOf(offer, w.people[0]!.id)!;
    expect(holder0.agreedPricePence).toBe(1_500);
    expect(offerPage(offer, w.as(w.people[0]!.id), at("2026-03-01"))!.paying[holder0.id]).toEqual({ orderPricePence: 1_200, next: { date: "2026-03-03", pricePence: 1_500 } });
    expect(offerPage(offer, w.as(w.people[0]!.id), at("2026-03-05"))!.paying[holder0.id]).toEqual({ orderPricePence: 1_200, next: { date: "2026-03-10", pricePence: 1_200 } });
    const told = db.select().from(consortiumNotices).where(eq(consortiumNotices.holderId, w.people[0]!.id)).all().map((n) => n.body).join("\n");
    expect(told).toMatch(/Holder4 joins the group from 10 March 2026\. With 5 members the group's price is £12 per hour from then/);
    expect(() => join(4, at("2026-02-13"))).toThrow(/already joined/);
    ledgerSound();
  });

  test("joining later is refused above the maximum: a full group puts the person on the waiting list with no order", () => {
    const { w, offer, join } = formed(5, 5);
    expect(offerPage(offer, w.as(w.people[5]!.id), at("2026-02-12"))).toMatchObject({ joinableLater: true, placesFree: 0 });
    const orders = orderCount();
    expect(join(5, at("2026-02-12"))).toMatchObject({ ok: true, status: "waiting" });
    expect(members(offer)).toHaveLength(5);
    expect(orderCount()).toBe(orders);
    expect(pledgeOf(offer, w.people[5]!.id)).toMatchObject({ status: "waiting", orderId: null, reservedPence: 0 });
    ledgerSound();
  });

  test("a place held by a member serving notice is joined only once they have gone", async () => {
    const { leaveGroup } = await import("./consortia.server");
    const { w, offer, join } = formed(5, 5);
    const leaver = pledgeOf(offer, w.people[0]!.id)!;
    leaveGroup(w.as(w.people[0]!.id), leaver.id, at("2026-03-05")); // last session on or before 19 March
    // The next period (10 March) would make six with the leaver still there: the joiner starts on 7 April.
    expect(() => join(0, at("2026-03-06"))).toThrow(/already joined/);
    expect(join(5, at("2026-03-06"))).toMatchObject({ ok: true, status: "member", from: "2026-04-07", pricePence: 1_200 });
    expect(members(offer)).toHaveLength(5);
    ledgerSound();
  });

  test("a joiner whose budget refuses changes nothing and is told why", () => {
    const { w, offer, join } = formed(4);
    db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(w.people[4]!.budget);
    const orders = orderCount();
    const r = join(4, at("2026-02-12"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.explanation).toMatch(/suspended/i);
    expect(pledgeOf(offer, w.people[4]!.id)).toBeUndefined();
    expect(orderCount()).toBe(orders);
    bookAhead(at("2026-03-05"));
    for (const m of members(offer)) expect(visits(m.orderId!).filter(([d]) => d === "2026-03-10")).toEqual([["2026-03-10", 3_000]]);
    ledgerSound();
  });

  test("only a formed group can be joined later, and only for yourself or someone you act for", () => {
    const w = groupWorld({ holders: 3 });
    const offer = opened(w);
    const input = { offerId: offer, holderId: w.people[0]!.id, budgetAccountId: w.people[0]!.budget, displayName: "Holder0" };
    expect(() => joinLater(w.as(w.people[0]!.id), input, at("2026-02-02"))).toThrow(ConsortiumError);
    expect(() => joinLater(w.as(w.people[1]!.id), input, at("2026-02-02"))).toThrow(/only join for yourself/);
  });
});

test("a member's order is left through the group, not ended or changed from the order page", () => {
  const { w, offer } = formed(3);
  const member = members(offer)[0]!;
  const form = (fields: Record<string, string>) => { const f = new FormData(); for (const [k, v] of Object.entries(fields)) f.set(k, v); return f; };
  const as = w.as(member.holderId);
  for (const [intent, fields] of [["end-order", { reason: "Moving away" }], ["cancel-order", { reason: "Moving away" }], ["change", { quantity: "1", timeFrom: "", timeTo: "" }]] as const) {
    const answer = sharedOrderAction(as, "buyer", member.orderId!, intent, form(fields)) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect(Object.values(answer.data.errors)[0]).toMatch(new RegExp(`part of a group .*leave the group from its page, /group-offers/${offer}`));
  }
  expect(db.select().from(orders).where(eq(orders.id, member.orderId!)).get()!.status).toBe("scheduled");
  expect(members(offer)).toHaveLength(3);
});
