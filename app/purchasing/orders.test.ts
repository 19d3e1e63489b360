// Orders and money, as the people involved would notice them: what is set aside, what is spent,
// what comes back, what the statement says, and that a race or a retry never moves money twice.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { creditNotes, occurrences, orders, payouts } from "../../db/schema";
import { race } from "../../tests/support/race";
import { at, orderTerms, orderWorld, placed, type World } from "../../tests/support/orders";
import { balancesOf, spend } from "../budgets/budgets.server";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import { statement } from "../budgets/statements.server";
import {
  acceptOrder, autoConfirmDue, bookAhead, cancelOccurrence, cancelOrder, changeOrder, confirmDelivery, endOrder, issueCreditNote, issueInvoice,
  placeOrder, raiseDispute, recordDelivery, recordPayout, Refused, resolveDispute,
} from "./orders.server";
import { quoteOrder } from "./quote.server";
import { enquiryMessages, orderMessages, postOrderMessage, replyToEnquiry, startEnquiry } from "./messages.server";
import { getService } from "../directory/listings.server";

let w: World;
beforeEach(() => {
  w = orderWorld();
});

const sound = () => expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
const visits = (orderId: number) => db.select().from(occurrences).where(eq(occurrences.orderId, orderId)).orderBy(occurrences.date).all();
const orderStatus = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!.status;
const payable = () => balanceOf(`payable:${w.ids.organisation}`);

describe("a one-off order paid from a budget", () => {
  test("accepting sets the money aside, confirming spends what was delivered and gives the rest back, and the statement shows it", () => {
    const id = placed(w, { quantityHundredths: 200 });
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 100_000, reserved: 0 });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 96_400, reserved: 3_600 });

    const [visit] = visits(id);
    // Part-delivery: an hour and a half of the two hours booked.
    recordDelivery(w.as.staff(), visit!.id, { deliveredOn: "2026-02-03", quantityHundredths: 150, notes: "Left early: the bus" }, at("2026-02-03T15:00:00Z"));
    confirmDelivery(w.as.holder(), visit!.id, at("2026-02-04"));
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 97_300, reserved: 0 });
    expect(payable()).toBe(2_700);
    expect(orderStatus(id)).toBe("ended");

    const lines = statement(w.ids.budget, "2026-02-01", "2026-02-28")!.lines;
    expect(lines).toEqual([expect.objectContaining({ kind: "commit", amountPence: -2_700, date: "2026-02-03", description: "Help at home in Otley: 1.5 hours × £18 an hour" })]);
    sound();
  });

  test("a credit note for under-delivery reduces what is spent", () => {
    const id = placed(w);
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const [visit] = visits(id);
    recordDelivery(w.as.staff(), visit!.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
    issueCreditNote(w.as.staff(), visit!.id, { amountPence: 600, reason: "Arrived 20 minutes late" });
    expect(() => issueCreditNote(w.as.staff(), visit!.id, { amountPence: 3_001, reason: "More than is due" })).toThrow(/between 1p and £30/);
    confirmDelivery(w.as.holder(), visit!.id, at("2026-02-04"));
    expect(payable()).toBe(3_000);
    expect(balancesOf(w.ids.budget).available).toBe(97_000);
    expect(db.select().from(creditNotes).all()).toHaveLength(1);
    sound();
  });

  test("cancelling before delivery gives every penny back, whoever cancels", () => {
    const a = placed(w);
    acceptOrder(w.as.staff(), a, at("2026-02-01"));
    cancelOrder(w.as.staff(), "provider", a, "Our carer is ill");
    const b = placed(w);
    acceptOrder(w.as.staff(), b, at("2026-02-01"));
    cancelOccurrence(w.as.representative(), "buyer", visits(b)[0]!.id, "In hospital");
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 100_000, reserved: 0 });
    expect(payable()).toBe(0);
    sound();
  });

  test("a disputed visit is never confirmed automatically; a moderator decides what is paid", () => {
    const id = placed(w);
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const [visit] = visits(id);
    recordDelivery(w.as.staff(), visit!.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
    const dispute = raiseDispute(w.as.holder(), visit!.id, "Only stayed one hour");
    expect(autoConfirmDue(at("2026-03-01"))).toBe(0);
    expect(() => resolveDispute(w.as.staff(), dispute.id, { payPence: 1_800, resolution: "x" })).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    resolveDispute(w.as.moderator(), dispute.id, { payPence: 1_800, resolution: "The provider's own notes say one hour." }, at("2026-02-10"));
    expect(payable()).toBe(1_800);
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 98_200, reserved: 0 });
    sound();
  });

  test("a budget invoice records a payout due; recording it paid marks the invoice and visits paid", () => {
    const id = placed(w);
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const [visit] = visits(id);
    recordDelivery(w.as.staff(), visit!.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
    confirmDelivery(w.as.holder(), visit!.id, at("2026-02-04"));
    const invoice = issueInvoice(w.as.staff(), id, at("2026-02-05"));
    expect(invoice.totalPence).toBe(3_600);
    const [payout] = db.select().from(payouts).all();
    expect(payout).toMatchObject({ status: "due", amountPence: 3_600, method: "budget" });
    expect(() => recordPayout(w.as.staff(), payout!.id, "BACS")).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    recordPayout(w.as.admin(), payout!.id, "BACS 123", at("2026-02-10"));
    expect(visits(id)[0]!.status).toBe("paid");
  });
});

describe("the check before ordering", () => {
  test("shows the cost, what is set aside and what is left, and a council rule's own explanation", () => {
    const found = getService(w.ids.serviceId)!;
    const quote = quoteOrder(found, { ...orderTerms(w, { recurrence: "weekly" }) }, at("2026-02-01"));
    expect(quote).toMatchObject({ perVisitPence: 3_600, firstVisits: 4, setAsidePence: 14_400, budget: { availablePence: 100_000, leftAfterPence: 85_600 }, refusal: null });
    expect(quote.schedule).toBe("Tuesdays 10:00 to 12:00, every week, from 3 February 2026");

    const training = getService(w.ids.ptTraining)!;
    const refused = quoteOrder(training, { ...orderTerms(w, { serviceId: w.ids.ptTraining, quantityHundredths: 100 }) }, at("2026-02-01"));
    expect(refused.refusal).toMatchObject({ rule: "category-not-allowed", explanation: expect.stringContaining("PA training fund") });
  });

  test("a rule-breaking order is not placed", () => {
    const before = db.select().from(orders).all().length;
    const r = placeOrder(w.as.holder(), orderTerms(w, { serviceId: w.ids.ptTraining, quantityHundredths: 100 }), at("2026-02-01"));
    expect(r).toMatchObject({ ok: false, refusal: { rule: "category-not-allowed" } });
    expect(db.select().from(orders).all()).toHaveLength(before);
  });

  test("more than the budget holds is refused before it is placed, and acceptance refuses too if the money went meanwhile", () => {
    // 4 weeks × 24 hours × £18 = £1,728, over the £1,000 there is.
    const tooMuch = placeOrder(w.as.holder(), orderTerms(w, { quantityHundredths: 2_400, recurrence: "weekly" }), at("2026-02-01"));
    expect(tooMuch).toMatchObject({ ok: false, refusal: { rule: "balance", explanation: expect.stringContaining("£1,000 is available") } });

    const id = placed(w, { quantityHundredths: 1_000, recurrence: "weekly" }); // £720 for four weeks
    spend({ budgetAccountId: w.ids.budget, amountPence: 50_000, category: "personal-care", organisationId: null, description: "PA wages",
      effectiveOn: "2026-02-01", idempotencyKey: "pa-wages", by: w.ids.holder });
    expect(() => acceptOrder(w.as.staff(), id, at("2026-02-01"))).toThrow(Refused);
    expect(orderStatus(id)).toBe("requested");
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 50_000, reserved: 0 });
    expect(visits(id)).toEqual([]);
  });

  test("cards are refused with the reason when this Weave has no Stripe keys", () => {
    const r = placeOrder(w.as.holder(), orderTerms(w, { payWith: "card" }), at("2026-02-01"));
    expect(r).toMatchObject({ ok: false, refusal: { rule: "card-off", explanation: expect.stringContaining("switched off") } });
  });

  test("only the person or their representative can order for them", () => {
    expect(() => placeOrder(w.as.stranger(), orderTerms(w), at("2026-02-01"))).toThrow(/only order for yourself/);
    expect(placeOrder(w.as.representative(), orderTerms(w), at("2026-02-01")).ok).toBe(true);
  });
});

describe("recurring orders", () => {
  test("book four weeks ahead, and the weekly job books the next ones as time passes", () => {
    const id = placed(w, { recurrence: "weekly" });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    expect(visits(id).map((v) => v.date)).toEqual(["2026-02-03", "2026-02-10", "2026-02-17", "2026-02-24"]);
    expect(balancesOf(w.ids.budget).reserved).toBe(14_400);
    expect(bookAhead(at("2026-02-01"))).toBe(0);
    expect(bookAhead(at("2026-02-15"))).toBe(2);
    expect(visits(id).map((v) => v.date).slice(-2)).toEqual(["2026-03-03", "2026-03-10"]);
    expect(balancesOf(w.ids.budget).reserved).toBe(21_600);
    sound();
  });

  test("changing or ending affects only visits still to come", () => {
    const id = placed(w, { recurrence: "weekly" });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const first = visits(id)[0]!;
    recordDelivery(w.as.staff(), first.id, { deliveredOn: first.date, quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
    changeOrder(w.as.holder(), "buyer", id, { quantityHundredths: 300, timeFrom: "10:00", timeTo: "13:00" }, at("2026-02-04"));
    const live = visits(id).filter((v) => v.status !== "cancelled");
    expect(live.map((v) => [v.date, v.quantityHundredths, v.status])).toEqual([
      ["2026-02-03", 200, "delivered"], ["2026-02-10", 300, "scheduled"], ["2026-02-17", 300, "scheduled"], ["2026-02-24", 300, "scheduled"],
    ]);
    expect(balancesOf(w.ids.budget).reserved).toBe(3_600 + 3 * 5_400);

    endOrder(w.as.staff(), "provider", id, "Service closing", at("2026-02-12"));
    expect(visits(id).filter((v) => v.status !== "cancelled").map((v) => v.date)).toEqual(["2026-02-03", "2026-02-10"]);
    expect(balancesOf(w.ids.budget).reserved).toBe(3_600 + 5_400);
    expect(bookAhead(at("2026-03-01"))).toBe(0);
    sound();
  });

  test("ending after a notice longer than what is booked books the dates up to the last one", () => {
    const id = placed(w, { recurrence: "weekly" });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    // Booked four weeks ahead: 3 Feb to 24 Feb. Six weeks' notice runs to 17 March.
    endOrder(w.as.holder(), "buyer", id, "Moving away, six weeks' notice", at("2026-02-02"), "2026-03-17");
    expect(visits(id).filter((v) => v.status === "scheduled").map((v) => v.date)).toEqual([
      "2026-02-03", "2026-02-10", "2026-02-17", "2026-02-24", "2026-03-03", "2026-03-10", "2026-03-17",
    ]);
    expect(balancesOf(w.ids.budget).reserved).toBe(7 * 3_600);
    expect(bookAhead(at("2026-03-01"))).toBe(0);
    sound();
  });

  test("a week the budget cannot cover is not booked, and both sides are told why", () => {
    w = orderWorld({ budgetPence: 16_000 });
    const id = placed(w, { recurrence: "weekly" });
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    expect(bookAhead(at("2026-02-08"))).toBe(0);
    const notBooked = visits(id).find((v) => v.date === "2026-03-03")!;
    expect(notBooked).toMatchObject({ status: "cancelled", cancelReason: expect.stringContaining("not enough left") });
    sound();
  });
});

describe("confirmed automatically after seven days", () => {
  test("unless disputed, with a fixed clock: not at 6 days 23 hours, yes at 7 days", () => {
    const a = placed(w);
    const b = placed(w);
    for (const id of [a, b]) acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const [va, vb] = [visits(a)[0]!, visits(b)[0]!];
    for (const v of [va, vb]) recordDelivery(w.as.staff(), v.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T12:00:00Z"));
    raiseDispute(w.as.holder(), vb.id, "Nobody came");
    expect(autoConfirmDue(at("2026-02-10T11:00:00Z"))).toBe(0);
    expect(payable()).toBe(0);
    expect(autoConfirmDue(at("2026-02-10T12:00:00Z"))).toBe(1);
    expect(autoConfirmDue(at("2026-02-10T12:00:00Z"))).toBe(0);
    expect(visits(a)[0]).toMatchObject({ status: "confirmed", confirmedBy: null, chargedPence: 3_600 });
    expect(visits(b)[0]!.status).toBe("disputed");
    expect(payable()).toBe(3_600);
    sound();
  });
});

describe("races between processes", () => {
  test("two provider staff accepting at the same moment: one wins, money is set aside once", async () => {
    const id = placed(w, { recurrence: "weekly" });
    const results = await race<{ ok: boolean; code?: string }>("tests/support/order-moves.ts", "acceptAs", [[w.ids.staff, id], [w.ids.staff, id], [w.ids.staff, id]]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(["illegal-transition", "illegal-transition"]);
    expect(balancesOf(w.ids.budget).reserved).toBe(14_400);
    expect(visits(id)).toHaveLength(4);
    sound();
  });

  test("the buyer confirming while the job auto-confirms: the provider is paid once", async () => {
    const id = placed(w);
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    const visit = visits(id)[0]!;
    recordDelivery(w.as.staff(), visit.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T12:00:00Z"));
    const results = await race<{ ok: boolean; code?: string }>("tests/support/order-moves.ts", "confirmAs", [[w.ids.holder, visit.id], [w.ids.representative, visit.id], [null, visit.id]]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(payable()).toBe(3_600);
    expect(balancesOf(w.ids.budget)).toMatchObject({ available: 96_400, reserved: 0 });
    sound();
  });
});

describe("messages", () => {
  test("on an order, the person's representative reads and writes too; nobody else can", () => {
    const id = placed(w, { message: "The key is under the mat" });
    postOrderMessage(w.as.staff(), "provider", id, "We will bring our own gloves");
    postOrderMessage(w.as.representative(), "buyer", id, "Thank you, Mum says hello");
    expect(() => postOrderMessage(w.as.otherStaff(), "provider", id, "Hi")).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    expect(() => postOrderMessage(w.as.stranger(), "buyer", id, "Hi")).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    expect(() => postOrderMessage(w.as.holder(), "buyer", id, "   ")).toThrow(/Write a message/);
    expect(orderMessages(id).map((m) => [m.party, m.authorName, m.body])).toEqual([
      ["weave", null, "Order placed for Tuesday 3 February 2026 10:00 to 12:00, once: 2 hours × £18 an hour = £36 each time."],
      ["buyer", "Hana Holder", "The key is under the mat"],
      ["provider", "Sam Staff", "We will bring our own gloves"],
      ["buyer", "Ravi Rep", "Thank you, Mum says hello"],
    ]);
  });

  test("an enquiry before ordering is a conversation between the person (or their representative) and the provider", () => {
    const enquiry = startEnquiry(w.as.representative(), { serviceId: w.ids.serviceId, buyerId: w.ids.holder, body: "Can you come on Tuesdays?" });
    replyToEnquiry(w.as.staff(), "provider", enquiry.id, "Yes, from 10:00");
    replyToEnquiry(w.as.holder(), "buyer", enquiry.id, "Lovely");
    expect(() => replyToEnquiry(w.as.otherStaff(), "provider", enquiry.id, "Us too")).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    expect(() => startEnquiry(w.as.stranger(), { serviceId: w.ids.serviceId, buyerId: w.ids.holder, body: "Hello" })).toThrow(/only ask for yourself/);
    expect(enquiryMessages(enquiry.id).map((m) => m.body)).toEqual(["Can you come on Tuesdays?", "Yes, from 10:00", "Lovely"]);
  });
});
