// The order lifecycle as a state machine: every move the tables in lifecycle.ts do not allow is
// tried for real, from every state, and must be refused with nothing changed — no status, no
// money, no invoice. The cases are generated from the tables, so a new state or move is tested
// the day it is added (and `reach` below will not compile until someone says how to get there).
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { disputes, invoices, occurrences, orders, payouts } from "../../db/schema";
import { at, orderWorld, placed, type World } from "../../tests/support/orders";
import { balancesOf } from "../budgets/budgets.server";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import {
  invoiceStates, occurrenceStates, OrderError, type OccurrenceMove, occurrenceTransitions, type OrderMove, orderStates, orderTransitions,
} from "./lifecycle";
import {
  acceptOrder, cancelOccurrence, cancelOrder, changeOrder, confirmDelivery, declineOrder, endOrder, extendOrder, issueCreditNote, issueInvoice, repriceOrder,
  raiseDispute, recordDelivery, recordPayout, resolveDispute,
} from "./orders.server";

let w: World;
beforeEach(() => {
  w = orderWorld();
});

const ON = at("2026-02-01");
const DELIVERED = at("2026-02-03T15:00:00Z");

type OrderState = (typeof orderStates)[number];
type OccurrenceState = (typeof occurrenceStates)[number];

/** An order (weekly, so every move has something to act on) brought to each state by legal moves only. */
const reachOrder: Record<OrderState, () => number> = {
  requested: () => placed(w, { recurrence: "weekly" }),
  declined: () => { const id = placed(w, { recurrence: "weekly" }); declineOrder(w.as.staff(), id, "Fully booked"); return id; },
  scheduled: () => { const id = placed(w, { recurrence: "weekly" }); acceptOrder(w.as.staff(), id, ON); return id; },
  cancelled: () => { const id = reachOrder.scheduled(); cancelOrder(w.as.holder(), "buyer", id, "Not needed"); return id; },
  ended: () => { const id = reachOrder.scheduled(); endOrder(w.as.holder(), "buyer", id, "Moving away", ON); return id; },
};

const occurrenceOf = (orderId: number) => db.select().from(occurrences).where(eq(occurrences.orderId, orderId)).get()!.id;

/** The single visit of a one-off order, brought to each state by legal moves only. */
const reachOccurrence: Record<OccurrenceState, () => number> = {
  scheduled: () => { const id = placed(w); acceptOrder(w.as.staff(), id, ON); return occurrenceOf(id); },
  delivered: () => { const o = reachOccurrence.scheduled(); recordDelivery(w.as.staff(), o, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, DELIVERED); return o; },
  disputed: () => { const o = reachOccurrence.delivered(); raiseDispute(w.as.holder(), o, "They left after an hour"); return o; },
  confirmed: () => { const o = reachOccurrence.delivered(); confirmDelivery(w.as.holder(), o, DELIVERED); return o; },
  invoiced: () => { const o = reachOccurrence.confirmed(); issueInvoice(w.as.staff(), orderOfOccurrence(o), DELIVERED); return o; },
  paid: () => { const o = reachOccurrence.invoiced(); recordPayout(w.as.admin(), payoutFor(o)!, "BACS 1", DELIVERED); return o; },
  cancelled: () => { const o = reachOccurrence.scheduled(); cancelOccurrence(w.as.holder(), "buyer", o, "In hospital"); return o; },
};

const orderOfOccurrence = (id: number) => db.select().from(occurrences).where(eq(occurrences.id, id)).get()!.orderId;
function payoutFor(occurrenceId: number) {
  const invoiceId = db.select().from(occurrences).where(eq(occurrences.id, occurrenceId)).get()!.invoiceId;
  return invoiceId ? db.select().from(payouts).where(eq(payouts.invoiceId, invoiceId)).get()?.id ?? null : null;
}

/** Each order move, attempted by the party allowed to make it. */
const tryOrder: Record<OrderMove, (id: number) => unknown> = {
  accept: (id) => acceptOrder(w.as.staff(), id, ON),
  decline: (id) => declineOrder(w.as.staff(), id, "No staff"),
  cancel: (id) => cancelOrder(w.as.holder(), "buyer", id, "Changed my mind"),
  change: (id) => changeOrder(w.as.holder(), "buyer", id, { quantityHundredths: 300, timeFrom: "10:00", timeTo: "13:00" }, ON),
  end: (id) => endOrder(w.as.holder(), "buyer", id, "No longer needed", ON),
  reprice: (id) => repriceOrder(id, 1_000, "2026-03-03", "The group has fewer members.", ON),
  extend: (id) => extendOrder(id, at("2026-02-20")),
};

/**
 * Each visit move, attempted by the party allowed to make it. Moves that need a dispute or a
 * payout to name get one made by hand if the state has none, so the refusal tested is the
 * visit's own state, not a missing record.
 */
const tryOccurrence: Record<OccurrenceMove, (id: number) => unknown> = {
  deliver: (id) => recordDelivery(w.as.staff(), id, { deliveredOn: "2026-02-03", quantityHundredths: 100, notes: "" }, DELIVERED),
  cancel: (id) => cancelOccurrence(w.as.holder(), "buyer", id, "Not needed"),
  credit: (id) => issueCreditNote(w.as.staff(), id, { amountPence: 100, reason: "Late" }),
  dispute: (id) => raiseDispute(w.as.holder(), id, "Nobody came"),
  confirm: (id) => confirmDelivery(w.as.holder(), id, DELIVERED),
  settle: (id) => resolveDispute(w.as.moderator(), openDisputeFor(id), { payPence: 1, resolution: "Partly delivered" }, DELIVERED),
  void: (id) => resolveDispute(w.as.moderator(), openDisputeFor(id), { payPence: 0, resolution: "Not delivered" }, DELIVERED),
  invoice: (id) => issueInvoice(w.as.staff(), orderOfOccurrence(id), DELIVERED),
  pay: (id) => recordPayout(w.as.admin(), payoutFor(id) ?? forgedPayout(id), "BACS 2", DELIVERED),
};

function openDisputeFor(occurrenceId: number) {
  const open = db.select().from(disputes).where(and(eq(disputes.occurrenceId, occurrenceId), eq(disputes.status, "open"))).get();
  return open?.id ?? db.insert(disputes).values({ occurrenceId, orderId: orderOfOccurrence(occurrenceId), raisedBy: w.ids.holder, reason: "forged" }).returning().get().id;
}
function forgedPayout(occurrenceId: number) {
  const orderId = orderOfOccurrence(occurrenceId);
  const invoice = db.insert(invoices).values({ orderId, organisationId: w.ids.organisation, issuedOn: "2026-02-04", totalPence: 3_600 }).returning().get();
  db.update(occurrences).set({ invoiceId: invoice.id }).where(eq(occurrences.id, occurrenceId)).run();
  return db.insert(payouts).values({ invoiceId: invoice.id, organisationId: w.ids.organisation, method: "budget", amountPence: 3_600 }).returning().get().id;
}

/** Everything a refused move must leave alone. */
function snapshot() {
  const count = (table: string) => db.$client.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  return {
    orders: db.select({ id: orders.id, status: orders.status }).from(orders).all(),
    occurrences: db.select({ id: occurrences.id, status: occurrences.status, credited: occurrences.creditedPence }).from(occurrences).all(),
    money: balancesOf(w.ids.budget), journals: count("journals"), invoices: db.select({ s: invoices.status }).from(invoices).all(),
    payouts: db.select({ s: payouts.status }).from(payouts).all(), creditNotes: count("credit_notes"), disputes: db.select({ s: disputes.status }).from(disputes).all(),
  };
}

function expectRefused(attempt: () => unknown) {
  const before = snapshot();
  let error: unknown = null;
  try {
    attempt();
  } catch (e) {
    error = e;
  }
  expect(error, "the move should have been refused").toBeInstanceOf(OrderError);
  expect((error as OrderError).code).toBe("illegal-transition");
  expect(snapshot()).toEqual(before);
  expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
}

const illegalOrderMoves = (Object.keys(orderTransitions) as OrderMove[]).flatMap((move) =>
  orderStates.filter((s) => !(orderTransitions[move].from as readonly string[]).includes(s)).map((state) => [move, state] as const));
const illegalOccurrenceMoves = (Object.keys(occurrenceTransitions) as OccurrenceMove[]).flatMap((move) =>
  occurrenceStates.filter((s) => !(occurrenceTransitions[move].from as readonly string[]).includes(s)).map((state) => [move, state] as const));

describe("every illegal move is refused and changes nothing", () => {
  test("the tables leave something to test", () => {
    expect(illegalOrderMoves.length).toBeGreaterThan(15);
    expect(illegalOccurrenceMoves.length).toBeGreaterThan(40);
    expect(invoiceStates).toEqual(["issued", "paid"]);
  });

  test.each(illegalOrderMoves)("order: %s when %s", (move, state) => {
    const id = reachOrder[state]();
    expect(db.select().from(orders).where(eq(orders.id, id)).get()!.status).toBe(state);
    expectRefused(() => tryOrder[move](id));
  });

  test.each(illegalOccurrenceMoves)("visit: %s when %s", (move, state) => {
    const id = reachOccurrence[state]();
    expect(db.select().from(occurrences).where(eq(occurrences.id, id)).get()!.status).toBe(state);
    if (move === "settle" || move === "void") openDisputeFor(id);
    if (move === "pay" && payoutFor(id) === null) forgedPayout(id);
    expectRefused(() => tryOccurrence[move](id));
  });
});

describe("the moves people will try", () => {
  test("confirming before delivery is refused", () => {
    const id = reachOccurrence.scheduled();
    expectRefused(() => confirmDelivery(w.as.holder(), id, DELIVERED));
  });

  test("a declined order has nothing to deliver, even a visit made by hand", () => {
    const orderId = reachOrder.declined();
    expect(db.select().from(occurrences).where(eq(occurrences.orderId, orderId)).all()).toEqual([]);
    const forged = db.insert(occurrences).values({ orderId, date: "2026-02-03", quantityHundredths: 200, amountPence: 3_600 }).returning().get().id;
    expectRefused(() => recordDelivery(w.as.staff(), forged, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, DELIVERED));
  });

  test("paying twice is refused: the payout is recorded once", () => {
    const id = reachOccurrence.paid();
    expectRefused(() => recordPayout(w.as.admin(), payoutFor(id)!, "BACS again", DELIVERED));
    expect(db.select().from(payouts).all()).toHaveLength(1);
    // The money left Weave once: what was owed to the provider is now paid.
    expect([balanceOf(`payable:${w.ids.organisation}`), balanceOf(`paid:${w.ids.organisation}`)]).toEqual([0, 3_600]);
  });

  test("an order with a delivered visit cannot be cancelled, only ended", () => {
    const orderId = reachOrder.scheduled();
    const first = db.select().from(occurrences).where(eq(occurrences.orderId, orderId)).get()!;
    recordDelivery(w.as.staff(), first.id, { deliveredOn: first.date, quantityHundredths: 200, notes: "" }, DELIVERED);
    expectRefused(() => cancelOrder(w.as.holder(), "buyer", orderId, "Too late"));
    expect(() => endOrder(w.as.holder(), "buyer", orderId, "Enough", DELIVERED)).not.toThrow();
  });
});

describe("who may make a move", () => {
  test("a provider cannot confirm for the buyer, a buyer cannot accept, a stranger can do neither", () => {
    const orderId = placed(w);
    for (const attempt of [() => acceptOrder(w.as.holder(), orderId, ON), () => acceptOrder(w.as.otherStaff(), orderId, ON), () => acceptOrder(w.as.stranger(), orderId, ON)]) {
      expect(attempt).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    }
    acceptOrder(w.as.staff(), orderId, ON);
    const visit = occurrenceOf(orderId);
    recordDelivery(w.as.staff(), visit, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, DELIVERED);
    expect(() => confirmDelivery(w.as.staff(), visit, DELIVERED)).toThrow(expect.objectContaining({ code: "not-permitted" }) as Error);
    expect(() => confirmDelivery(w.as.representative(), visit, DELIVERED)).not.toThrow();
  });
});
