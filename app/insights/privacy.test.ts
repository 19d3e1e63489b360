// The dashboard's loader answers with counts, sums and percentiles only: no person's id, name or
// email, and nothing a person wrote (decline reasons, messages, delivery notes, search words).
import { RouterContextProvider } from "react-router";
import { expect, test } from "vitest";
import { actorContext } from "../accounts/actor.server";
import type { Actor } from "../accounts/permissions";
import { db } from "../../db/client";
import { commissionerAreas, userRoles } from "../../db/schema";
import { allocate, openBudgetAccount } from "../budgets/budgets.server";
import { acceptOrder, confirmDelivery, declineOrder, placeOrder, recordDelivery } from "../purchasing/orders.server";
import { postOrderMessage } from "../purchasing/messages.server";
import { recordIsfSpend } from "../budgets/isf.server";
import { actorOf, anOrganisation } from "../../tests/support/fixtures";
import { orderWorld } from "../../tests/support/orders";
import { loader as dashboardLoader } from "../routes/insights.$area";
import { loader as printLoader } from "../routes/insights.$area.market-position";
import { loader as csvLoader } from "../routes/insights.$area.export[.]csv";

const SECRET_WORDS = ["Zebedee", "Quixotic", "Marmalade", "Pickleball"];

/** Seven buyers with distinctive names, each ordering, writing, and being declined once, plus a searcher. */
function busyArea() {
  const w = orderWorld({ budgetPence: 100_000 });
  const c = db.$client;
  const people: { id: number; name: string; email: string }[] = [];
  for (let i = 0; i < 7; i++) {
    const name = `Zebedee Person${i} Quixotic`;
    const email = `zebedee${i}@example.org`;
    const id = c.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'x') RETURNING id").pluck().get(email, name) as number;
    db.insert(userRoles).values({ userId: id, role: "budget-holder" }).run();
    const budget = openBudgetAccount({ holderId: id, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: 1_300_000, periodDays: 28, startsOn: "2026-01-01" }, w.ids.admin);
    allocate(budget.id, 0, w.ids.admin, "2026-01-01");
    const terms = { serviceId: w.ids.serviceId, buyerId: id, payWith: { budgetAccountId: budget.id }, quantityHundredths: 200 + i * 25, recurrence: "one-off" as const, startsOn: "2026-02-03" };
    const me = actorOf(id);
    const ordered = placeOrder(me, { ...terms, message: "Marmalade please, my address is 1 Quixotic Lane" }, new Date("2026-02-01T09:00:00Z"));
    if (!ordered.ok) throw new Error(ordered.refusal.explanation);
    acceptOrder(w.as.staff(), ordered.orderId, new Date("2026-02-01T10:00:00Z"));
    const visit = c.prepare("SELECT id FROM occurrences WHERE order_id = ?").pluck().get(ordered.orderId) as number;
    recordDelivery(w.as.staff(), visit, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "Pickleball with Zebedee" }, new Date("2026-02-03T12:00:00Z"));
    postOrderMessage(me, "buyer", ordered.orderId, "Zebedee says thank you");
    confirmDelivery(me, visit, new Date("2026-02-04T09:00:00Z"));
    const second = placeOrder(me, { ...terms, startsOn: "2026-02-10" }, new Date("2026-02-01T09:00:00Z"));
    if (second.ok) declineOrder(w.as.staff(), second.orderId, "Pickleball clash with Zebedee's other carer");
    c.prepare("INSERT INTO search_log (at, query, filters, area_slug, town_slug, result_count) VALUES ('2026-02-05T10:00:00Z', 'Quixotic marmalade Zebedee', '{\"category\":\"transport\"}', 'leeds', 'otley', 0)").run();
    people.push({ id, name, email });
  }
  // Two more providers, each recording an hour at £20 against one more person's ISF in help at
  // home (a category paid to fewer than 3 providers is withheld).
  for (const i of [1, 2]) {
    const org = anOrganisation({ name: `Otley Support ${i}`, kind: "provider" }).id;
    const holder = c.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Someone', 'x') RETURNING id").pluck().get(`isf${i}@example.org`) as number;
    const isf = openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "isf", isfProviderId: org, annualAllocationPence: 1_300_000, periodDays: 28, startsOn: "2026-01-01" }, w.ids.admin);
    allocate(isf.id, 0, w.ids.admin, "2026-01-01");
    const r = recordIsfSpend({ budgetAccountId: isf.id, organisationId: org, effectiveOn: "2026-02-15", category: "help-at-home", description: "Support", hours: 1, ratePence: 2_000, idempotencyKey: `isf-${i}`, by: w.ids.admin });
    if (!r.ok) throw new Error(r.refusal.explanation);
  }
  const kim = c.prepare("INSERT INTO users (email, name, password_hash) VALUES ('kim2@example.org', 'Kim Commissioner', 'x') RETURNING id").pluck().get() as number;
  db.insert(userRoles).values({ userId: kim, role: "commissioner" }).run();
  db.insert(commissionerAreas).values({ userId: kim, areaSlug: "leeds" }).run();
  return { w, people, kim: actorOf(kim) };
}

function call<T>(loader: (args: never) => T, actor: Actor, url: string): T {
  const context = new RouterContextProvider();
  context.set(actorContext, actor);
  return loader({ request: new Request(url), context, params: { area: new URL(url).pathname.split("/")[2] } } as never);
}

const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (e) {
    return (e as { init?: { status?: number }; status?: number }).init?.status ?? (e as Response).status;
  }
};

test("the dashboard and the market position answer with figures only: no ids, names, emails or anything a person wrote", () => {
  const { people, kim } = busyArea();
  const dashboard = call(dashboardLoader, kim, "http://x/insights/leeds?from=2026-01&to=2026-03");
  const print = call(printLoader, kim, "http://x/insights/leeds/market-position?from=2026-01&to=2026-03");
  for (const body of [JSON.stringify(dashboard), JSON.stringify(print)]) {
    // The figures are there (9 people bought help at home in February, from 3 providers) ...
    expect(body).toContain("help-at-home");
    for (const word of SECRET_WORDS) expect(body, word).not.toContain(word);
    for (const p of people) {
      expect(body).not.toContain(p.email);
      expect(body).not.toContain(p.name);
    }
    expect(body).not.toMatch(/"(buyerId|holderId|userId|personId|organisationId|email|query|reason|notes|body|message)"/i);
  }
  const spend = (dashboard as { dashboard: { sections: { tables: { id: string; rows: { key: string; values: Record<string, number | null> }[] }[] }[] } }).dashboard
    .sections[0]!.tables.find((t) => t.id === "spend-by-category")!.rows.find((r) => r.key === "help-at-home")!;
  expect(spend.values.buyers).toBe(9);
  expect(spend.values.spend).toBe(7 * 3_600 + 2 * 2_000);
});

test("a commissioner reads their own area only; a budget holder or provider reads no insights at all", async () => {
  const { w, kim } = busyArea();
  expect(statusOf(() => call(dashboardLoader, kim, "http://x/insights/leeds"))).toBe(200);
  expect(statusOf(() => call(dashboardLoader, kim, "http://x/insights/bradford"))).toBe(403);
  expect(statusOf(() => call(csvLoader, kim, "http://x/insights/bradford/export.csv?table=spend-by-category"))).toBe(403);
  expect(statusOf(() => call(printLoader, kim, "http://x/insights/bradford/market-position"))).toBe(403);
  expect(statusOf(() => call(dashboardLoader, kim, "http://x/insights/atlantis"))).toBe(404);
  for (const someone of [w.as.holder(), w.as.staff(), w.as.admin()]) {
    expect(statusOf(() => call(dashboardLoader, someone, "http://x/insights/leeds"))).toBe(403);
    expect(statusOf(() => call(csvLoader, someone, "http://x/insights/leeds/export.csv?table=spend-by-category"))).toBe(403);
  }
  const csv = call(csvLoader, kim, "http://x/insights/leeds/export.csv?table=spend-by-category&from=2026-01&to=2026-03") as Response;
  expect(await csv.text()).toMatch(/^Help at home,292\.00,9,9\r$/m);
  expect(statusOf(() => call(csvLoader, kim, "http://x/insights/leeds/export.csv?table=nonsense"))).toBe(400);
  expect(statusOf(() => call(csvLoader, kim, "http://x/insights/leeds/export.csv?table=spend-by-category&from=2026-13"))).toBe(400);
});
