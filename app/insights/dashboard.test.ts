// What a commissioner sees when a category has 4 buyers, and when it has 5: the table, the chart
// (drawn from the same published table), the CSV and the total all agree.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { beforeEach, expect, test } from "vitest";
import { db } from "../../db/client";
import { InsightsFigure } from "../ui/insights";
import { insightsDashboard, insightsTable } from "./dashboard.server";
import { policyFor, publish, tableCsv, type RawTable } from "./figures";
import type { InsightsFilter } from "./filter";

const filter: InsightsFilter = { from: "2026-01", to: "2026-03", category: null };

/** `buyers` people each spending £10 a month in a category in Leeds (rollup rows, as the order service writes them). */
function bought(category: string, buyers: number, firstBuyer: number, pencePerVisit = 1000) {
  const c = db.$client;
  for (let b = 0; b < buyers; b++) {
    c.prepare("INSERT INTO insight_buyer_years VALUES ('leeds', 2026, ?, 'otley', 'hour', ?, 1)").run(category, firstBuyer + b);
    for (const slice of ["all", `category:${category}`, `unit:${category}|hour`]) {
      c.prepare("INSERT INTO insight_people_months VALUES ('leeds', '2026-01', ?, 1) ON CONFLICT DO UPDATE SET people = people + 1").run(slice);
    }
  }
  // Paid to three providers in turn (a category paid to fewer than 3 is withheld).
  for (let b = 0; b < buyers; b++) {
    c.prepare(`INSERT INTO insight_spend_months VALUES ('leeds', '2026-01', ?, 'otley', ?, 'provider', 'hour', 'direct-payment', ?, 1, 100)
      ON CONFLICT DO UPDATE SET spend_pence = spend_pence + excluded.spend_pence, visits = visits + excluded.visits, quantity_hundredths = quantity_hundredths + excluded.quantity_hundredths`)
      .run(category, 1 + ((firstBuyer + b) % 3), pencePerVisit);
  }
}

beforeEach(() => {
  for (const t of ["insight_spend_months", "insight_buyer_years", "insight_people_months", "insight_price_months", "insight_decline_years"]) db.$client.exec(`DELETE FROM ${t}`);
});

const table = (id: string, f = filter) => insightsTable("leeds", f, id)!;
const row = (id: string, key: string, f = filter) => table(id, f).rows.find((r) => r.key === key)!;
const page = (id: string, f = filter) => renderToStaticMarkup(createElement(InsightsFigure, { table: table(id, f) }));

test("a category with 4 buyers says 'fewer than 5' in the table, the chart and the CSV; with 5 it shows", () => {
  bought("transport", 4, 100);
  bought("help-at-home", 20, 200);
  bought("befriending", 9, 300);
  expect(row("spend-by-category", "transport").withheld).toBe("few");
  expect(row("spend-by-category", "transport").values).toEqual({ spend: null, visits: null, buyers: null });
  const html = page("spend-by-category");
  expect(html).not.toContain("£40.00");
  expect(html.match(/fewer than 5 people or 3 providers/g)!.length).toBeGreaterThanOrEqual(4); // chart bar + three cells
  const csv = tableCsv(table("spend-by-category"));
  expect(csv).toMatch(/^Transport,fewer than 5 people or 3 providers,fewer than 5 people or 3 providers,fewer than 5 people or 3 providers\r$/m);

  bought("transport", 1, 104);
  expect(row("spend-by-category", "transport").withheld).toBe(null);
  expect(row("spend-by-category", "transport").values).toEqual({ spend: 5000, visits: 5, buyers: 5 });
  expect(tableCsv(table("spend-by-category"))).toMatch(/^Transport,50\.00,5,5\r$/m);
});

test("the total cannot be used to work out a withheld category: the next smallest is withheld too", () => {
  bought("transport", 4, 100);
  bought("befriending", 9, 300);
  bought("help-at-home", 20, 200);
  const t = table("spend-by-category");
  expect(t.total!.values.spend).toBe(33_000);
  expect(row("spend-by-category", "befriending").withheld).toBe("complement");
  expect(row("spend-by-category", "help-at-home").values.spend).toBe(20_000);
  // What a reader can subtract: the total minus what is shown covers 13 people, not 4.
  const shown = t.rows.filter((r) => !r.withheld).reduce((n, r) => n + r.values.spend!, 0);
  expect(t.total!.values.spend! - shown).toBe(13_000);
  expect(tableCsv(t)).toMatch(/^Befriending,fewer than 5 people or 3 providers,fewer than 5 people or 3 providers,fewer than 5 people or 3 providers\r$/m);
});

test("choosing a withheld category withholds every table that follows the filter, and its CSV", () => {
  bought("transport", 4, 100);
  bought("help-at-home", 20, 200);
  const chosen = { ...filter, category: "transport" as const };
  const d = insightsDashboard("leeds", chosen);
  expect(d.categoryWithheld).toBe(true);
  for (const t of d.sections.flatMap((s) => s.tables).filter((t) => t.id.startsWith("spend-by-") && t.id !== "spend-by-category")) {
    expect([...t.rows, t.total!].every((r) => r.withheld), t.id).toBe(true);
  }
  expect(tableCsv(table("spend-by-month", chosen))).not.toMatch(/40\.00/);
  expect(page("spend-by-town", chosen)).toContain("fewer than 5");
});

test("overlapping people: two withheld rows whose people are the same few are not enough to show the total", () => {
  const raw: RawTable = {
    id: "t", title: "T", caption: "", columns: [{ key: "n", label: "N", format: "count" }],
    rows: [
      { key: "a", label: "A", values: { n: 3 }, who: { people: new Set([1, 2, 3]) } },
      { key: "b", label: "B", values: { n: 3 }, who: { people: new Set([1, 2, 3]) } },
      { key: "c", label: "C", values: { n: 9 }, who: { people: new Set([4, 5, 6, 7, 8, 9]) } },
    ],
    total: { key: "total", label: "Total", values: { n: 15 }, who: { people: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]) } },
  };
  const t = publish(raw, policyFor(5));
  // A and B are 3 people together: C must go too, and then the total is all that is left.
  expect(t.rows.map((r) => r.withheld)).toEqual(["few", "few", "complement"]);
  expect(t.total!.withheld).toBe(null);
});

test("the threshold is configuration with a floor of 5", () => {
  expect(policyFor(3).people).toBe(5);
  expect(policyFor(8).people).toBe(8);
  bought("transport", 6, 100);
  bought("help-at-home", 20, 200);
  expect(insightsTable("leeds", filter, "spend-by-category", policyFor(8))!.rows.find((r) => r.key === "transport")!.withheld).toBe("few");
  expect(insightsTable("leeds", filter, "spend-by-category", policyFor(5))!.rows.find((r) => r.key === "transport")!.withheld).toBe(null);
});

test("with counts only, people in two withheld rows are not assumed to be different people", () => {
  const raw: RawTable = {
    id: "t", title: "T", caption: "", columns: [{ key: "n", label: "N", format: "count" }],
    rows: [
      { key: "a", label: "A", values: { n: 4 }, who: { people: 4 } },
      { key: "b", label: "B", values: { n: 3 }, who: { people: 3 } },
      { key: "c", label: "C", values: { n: 9 }, who: { people: 9 } },
      { key: "d", label: "D", values: { n: 20 }, who: { people: 20 } },
    ],
    total: { key: "total", label: "Total", values: { n: 36 }, who: { people: 30 } },
  };
  // A and B might be the same four people, so C is withheld too; D and the total stay.
  const t = publish(raw, policyFor(5));
  expect(t.rows.map((r) => r.withheld)).toEqual(["few", "few", "complement", null]);
  expect(t.total!.withheld).toBe(null);
});

test("people who buy in several categories, towns and years of the range are counted once in each row and in the total", () => {
  const c = db.$client;
  const add = c.prepare("INSERT INTO insight_buyer_years VALUES ('leeds', ?, ?, ?, ?, ?, ?)");
  for (let b = 1; b <= 5; b++) {
    add.run(2025, "help-at-home", "otley", "hour", b, 1 << 10); // November
    add.run(2026, "help-at-home", "morley", "hour", b, 0b1); // January
    add.run(2026, "transport", "otley", "session", b, 0b10); // February
  }
  add.run(2026, "help-at-home", "otley", "hour", 6, 0b1000); // April: after the range
  add.run(2025, "transport", "otley", "session", 7, 1 << 9); // October: before it
  // Paid to three providers in each category (a category paid to fewer than 3 is withheld).
  const paid = c.prepare("INSERT INTO insight_spend_months VALUES ('leeds', ?, ?, 'otley', ?, 'provider', ?, 'direct-payment', 1000, 1, 100)");
  for (const [month, category, unit] of [["2025-10", "transport", "session"], ["2025-11", "help-at-home", "hour"], ["2026-01", "help-at-home", "hour"], ["2026-02", "transport", "session"]]) {
    for (const org of [1, 2, 3]) paid.run(month, category, org, unit);
  }
  const range: InsightsFilter = { from: "2025-11", to: "2026-02", category: null };
  const buyers = (id: string, f: InsightsFilter) => Object.fromEntries([...table(id, f).rows, table(id, f).total!].map((r) => [r.key, r.values.buyers]));
  expect(buyers("spend-by-category", range)).toEqual({ "help-at-home": 5, transport: 5, total: 5 });
  expect(buyers("spend-by-town", range)).toEqual({ morley: 5, otley: 5, total: 5 });
  expect(buyers("spend-by-town", { ...range, category: "transport" })).toEqual({ otley: 5, total: 5 });
  // One more person only in October is now in the range; the person in April is not.
  expect(buyers("spend-by-category", { ...range, from: "2025-10" })).toEqual({ "help-at-home": 5, transport: 6, total: 6 });
});
