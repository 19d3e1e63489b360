// Group offers under pressure, against one SQLite file from separate processes: fifty budget
// holders pledging and withdrawing around the closing date while the job closes it, and a process
// killed while forming groups.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { consortiumContracts, consortiumOffers, occurrences, orders, pledges, reservations } from "../../db/schema";
import { AFTER_DEADLINE, groupWorld, offerTerms, opened, pledged } from "../../tests/support/consortia";
import { race } from "../../tests/support/race";
import { balancesOf } from "../budgets/budgets.server";
import { verifyLedger } from "../budgets/ledger.server";
import { tierPrice } from "./tiers";

const sound = { unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] };
const heldFor = (offerId: number) => db.select().from(reservations).where(eq(reservations.reference, `consortium:${offerId}`)).all().filter((r) => r.status === "held");

test("50 budget holders pledging and withdrawing at once around the closing date: all or nothing, nobody over-reserved, no pledge lost, never above the maximum", async () => {
  const w = groupWorld({ holders: 50 });
  const offerId = opened(w, {
    maxMembers: 12, tiers: [{ members: 3, pricePence: 1_500 }, { members: 6, pricePence: 1_300 }, { members: 10, pricePence: 1_100 }],
  });
  const deadline = offerTerms(w).pledgeDeadline;
  // Ten processes, five holders each, and the job closing it the moment the deadline passes; all
  // eleven start their shared clock 5 s before the deadline once every one of them is loaded.
  const dir = mkdtempSync(join(tmpdir(), "weave-race-"));
  const groups = Array.from({ length: 10 }, (_, g) => w.people.slice(g * 5, g * 5 + 5));
  const [closed, ...churned] = await Promise.all([
    race<{ committed: number; lapsed: number }>("tests/support/consortium-moves.ts", "closeAtDeadline", [[deadline, dir, 11]]).then((r) => r[0]!),
    ...groups.map((holders, g) => race<{ pledged: number; waiting: number; withdrew: number }>("tests/support/consortium-moves.ts", "churn", [[offerId, holders, deadline, g + 1, dir, 11]]).then((r) => r[0]!)),
  ]);
  const offer = db.select().from(consortiumOffers).where(eq(consortiumOffers.id, offerId)).get()!;
  const rows = db.select().from(pledges).where(eq(pledges.offerId, offerId)).all();

  // No pledge lost: every successful pledge and withdrawal is a row in the state it should be.
  const made = churned.reduce((n, c) => n + c.pledged + c.waiting, 0);
  expect(made).toBeGreaterThan(50);
  expect(rows).toHaveLength(made);
  expect(rows.filter((p) => p.status === "withdrawn")).toHaveLength(churned.reduce((n, c) => n + c.withdrew, 0));
  // All or nothing: the offer closed once, and nothing is left half-way.
  expect(closed.committed + closed.lapsed).toBe(1);
  expect(rows.filter((p) => p.status === "pledged")).toEqual([]);
  expect(heldFor(offerId)).toEqual([]);
  const members = rows.filter((p) => p.status === "member");
  expect(members.length).toBeLessThanOrEqual(12);
  if (offer.status === "committed") {
    const price = tierPrice(offer.tiers, members.length)!;
    expect(db.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, offerId)).get()).toMatchObject({ membersAtStart: members.length, unitPricePence: price });
    expect(db.select().from(orders).all()).toHaveLength(members.length);
    for (const m of members) expect(db.select().from(orders).where(eq(orders.id, m.orderId!)).get()).toMatchObject({ unitPricePence: price, buyerId: m.holderId });
  } else {
    expect(offer.status).toBe("lapsed");
    expect(members).toEqual([]);
  }
  // Nobody over-reserved: what each holder has set aside is exactly their order's booked sessions.
  for (const p of w.people) {
    const booked = db.select({ amount: occurrences.amountPence }).from(occurrences).innerJoin(orders, eq(orders.id, occurrences.orderId))
      .where(eq(orders.buyerId, p.id)).all().reduce((n, o) => n + o.amount, 0);
    expect(balancesOf(p.budget)).toEqual({ available: 100_000 - booked, reserved: booked, contingency: 0 });
  }
  expect(verifyLedger()).toEqual(sound);
}, 90_000);

test("a process killed while forming groups leaves each group wholly formed or not at all, the ledger balanced and the file whole", async () => {
  const w = groupWorld({ holders: 3, budgetPence: 5_000_000 });
  const offerIds = Array.from({ length: 150 }, (_, i) => {
    const id = opened(w, { title: `Group ${i}` });
    for (let m = 0; m < 3; m++) pledged(w, id, m);
    return id;
  });
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/consortium-close-loop.ts", AFTER_DEADLINE.toISOString(), ...offerIds.map(String)], { env: process.env });
  await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { if (Number(d.toString().trim().split("\n").at(-1)) >= 15) resolve(); }));
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));

  expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(verifyLedger()).toEqual(sound);
  const offers = db.select().from(consortiumOffers).all();
  const committed = offers.filter((o) => o.status === "committed");
  expect(committed.length).toBeGreaterThanOrEqual(15);
  expect(committed.length).toBeLessThan(150);
  for (const o of offers) {
    const rows = db.select().from(pledges).where(eq(pledges.offerId, o.id)).all();
    const contract = db.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, o.id)).get();
    if (o.status === "committed") {
      expect(rows.map((p) => p.status)).toEqual(["member", "member", "member"]);
      expect(contract).toMatchObject({ membersAtStart: 3, unitPricePence: 1_500 });
      expect(heldFor(o.id)).toEqual([]);
    } else {
      expect(o.status).toBe("open");
      expect(rows.map((p) => p.status)).toEqual(["pledged", "pledged", "pledged"]);
      expect(contract).toBeUndefined();
      expect(heldFor(o.id)).toHaveLength(3);
    }
  }
  expect(db.select().from(orders).all()).toHaveLength(committed.length * 3);
  // Each holder's money set aside is their pledges still open plus their groups' booked sessions.
  for (const p of w.people) {
    const booked = db.select({ amount: occurrences.amountPence }).from(occurrences).innerJoin(orders, eq(orders.id, occurrences.orderId))
      .where(eq(orders.buyerId, p.id)).all().reduce((n, o) => n + o.amount, 0);
    expect(balancesOf(p.budget).reserved).toBe(booked + (150 - committed.length) * 12_000);
  }
}, 90_000);
