// Property: whatever people do with orders — place, accept, decline, deliver (in part), credit,
// dispute and resolve, confirm (or let Weave confirm), cancel a visit or an order, change or end
// a recurring one, invoice and pay out, with time passing — the ledger stays sound, and the
// budget the person is shown equals what they were given, minus what was spent on confirmed
// visits, minus what is set aside for visits still open. Each figure is read from the order
// tables on one side and the ledger on the other, so either drifting fails the test.
import fc from "fast-check";
import { asc, eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { disputes, occurrences, orders, payouts, reservations } from "../../db/schema";
import { orderWorld, orderTerms, type World } from "../../tests/support/orders";
import { balancesOf } from "../budgets/budgets.server";
import { balanceOf, verifyLedger } from "../budgets/ledger.server";
import { OrderError } from "./lifecycle";
import {
  acceptOrder, cancelOccurrence, cancelOrder, changeOrder, confirmDelivery, declineOrder, deliveredPence, endOrder, issueCreditNote, issueInvoice,
  placeOrder, raiseDispute, recordDelivery, recordPayout, resolveDispute, runOrderJobs,
} from "./orders.server";
import { addDays, dayOf } from "./schedule";

type Op =
  | { op: "place"; weekly: boolean; hours: number; inDays: number; rep: boolean }
  | { op: "accept" | "decline" | "confirm" | "dispute" | "cancelVisit" | "invoice" | "payout"; which: number }
  | { op: "cancelOrder" | "end"; which: number; provider: boolean }
  | { op: "deliver"; which: number; fraction: number }
  | { op: "credit"; which: number; fraction: number }
  | { op: "resolve"; which: number; fraction: number }
  | { op: "change"; which: number; hours: number }
  | { op: "tick"; days: number };

const which = fc.nat({ max: 20 });
const placeArb = fc.record({ op: fc.constant("place" as const), weekly: fc.boolean(), hours: fc.integer({ min: 1, max: 12 }).map((q) => q * 25), inDays: fc.nat({ max: 10 }), rep: fc.boolean() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: placeArb },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("accept" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("decline" as const), which }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant("deliver" as const), which, fraction: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("confirm" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("credit" as const), which, fraction: fc.double({ min: 0.01, max: 1.2, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dispute" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("resolve" as const), which, fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelVisit" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelOrder" as const), which, provider: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("end" as const), which, provider: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("change" as const), which, hours: fc.integer({ min: 1, max: 12 }).map((q) => q * 25) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("invoice" as const), which }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("payout" as const), which }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("tick" as const), days: fc.integer({ min: 1, max: 9 }) }) },
);

const OPEN = ["scheduled", "delivered", "disputed"] as const;
const SPENT = ["confirmed", "invoiced", "paid"] as const;

function check(w: World, allocated: number) {
  expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
  const visits = db.select({ o: occurrences, paidBy: orders.paymentMethod }).from(occurrences).innerJoin(orders, eq(orders.id, occurrences.orderId)).all()
    .filter((v) => v.paidBy === "budget").map((v) => v.o);
  const setAside = visits.filter((v) => (OPEN as readonly string[]).includes(v.status)).reduce((n, v) => n + v.amountPence, 0);
  const spent = visits.filter((v) => (SPENT as readonly string[]).includes(v.status)).reduce((n, v) => n + (v.chargedPence ?? 0), 0);
  for (const v of visits) if (v.chargedPence !== null) expect(v.chargedPence).toBeLessThanOrEqual(v.amountPence);
  const shown = balancesOf(w.ids.budget);
  expect(shown.reserved).toBe(setAside);
  // What the budgets spent is owed to the provider until a payout sends it, then it is paid.
  const paidOut = db.select().from(payouts).where(eq(payouts.status, "paid")).all().reduce((n, p) => n + p.amountPence, 0);
  expect(balanceOf(`paid:${w.ids.organisation}`)).toBe(paidOut);
  expect(balanceOf(`payable:${w.ids.organisation}`)).toBe(spent - paidOut);
  expect(shown.available + shown.contingency).toBe(allocated - spent - setAside);
  const held = db.select().from(reservations).where(eq(reservations.status, "held")).all();
  expect(held.length).toBe(visits.filter((v) => (OPEN as readonly string[]).includes(v.status)).length);
}

test("any sequence of order moves keeps the ledger sound and the budget equal to allocation minus spend minus what is set aside", () => {
  // Which moves actually happened across all runs: the property means little if they never do.
  const happened = new Map<string, number>();
  // Every sequence starts with an order or three, so the moves after it have something to act on.
  const sequences = fc.tuple(fc.array(placeArb, { minLength: 1, maxLength: 3 }), fc.array(opArb, { minLength: 10, maxLength: 40, size: "max" })).map(([p, o]) => [...p, ...o]);
  fc.assert(fc.property(sequences, (ops) => {
    const w = orderWorld({ budgetPence: 60_000 });
    const allocated = 60_000;
    let now = new Date("2026-02-01T09:00:00Z");
    const placedIds: number[] = [];
    const pick = (i: number) => placedIds[i % placedIds.length] ?? -1;
    // Visit moves pick among the visits they could apply to, so they happen often enough to matter.
    const visitIn = (i: number, statuses: readonly string[]) => {
      const candidates = db.select().from(occurrences).where(inArray(occurrences.status, statuses as never)).orderBy(asc(occurrences.id)).all();
      return candidates[i % Math.max(1, candidates.length)];
    };
    const dueOf = (v: typeof occurrences.$inferSelect) => deliveredPence(db.select().from(orders).where(eq(orders.id, v.orderId)).get()!, v) - v.creditedPence;

    for (const o of ops) {
      const auditBefore = db.$client.prepare("SELECT COUNT(*) FROM audit_log").pluck().get();
      try {
        switch (o.op) {
          case "place": {
            const r = placeOrder(o.rep ? w.as.representative() : w.as.holder(), orderTerms(w, {
              recurrence: o.weekly ? "weekly" : "one-off", quantityHundredths: o.hours, startsOn: addDays(dayOf(now), o.inDays),
            }), now);
            if (r.ok) placedIds.push(r.orderId);
            break;
          }
          case "accept": acceptOrder(w.as.staff(), pick(o.which), now); break;
          case "decline": declineOrder(w.as.staff(), pick(o.which), "No"); break;
          case "deliver": {
            const v = visitIn(o.which, ["scheduled"]);
            if (v) recordDelivery(w.as.staff(), v.id, { deliveredOn: dayOf(now), quantityHundredths: Math.max(1, Math.round(v.quantityHundredths * o.fraction)), notes: "" }, now);
            break;
          }
          case "confirm": { const v = visitIn(o.which, ["delivered"]); if (v) confirmDelivery(w.as.holder(), v.id, now); break; }
          case "credit": {
            const v = visitIn(o.which, ["delivered", "disputed"]);
            if (v) issueCreditNote(w.as.staff(), v.id, { amountPence: Math.ceil(dueOf(v) * o.fraction), reason: "Short" });
            break;
          }
          case "dispute": { const v = visitIn(o.which, ["delivered"]); if (v) raiseDispute(w.as.holder(), v.id, "Wrong"); break; }
          case "resolve": {
            const open = db.select().from(disputes).where(eq(disputes.status, "open")).orderBy(asc(disputes.id)).all();
            const d = open[o.which % Math.max(1, open.length)];
            if (d) {
              const v = db.select().from(occurrences).where(eq(occurrences.id, d.occurrenceId)).get()!;
              resolveDispute(w.as.moderator(), d.id, { payPence: Math.floor(dueOf(v) * o.fraction), resolution: "Decided" }, now);
            }
            break;
          }
          case "cancelVisit": { const v = visitIn(o.which, ["scheduled"]); if (v) cancelOccurrence(w.as.holder(), "buyer", v.id, "Ill"); break; }
          case "cancelOrder": cancelOrder(o.provider ? w.as.staff() : w.as.holder(), o.provider ? "provider" : "buyer", pick(o.which), "Off"); break;
          case "end": endOrder(o.provider ? w.as.staff() : w.as.holder(), o.provider ? "provider" : "buyer", pick(o.which), "Done", now); break;
          case "change": changeOrder(w.as.holder(), "buyer", pick(o.which), { quantityHundredths: o.hours, timeFrom: null, timeTo: null }, now); break;
          case "invoice": issueInvoice(w.as.staff(), pick(o.which), now); break;
          case "payout": {
            const due = db.select().from(payouts).where(eq(payouts.status, "due")).get();
            if (due) recordPayout(w.as.admin(), due.id, "BACS", now);
            break;
          }
          case "tick":
            now = new Date(now.getTime() + o.days * 86_400_000);
            runOrderJobs(now);
            happened.set("tick", (happened.get("tick") ?? 0) + 1);
            break;
        }
      } catch (error) {
        // A refused move is part of the game (an illegal step, a budget refusal); anything else is a bug.
        if (!(error instanceof OrderError)) throw error;
      }
      if (db.$client.prepare("SELECT COUNT(*) FROM audit_log").pluck().get() !== auditBefore) happened.set(o.op, (happened.get(o.op) ?? 0) + 1);
      check(w, allocated);
    }
  // A fixed seed by default, so CI is the same on every machine and the check below (that every
  // kind of move happened) cannot fail by chance: with a random seed, payouts or resolves were
  // missing in a few runs in a hundred. PROPERTY_SEED=<number> explores other sequences; a failure
  // prints the seed and path to replay it.
  }), { numRuns: 100, seed: Number(process.env.PROPERTY_SEED ?? 20261207) });
  const kinds = ["place", "accept", "decline", "deliver", "confirm", "credit", "dispute", "resolve", "cancelVisit", "cancelOrder", "end", "change", "invoice", "payout", "tick"];
  expect(kinds.filter((k) => !happened.get(k)), `moves that never happened: ${JSON.stringify(Object.fromEntries(happened))}`).toEqual([]);
});
