import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { consortiumNotices, mailOutbox, occurrences, orders, pledges } from "../../db/schema";
import { AFTER_DEADLINE, at, BEFORE, groupWorld, offerTerms, opened, pledged } from "../../tests/support/consortia";
import { balancesOf } from "../budgets/budgets.server";
import { verifyLedger } from "../budgets/ledger.server";
import { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll, pendingCount } from "../../search/outbox";
import { confirmDelivery, recordDelivery } from "../purchasing/orders.server";
import {
  acceptProposal, closeDueOffers, closeOffer, ConsortiumError, consortiumAggregates, introductionsFor, leaveGroup, openOffer, openOffersForService, optIn, optOut, pledge,
  groupsOf, proposeOffer, withdrawOffer, withdrawPledge,
} from "./consortia.server";

const ledgerSound = () => expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
const pledgeRows = (offerId: number) => db.select().from(pledges).where(eq(pledges.offerId, offerId)).all();
const noticesFor = (holderId: number) => db.select().from(consortiumNotices).where(eq(consortiumNotices.holderId, holderId)).all().map((n) => n.body);
// Four Tuesdays in the first period (10, 17, 24 February, 3 March) x 2 hours.
const firstPeriod = (pricePence: number) => 4 * 2 * pricePence;

describe("opening an offer", () => {
  test("only the provider's people can open one, and the tiers must make a bigger group cheaper", () => {
    const w = groupWorld({ holders: 1 });
    expect(() => openOffer(w.as(w.stranger), offerTerms(w), BEFORE)).toThrow(/Only the people of the organisation/);
    expect(() => opened(w, { tiers: [{ members: 3, pricePence: 1_500 }, { members: 5, pricePence: 1_600 }] })).toThrow(/must pay less each/);
    expect(() => opened(w, { tiers: [{ members: 3, pricePence: 2_500 }] })).toThrow(/below the price alone \(£24\)/);
    expect(() => opened(w, { maxMembers: 4 })).toThrow(/more than the largest group \(4\)/);
    expect(() => opened(w, { pledgeDeadline: "2026-01-01T00:00:00.000Z" })).toThrow(/must be in the future/);
    const id = opened(w);
    expect(openOffersForService(w.serviceId)).toEqual([expect.objectContaining({ id, joined: 0, minMembers: 3, maxMembers: 6, bestPricePence: 1_200, topPricePence: 1_500 })]);
  });
});

test("an open offer is found in search under 'Open group offer' through the outbox, and drops out when it closes", async () => {
  const w = groupWorld({ holders: 1 });
  const engine = new EmbeddedEngine(db.$client);
  await drainAll(db, engine);
  const withOffer = () => engine.search({ text: "", filters: { groupOffer: true }, sort: "relevance", page: 1, pageSize: 10 });
  expect((await withOffer()).total).toBe(0);
  const offer = opened(w);
  expect(pendingCount(db)).toBe(1);
  await drainAll(db, engine);
  const found = await withOffer();
  expect(found.hits.map((h) => h.id)).toEqual([w.serviceId]);
  expect(found.facets.groupOffer).toEqual({ yes: 1 });
  closeOffer(null, offer, AFTER_DEADLINE);
  await drainAll(db, engine);
  expect((await withOffer()).total).toBe(0);
});

describe("a budget holder asking a provider for a group offer", () => {
  test("nobody can join until the provider agrees; only the provider's people can agree; it is offered on the service page only once open", () => {
    const w = groupWorld({ holders: 2 });
    const asker = w.people[0]!;
    expect(() => proposeOffer(w.as(w.stranger), offerTerms(w), BEFORE)).toThrow(/Only someone with a budget/);
    const offer = proposeOffer(w.as(asker.id), offerTerms(w), BEFORE);
    expect(openOffersForService(w.serviceId)).toEqual([]);
    expect(() => pledged(w, offer, 1)).toThrow(/closed for joining/);
    expect(() => acceptProposal(w.as(asker.id), offer, BEFORE)).toThrow(/Only the people of the organisation/);
    expect(() => acceptProposal(w.as(w.staff), offer, AFTER_DEADLINE)).toThrow(/closing date has passed/);
    acceptProposal(w.as(w.staff), offer, BEFORE);
    expect(noticesFor(asker.id).join()).toMatch(/Otley Art Club agreed to your group offer “Tuesday art group”/);
    expect(pledged(w, offer, 1)).toMatchObject({ status: "pledged" });
    expect(() => acceptProposal(w.as(w.staff), offer, BEFORE)).toThrow(/not waiting for the provider/);
  });

  test("the provider can decline, and the person who asked is told why", () => {
    const w = groupWorld({ holders: 1 });
    const offer = proposeOffer(w.as(w.people[0]!.id), offerTerms(w), BEFORE);
    withdrawOffer(w.as(w.staff), offer, "our tutor only has Mondays", BEFORE);
    expect(noticesFor(w.people[0]!.id).join()).toMatch(/declined your group offer “Tuesday art group”: our tutor only has Mondays/);
    expect(() => acceptProposal(w.as(w.staff), offer, BEFORE)).toThrow(/not waiting/);
  });
});

describe("pledging", () => {
  test("sets aside the first period at the smallest group's price, so nobody owes more than they saw", () => {
    const w = groupWorld({ holders: 1 });
    const offer = opened(w);
    expect(pledged(w, offer, 0)).toMatchObject({ status: "pledged", reservedPence: firstPeriod(1_500) });
    expect(balancesOf(w.people[0]!.budget)).toMatchObject({ available: 100_000 - 12_000, reserved: 12_000 });
    expect(openOffersForService(w.serviceId)[0]!.joined).toBe(1);
    expect(groupsOf(w.as(w.people[0]!.id))).toEqual([expect.objectContaining({ offerId: offer, title: "Tuesday art group", status: "pledged" })]);
    expect(groupsOf(w.as(w.stranger))).toEqual([]);
    expect(() => pledged(w, offer, 0)).toThrow(/already joined/);
    ledgerSound();
  });

  test("a council rule refuses with its own explanation, and nothing is set aside", () => {
    const w = groupWorld({ holders: 1 });
    const offer = openOffer(w.as(w.staff), offerTerms(w, { serviceId: w.training, tiers: [{ members: 3, pricePence: 2_000 }] }), BEFORE);
    const p = w.people[0]!;
    expect(pledge(w.as(p.id), { offerId: offer, holderId: p.id, budgetAccountId: p.budget, displayName: "H" }, BEFORE)).toEqual({ ok: false, refusal: expect.objectContaining({
      rule: "category-not-allowed", explanation: expect.stringContaining("PA training fund"),
    }) });
    expect(balancesOf(p.budget).reserved).toBe(0);
    expect(pledgeRows(offer)).toEqual([]);
  });

  test("not enough money is refused with the balance said; someone else's budget or person is refused", () => {
    const w = groupWorld({ holders: 2, budgetPence: 10_000 });
    const offer = opened(w);
    const [a, b] = w.people as [{ id: number; budget: number }, { id: number; budget: number }];
    expect(pledge(w.as(a.id), { offerId: offer, holderId: a.id, budgetAccountId: a.budget, displayName: "A" }, BEFORE))
      .toEqual({ ok: false, refusal: expect.objectContaining({ rule: "balance", explanation: expect.stringContaining("£100 is available") }) });
    expect(() => pledge(w.as(a.id), { offerId: offer, holderId: a.id, budgetAccountId: b.budget, displayName: "A" }, BEFORE)).toThrow(/budgets of the person joining/);
    expect(() => pledge(w.as(a.id), { offerId: offer, holderId: b.id, budgetAccountId: b.budget, displayName: "A" }, BEFORE)).toThrow(ConsortiumError);
  });

  test("once full, people go on the waiting list with nothing set aside; a withdrawal gives the place to the first of them", () => {
    const w = groupWorld({ holders: 8 });
    const offer = opened(w);
    for (let i = 0; i < 6; i++) pledged(w, offer, i);
    expect(pledged(w, offer, 6)).toMatchObject({ status: "waiting", reservedPence: 0 });
    expect(pledged(w, offer, 7)).toMatchObject({ status: "waiting" });
    expect(balancesOf(w.people[6]!.budget).reserved).toBe(0);
    const first = pledgeRows(offer).find((p) => p.holderId === w.people[0]!.id)!;
    withdrawPledge(w.as(w.people[0]!.id), first.id, BEFORE);
    expect(balancesOf(w.people[0]!.budget)).toMatchObject({ available: 100_000, reserved: 0 });
    expect(balancesOf(w.people[6]!.budget).reserved).toBe(firstPeriod(1_500));
    expect(pledgeRows(offer).filter((p) => p.status === "pledged")).toHaveLength(6);
    expect(noticesFor(w.people[6]!.id).join()).toMatch(/it is yours/);
    ledgerSound();
  });

  test("after the closing date nobody can join or withdraw", () => {
    const w = groupWorld({ holders: 2 });
    const offer = opened(w);
    const { pledgeId } = pledged(w, offer, 0);
    expect(() => pledged(w, offer, 1, AFTER_DEADLINE)).toThrow(/closed for joining/);
    expect(() => withdrawPledge(w.as(w.people[0]!.id), pledgeId, AFTER_DEADLINE)).toThrow(/has closed/);
  });
});

describe("forming the group", () => {
  test("each member is emailed that the group has news (a link to the offer, not what it says), once however many notices come together", () => {
    const w = groupWorld({ holders: 5 });
    const offer = opened(w);
    for (let i = 0; i < 5; i++) pledged(w, offer, i);
    db.delete(mailOutbox).run();
    closeOffer(null, offer, AFTER_DEADLINE);
    // Members hear from the group; the provider, of each member's order (as of any order).
    const mail = db.select().from(mailOutbox).all();
    const memberOrders = pledgeRows(offer).map((p) => p.orderId!).sort((a, b) => a - b);
    expect(mail.filter((m) => m.toAddress === "staff@example.org").map((m) => m.subject)).toEqual(memberOrders.map((n) => `News on your Weave order ${n}`));
    const members = mail.filter((m) => m.toAddress !== "staff@example.org");
    expect(members.map((m) => m.toAddress).sort()).toEqual(w.people.map((_, i) => `holder${i}@example.org`));
    for (const m of members) {
      expect(m.subject).toBe(`News on group offer ${offer} on Weave`);
      expect(m.body).toContain(`/group-offers/${offer}`);
      expect(m.body).not.toMatch(/£|formed|Holder\d/);
    }
    // What it says is on the offer's page.
    expect(noticesFor(w.people[0]!.id).join()).toMatch(/formed with 5 members/);
  });

  test("at the closing date every pledge becomes an order at the price the final size earns; the rest of each pledge goes back", () => {
    const w = groupWorld({ holders: 5 });
    const offer = opened(w);
    for (let i = 0; i < 5; i++) pledged(w, offer, i);
    expect(() => closeOffer(null, offer, BEFORE)).toThrow(/still open/);
    expect(closeOffer(null, offer, AFTER_DEADLINE)).toMatchObject({ outcome: "committed", members: 5, unitPricePence: 1_200, dropped: 0 });
    for (const p of w.people) {
      const order = db.select().from(orders).where(eq(orders.buyerId, p.id)).get()!;
      expect(order).toMatchObject({ status: "scheduled", unitPricePence: 1_200, budgetAccountId: p.budget, startsOn: "2026-02-10", endsOn: "2026-05-04" });
      expect(db.select().from(occurrences).where(eq(occurrences.orderId, order.id)).all().map((o) => o.date)).toEqual(["2026-02-10", "2026-02-17", "2026-02-24", "2026-03-03"]);
      // Set aside at £12, not £15: nothing is reserved twice.
      expect(balancesOf(p.budget)).toMatchObject({ available: 100_000 - firstPeriod(1_200), reserved: firstPeriod(1_200) });
      expect(noticesFor(p.id).join()).toMatch(/formed with 5 members\. You pay £12 per hour \(£12 less than alone\)/);
    }
    expect(pledgeRows(offer).every((p) => p.status === "member" && p.agreedPricePence === 1_200)).toBe(true);
    expect(() => closeOffer(null, offer, AFTER_DEADLINE)).toThrow(/already closed/);
    ledgerSound();
  });

  test("a group formed late (the job was down) books no sessions in the past", () => {
    const w = groupWorld({ holders: 3 });
    const offer = opened(w);
    for (let i = 0; i < 3; i++) pledged(w, offer, i);
    closeOffer(null, offer, at("2026-02-18"));
    const order = db.select().from(orders).where(eq(orders.buyerId, w.people[0]!.id)).get()!;
    expect(db.select().from(occurrences).where(eq(occurrences.orderId, order.id)).all().map((o) => o.date)).toEqual(["2026-02-24", "2026-03-03"]);
    expect(balancesOf(w.people[0]!.budget).reserved).toBe(2 * 2 * 1_500);
    ledgerSound();
  });

  test("the organiser can form it early once the minimum has joined, not before", () => {
    const w = groupWorld({ holders: 3 });
    const offer = opened(w);
    pledged(w, offer, 0);
    pledged(w, offer, 1);
    expect(() => closeOffer(w.as(w.staff), offer, BEFORE)).toThrow(/once 3 people have joined/);
    pledged(w, offer, 2);
    expect(() => closeOffer(w.as(w.stranger), offer, BEFORE)).toThrow(/Only the organiser/);
    expect(closeOffer(w.as(w.staff), offer, BEFORE)).toMatchObject({ outcome: "committed", members: 3, unitPricePence: 1_500 });
  });

  test("a member whose budget was suspended is left out and the rest form at their own size's price", () => {
    const w = groupWorld({ holders: 5 });
    const offer = opened(w);
    for (let i = 0; i < 5; i++) pledged(w, offer, i);
    db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(w.people[4]!.budget);
    expect(closeOffer(null, offer, AFTER_DEADLINE)).toMatchObject({ outcome: "committed", members: 4, unitPricePence: 1_500, dropped: 1 });
    expect(balancesOf(w.people[4]!.budget)).toMatchObject({ available: 100_000, reserved: 0 });
    expect(db.select().from(orders).where(eq(orders.buyerId, w.people[4]!.id)).all()).toEqual([]);
    expect(noticesFor(w.people[4]!.id).join()).toMatch(/formed without you: The budget chosen is suspended/);
    expect(balancesOf(w.people[0]!.budget).reserved).toBe(firstPeriod(1_500));
    ledgerSound();
  });

  test("if leaving someone out takes the group below its minimum, nothing forms and every pledge goes back", () => {
    const w = groupWorld({ holders: 3 });
    const offer = opened(w);
    for (let i = 0; i < 3; i++) pledged(w, offer, i);
    db.$client.prepare("UPDATE budget_accounts SET status = 'suspended' WHERE id = ?").run(w.people[1]!.budget);
    expect(closeOffer(null, offer, AFTER_DEADLINE)).toMatchObject({ outcome: "lapsed", members: 2, dropped: 1 });
    expect(db.select().from(orders).all()).toEqual([]);
    for (const p of w.people) expect(balancesOf(p.budget)).toMatchObject({ available: 100_000, reserved: 0 });
    ledgerSound();
  });

  test("below the minimum at the closing date every reservation is released and members are told; the hourly job does it", () => {
    const w = groupWorld({ holders: 2 });
    const offer = opened(w);
    pledged(w, offer, 0);
    pledged(w, offer, 1);
    expect(closeDueOffers(BEFORE)).toEqual({ committed: 0, lapsed: 0 });
    expect(closeDueOffers(AFTER_DEADLINE)).toEqual({ committed: 0, lapsed: 1 });
    for (const p of w.people) {
      expect(balancesOf(p.budget)).toMatchObject({ available: 100_000, reserved: 0 });
      expect(noticesFor(p.id).join()).toMatch(/did not form/);
    }
    expect(openOffersForService(w.serviceId)).toEqual([]);
    expect(closeDueOffers(AFTER_DEADLINE)).toEqual({ committed: 0, lapsed: 0 });
  });

  test("the organiser calling it off gives everyone's money back", () => {
    const w = groupWorld({ holders: 2 });
    const offer = opened(w);
    pledged(w, offer, 0);
    withdrawOffer(w.as(w.staff), offer, "the tutor is ill", BEFORE);
    expect(balancesOf(w.people[0]!.budget).reserved).toBe(0);
    expect(noticesFor(w.people[0]!.id).join()).toMatch(/called this group offer off: the tutor is ill/);
  });

  test("each member's statement is charged the group's price when a session is confirmed, and the provider gets the sum", () => {
    const w = groupWorld({ holders: 3 });
    const offer = opened(w);
    for (let i = 0; i < 3; i++) pledged(w, offer, i);
    closeOffer(null, offer, AFTER_DEADLINE);
    for (const p of w.people) {
      const order = db.select().from(orders).where(eq(orders.buyerId, p.id)).get()!;
      const visit = db.select().from(occurrences).where(eq(occurrences.orderId, order.id)).all()[0]!;
      recordDelivery(w.as(w.staff), visit.id, { deliveredOn: "2026-02-10", quantityHundredths: 200, notes: "" }, at("2026-02-10T13:00:00Z"));
      expect(confirmDelivery(w.as(p.id), visit.id, at("2026-02-11"))).toEqual({ chargedPence: 3_000 });
    }
    expect(db.$client.prepare("SELECT balance_pence FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.ledger_account_id WHERE a.code = ?").pluck().get(`payable:${w.organisation}`)).toBe(9_000);
  });
});

describe("leaving and joining later", () => {
  test("a member leaves with the notice period; the first person waiting takes the place from the next session at the group's price", () => {
    const w = groupWorld({ holders: 7 });
    const offer = opened(w);
    for (let i = 0; i < 7; i++) pledged(w, offer, i);
    closeOffer(null, offer, AFTER_DEADLINE);
    const leaver = pledgeRows(offer).find((p) => p.holderId === w.people[0]!.id)!;
    expect(() => leaveGroup(w.as(w.people[1]!.id), leaver.id, at("2026-02-12"))).toThrow(/Only the member/);
    expect(leaveGroup(w.as(w.people[0]!.id), leaver.id, at("2026-02-12"))).toEqual({ leavesOn: "2026-02-26" });
    const leaverVisits = db.select().from(occurrences).where(eq(occurrences.orderId, leaver.orderId!)).all();
    expect(leaverVisits.filter((v) => v.status === "scheduled").map((v) => v.date)).toEqual(["2026-02-10", "2026-02-17", "2026-02-24"]);
    expect(leaverVisits.filter((v) => v.status === "cancelled").map((v) => v.date)).toEqual(["2026-03-03"]);
    const joiner = pledgeRows(offer).find((p) => p.holderId === w.people[6]!.id)!;
    expect(joiner).toMatchObject({ status: "member", agreedPricePence: 1_200 });
    const joinerOrder = db.select().from(orders).where(eq(orders.id, joiner.orderId!)).get()!;
    expect(joinerOrder).toMatchObject({ startsOn: "2026-03-03", unitPricePence: 1_200 });
    expect(noticesFor(w.people[2]!.id).join()).toMatch(/Holder0 is leaving the group after 26 Feb.*\. Someone from the waiting list takes the place/);
    expect(pledgeRows(offer).filter((p) => p.status === "member")).toHaveLength(6);
    ledgerSound();
  });

  test("with nobody waiting, the others are told the smaller group's price and that theirs does not rise without their confirmation", () => {
    const w = groupWorld({ holders: 5 });
    const offer = opened(w);
    for (let i = 0; i < 5; i++) pledged(w, offer, i);
    closeOffer(null, offer, AFTER_DEADLINE);
    const leaver = pledgeRows(offer).find((p) => p.holderId === w.people[0]!.id)!;
    leaveGroup(w.as(w.people[0]!.id), leaver.id, at("2026-02-12"));
    expect(noticesFor(w.people[1]!.id).join()).toMatch(/With 4 members the group's price is £15 per hour from the next period\. Your own price never goes above what you agreed unless you confirm it\./);
    const stayer = db.select().from(orders).where(eq(orders.buyerId, w.people[1]!.id)).get()!;
    expect(stayer.unitPricePence).toBe(1_200);
  });

  test("someone who is not a member cannot give notice", () => {
    const w = groupWorld({ holders: 1 });
    const offer = opened(w);
    const { pledgeId } = pledged(w, offer, 0);
    expect(() => leaveGroup(w.as(w.people[0]!.id), pledgeId, BEFORE)).toThrow(/Only a member of a formed group/);
  });
});

test("commissioners' figures: groups formed, members and prices against the price alone, with no person in them", () => {
  const w = groupWorld({ holders: 5 });
  const offer = opened(w);
  for (let i = 0; i < 5; i++) pledged(w, offer, i);
  closeOffer(null, offer, AFTER_DEADLINE);
  const lapsed = opened(w, { title: "Another" });
  closeOffer(null, lapsed, AFTER_DEADLINE);
  expect(consortiumAggregates()).toEqual([{ areaSlug: "leeds", category: "leisure-and-arts", unit: "hour", groupsFormed: 1, members: 5, meanGroupPricePence: 1_200, meanIndividualPricePence: 2_400 }]);
  expect(consortiumAggregates(["bradford"])).toEqual([]);
  expect(JSON.stringify(consortiumAggregates())).not.toMatch(/Holder/);
});

describe("finding each other", () => {
  test("people are introduced only when both opted in for the same kind of support in the same area, by the name they chose", () => {
    const w = groupWorld({ holders: 4 });
    const [a, b, c, d] = w.people as { id: number; budget: number }[];
    const offer = opened(w);
    optIn(w.as(a!.id), { holderId: a!.id, category: "leisure-and-arts", areaSlug: "leeds", displayName: "Amy" });
    expect(introductionsFor(a!.id)).toEqual([expect.objectContaining({ others: [], offers: [{ id: offer, title: "Tuesday art group" }] })]);
    optIn(w.as(b!.id), { holderId: b!.id, category: "leisure-and-arts", areaSlug: "leeds", displayName: "B." });
    // Someone who wants something else is neither shown nor shown anyone.
    optIn(w.as(c!.id), { holderId: c!.id, category: "befriending", areaSlug: "leeds", displayName: "Cee" });
    expect(introductionsFor(a!.id)[0]!.others).toEqual(["B."]);
    expect(introductionsFor(b!.id)[0]!.others).toEqual(["Amy"]);
    expect(introductionsFor(c!.id)[0]!.others).toEqual([]);
    // Someone who never opted in sees nothing and is shown to nobody.
    expect(introductionsFor(d!.id)).toEqual([]);
    expect(JSON.stringify(introductionsFor(a!.id))).not.toMatch(/Holder|Surname/);
    // Stopping takes the name away at once; only the person (or their representative) can stop it.
    const interest = introductionsFor(b!.id)[0]!.interest.id;
    expect(() => optOut(w.as(a!.id), interest)).toThrow(/no such interest/);
    optOut(w.as(b!.id), interest);
    expect(introductionsFor(a!.id)[0]!.others).toEqual([]);
  });

  test("a person can only opt in for themselves, in the area of one of their budgets", () => {
    const w = groupWorld({ holders: 2 });
    const [a, b] = w.people as { id: number; budget: number }[];
    expect(() => optIn(w.as(a!.id), { holderId: b!.id, category: "befriending", areaSlug: "leeds", displayName: "X" })).toThrow(/yourself or someone you act for/);
    expect(() => optIn(w.as(a!.id), { holderId: a!.id, category: "befriending", areaSlug: "bradford", displayName: "X" })).toThrow(/area of one of your budgets/);
  });
});
