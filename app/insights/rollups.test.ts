// Property: whatever happens to orders — placed, accepted, declined, delivered in part, credited,
// disputed and decided, confirmed (by the buyer or by Weave), cancelled — whatever is spent on
// budgets outside orders (ISF hours and amounts, direct-payment spending) and corrected, and
// whatever people search for, the rollups the dashboard reads equal a recomputation from scratch.
import fc from "fast-check";
import { asc, eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { disputes, memberships, occurrences, orders, userRoles } from "../../db/schema";
import { allocate, correctEntry, openBudgetAccount, spend } from "../budgets/budgets.server";
import { recordIsfSpend } from "../budgets/isf.server";
import { LedgerError } from "../budgets/ledger.server";
import { createService } from "../directory/listings.server";
import { OrderError } from "../purchasing/lifecycle";
import {
  acceptOrder, cancelOccurrence, cancelOrder, confirmDelivery, declineOrder, deliveredPence, issueCreditNote, placeOrder, raiseDispute,
  recordDelivery, resolveDispute, runOrderJobs,
} from "../purchasing/orders.server";
import { addDays, dayOf } from "../purchasing/schedule";
import { actorOf, aService } from "../../tests/support/fixtures";
import { orderWorld } from "../../tests/support/orders";
import { catchUpLedger, catchUpSearches, recomputeRollups, storedRollups, verifyRollups } from "./rollups.server";

/** The order world, plus a second buyer in Bradford and a transport service there. */
function twoAreaWorld() {
  const w = orderWorld({ budgetPence: 80_000 });
  const c = db.$client;
  const second = c.prepare("INSERT INTO users (email, name, password_hash) VALUES ('b2@example.org', 'Bea Buyer', 'x') RETURNING id").pluck().get() as number;
  db.insert(userRoles).values({ userId: second, role: "budget-holder" }).run();
  const budget = openBudgetAccount({ holderId: second, areaSlug: "bradford", arrangement: "council-managed", annualAllocationPence: 80_000 * 13, periodDays: 28, startsOn: "2026-01-01" }, w.ids.admin);
  allocate(budget.id, 0, w.ids.admin, "2026-01-01");
  const transport = createService(aService(w.ids.otherOrganisation, {
    name: "Lifts in Keighley", categorySlug: "transport", pricePence: 1_250, priceUnit: "session", townSlug: "keighley", postcode: "BD21 1AA", paymentRoutes: ["direct-payment", "council-managed", "isf"],
  }));
  db.insert(memberships).values({ userId: w.ids.otherStaff, organisationId: w.ids.otherOrganisation, role: "staff" }).onConflictDoNothing().run();
  // Two people in Leeds whose ISFs the help-at-home provider holds (spend recorded outside orders).
  const isfs = ["i1@example.org", "i2@example.org"].map((email) => {
    const holder = c.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Isla Isf', 'x') RETURNING id").pluck().get(email) as number;
    const isf = openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "isf", isfProviderId: w.ids.organisation, annualAllocationPence: 80_000 * 13, periodDays: 28, startsOn: "2026-01-01" }, w.ids.admin);
    allocate(isf.id, 0, w.ids.admin, "2026-01-01");
    return isf.id;
  });
  return {
    w, isfs,
    buyers: [
      { as: () => actorOf(w.ids.holder), buyerId: w.ids.holder, budget: w.ids.budget },
      { as: () => actorOf(second), buyerId: second, budget: budget.id },
    ],
    services: [{ id: w.ids.serviceId, staff: () => actorOf(w.ids.staff) }, { id: transport, staff: () => actorOf(w.ids.otherStaff) }],
  };
}

type Op =
  | { op: "place"; buyer: number; service: number; weekly: boolean; quarters: number; inDays: number }
  | { op: "accept" | "decline" | "confirm" | "dispute" | "cancelVisit" | "cancelOrder"; which: number }
  | { op: "deliver" | "credit" | "resolve"; which: number; fraction: number }
  | { op: "search"; category: string | null; town: string | null; results: number }
  | { op: "isf"; which: number; hours: boolean; quarters: number; daysBack: number; category: string }
  | { op: "paidDirectly"; pence: number; daysBack: number; category: string }
  | { op: "correct"; which: number }
  | { op: "catchUp" }
  | { op: "tick"; days: number };

const which = fc.nat({ max: 30 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const placeArb = fc.record({ op: fc.constant("place" as const), buyer: fc.nat({ max: 1 }), service: fc.nat({ max: 1 }), weekly: fc.boolean(), quarters: fc.integer({ min: 1, max: 8 }), inDays: fc.nat({ max: 6 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: placeArb },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("accept" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("decline" as const), which }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("deliver" as const), which, fraction }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("confirm" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("credit" as const), which, fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dispute" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("resolve" as const), which, fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelVisit" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelOrder" as const), which }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("search" as const), category: fc.constantFrom(null, "transport", "help-at-home"), town: fc.constantFrom(null, "otley", "keighley"), results: fc.nat({ max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("isf" as const), which: fc.nat({ max: 1 }), hours: fc.boolean(), quarters: fc.integer({ min: 1, max: 12 }), daysBack: fc.nat({ max: 40 }), category: fc.constantFrom("help-at-home", "personal-care") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("paidDirectly" as const), pence: fc.integer({ min: 1, max: 9_000 }), daysBack: fc.nat({ max: 40 }), category: fc.constantFrom("help-at-home", "other") }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("correct" as const), which }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("catchUp" as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("tick" as const), days: fc.integer({ min: 1, max: 12 }) }) },
);

test("after any sequence of orders, credits, cancellations, ledger spends, corrections and searches, the rollups equal a recomputation", () => {
  const counted = { spend: 0, declines: 0, searches: 0, ledger: 0, corrected: 0 };
  const sequences = fc.tuple(fc.array(placeArb, { minLength: 2, maxLength: 3 }), fc.array(opArb, { minLength: 15, maxLength: 45, size: "max" })).map(([p, o]) => [...p, ...o]);
  fc.assert(fc.property(sequences, (ops) => {
    const { w, isfs, buyers, services } = twoAreaWorld();
    let keys = 0;
    const back = (days: number) => addDays(dayOf(now), -days);
    let now = new Date("2026-02-01T09:00:00Z");
    const placed: { id: number; service: number }[] = [];
    const pick = (i: number) => placed[i % Math.max(1, placed.length)];
    const staffOf = (orderId: number) => services[placed.find((p) => p.id === orderId)!.service]!.staff();
    const buyerOf = (orderId: number) => buyers.find((b) => b.buyerId === db.select().from(orders).where(eq(orders.id, orderId)).get()!.buyerId)!;
    const visitIn = (i: number, statuses: string[]) => {
      const all = db.select().from(occurrences).where(inArray(occurrences.status, statuses as never)).orderBy(asc(occurrences.id)).all();
      return all[i % Math.max(1, all.length)];
    };
    const due = (v: typeof occurrences.$inferSelect) => deliveredPence(db.select().from(orders).where(eq(orders.id, v.orderId)).get()!, v) - v.creditedPence;
    for (const o of ops) {
      try {
        switch (o.op) {
          case "place": {
            const b = buyers[o.buyer]!;
            const r = placeOrder(b.as(), { serviceId: services[o.service]!.id, buyerId: b.buyerId, payWith: { budgetAccountId: b.budget }, quantityHundredths: o.quarters * 25,
              recurrence: o.weekly ? "weekly" : "one-off", startsOn: addDays(dayOf(now), o.inDays) }, now);
            if (r.ok) placed.push({ id: r.orderId, service: o.service });
            break;
          }
          case "accept": { const p = pick(o.which); if (p) acceptOrder(services[p.service]!.staff(), p.id, now); break; }
          case "decline": { const p = pick(o.which); if (p) declineOrder(services[p.service]!.staff(), p.id, "We are full, sorry Hana", (["full", "area", "times", "service", "other"] as const)[o.which % 5]!); break; }
          case "deliver": {
            const v = visitIn(o.which, ["scheduled"]);
            if (v) recordDelivery(staffOf(v.orderId), v.id, { deliveredOn: dayOf(now), quantityHundredths: Math.max(1, Math.round(v.quantityHundredths * Math.max(0.05, o.fraction))), notes: "" }, now);
            break;
          }
          case "confirm": { const v = visitIn(o.which, ["delivered"]); if (v) confirmDelivery(buyerOf(v.orderId).as(), v.id, now); break; }
          case "credit": {
            const v = visitIn(o.which, ["delivered", "disputed"]);
            if (v && due(v) > 0) issueCreditNote(staffOf(v.orderId), v.id, { amountPence: Math.max(1, Math.ceil(due(v) * o.fraction)), reason: "Late" });
            break;
          }
          case "dispute": { const v = visitIn(o.which, ["delivered"]); if (v) raiseDispute(buyerOf(v.orderId).as(), v.id, "Did not come"); break; }
          case "resolve": {
            const open = db.select().from(disputes).where(eq(disputes.status, "open")).orderBy(asc(disputes.id)).all();
            const d = open[o.which % Math.max(1, open.length)];
            if (d) {
              const v = db.select().from(occurrences).where(eq(occurrences.id, d.occurrenceId)).get()!;
              resolveDispute(w.as.moderator(), d.id, { payPence: Math.floor(due(v) * o.fraction), resolution: "Decided" }, now);
            }
            break;
          }
          case "cancelVisit": { const v = visitIn(o.which, ["scheduled"]); if (v) cancelOccurrence(buyerOf(v.orderId).as(), "buyer", v.id, "Ill"); break; }
          case "cancelOrder": { const p = pick(o.which); if (p) cancelOrder(buyerOf(p.id).as(), "buyer", p.id, "Not needed"); break; }
          case "search":
            db.$client.prepare("INSERT INTO search_log (at, query, filters, area_slug, town_slug, result_count) VALUES (?, 'lifts', ?, ?, ?, ?)")
              .run(now.toISOString(), JSON.stringify(o.category ? { category: o.category } : {}), o.town === "keighley" ? "bradford" : o.town ? "leeds" : null, o.town, o.results);
            break;
          case "isf": {
            const r = recordIsfSpend({ budgetAccountId: isfs[o.which]!, organisationId: w.ids.organisation, effectiveOn: back(o.daysBack), category: o.category, description: "Support",
              ...(o.hours ? { hours: o.quarters / 4, ratePence: 1_800 + 50 * (o.quarters % 3) } : { amountPence: o.quarters * 700 }), idempotencyKey: `isf-${keys++}`, by: w.ids.staff });
            if (r.ok) counted.ledger++;
            break;
          }
          case "paidDirectly": {
            const r = spend({ budgetAccountId: w.ids.budget, amountPence: o.pence, category: o.category, organisationId: null, description: "PA wages",
              effectiveOn: back(o.daysBack), idempotencyKey: `dp-${keys++}`, by: w.ids.holder });
            if (r.ok) counted.ledger++;
            break;
          }
          case "correct": {
            const lines = db.$client.prepare("SELECT id FROM journals WHERE kind = 'spend' ORDER BY id").pluck().all() as number[];
            const line = lines[o.which % Math.max(1, lines.length)];
            if (line) {
              correctEntry(line, { idempotencyKey: `fix-${keys++}`, by: w.ids.admin, reason: "Recorded by mistake", effectiveOn: dayOf(now) });
              counted.corrected++;
            }
            break;
          }
          case "catchUp": catchUpSearches(); catchUpSearches(); catchUpLedger(); catchUpLedger(); break;
          case "tick":
            now = new Date(now.getTime() + o.days * 86_400_000);
            runOrderJobs(now);
            break;
        }
      } catch (error) {
        if (!(error instanceof OrderError) && !(error instanceof LedgerError)) throw error;
      }
    }
    expect(verifyRollups()).toEqual({});
    const stored = storedRollups();
    counted.spend += stored.spend.length;
    counted.declines += stored.declines.length;
    counted.searches += stored.searches.length;
  }), { numRuns: 60 });
  // The property means little if nothing was ever counted.
  expect(counted.spend).toBeGreaterThan(0);
  expect(counted.declines).toBeGreaterThan(0);
  expect(counted.searches).toBeGreaterThan(0);
  expect(counted.ledger).toBeGreaterThan(0);
  expect(counted.corrected).toBeGreaterThan(0);
});

test("a rollup that drifts from the orders is found", () => {
  twoAreaWorld();
  db.$client.prepare("INSERT INTO insight_spend_months VALUES ('leeds', '2026-02', 'help-at-home', 'otley', 1, 'provider', 'hour', 'direct-payment', 100, 1, 100)").run();
  expect(verifyRollups().spend?.unexpected).toHaveLength(1);
  expect(recomputeRollups().spend).toEqual([]);
});
