// The attacker's test: fetch every spend table for every filter value (all categories, then each
// category), as the page, the CSV and the printout give them, and write each shown figure as a
// sum of the finest cells (category × month × town × kind of provider × unit). A cell built from
// fewer than 5 people, or paid to fewer than 3 providers of a kind in a category, must not be a
// linear combination of the shown figures (a row a table leaves out is a known zero); with 5
// people, or 3 providers, it is simply shown.
import { beforeEach, expect, test } from "vitest";
import { db } from "../../db/client";
import { clearData } from "../../seeds/load";
import { anOrganisation } from "../../tests/support/fixtures";
import { allocate, openBudgetAccount } from "../budgets/budgets.server";
import { recordIsfSpend } from "../budgets/isf.server";
import { categories } from "../directory/vocabulary";
import { insightsTable, marketPosition } from "./dashboard.server";
import { tableCsv, type FigureTable } from "./figures";
import type { InsightsFilter } from "./filter";

const MONTHS = ["2026-01", "2026-02", "2026-03"];
const TOWNS = ["otley", "morley"];
const CATEGORIES = ["help-at-home", "personal-care", "transport"];
const KINDS = ["provider", "micro-enterprise"];
const UNITS = ["hour", "amount"];
const range: InsightsFilter = { from: "2026-01", to: "2026-03", category: null };

let n = 0;
let admin = 0;
/** Three registered providers in each town; people are served by them in turn. */
const providers = new Map<string, number[]>();
beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  admin = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('admin@example.org', 'Admin', 'x') RETURNING id").pluck().get() as number;
  for (const town of TOWNS) providers.set(town, [1, 2, 3].map((i) => anOrganisation({ name: `Care in ${town} ${i}`, kind: "provider", townSlug: town }).id));
});

/** A micro-enterprise in Otley. */
const micro = () => anOrganisation({ name: `Micro ${n++}`, kind: "micro-enterprise", staffCount: 2, townSlug: "otley" }).id;

/**
 * `people` new people, each with an ISF held by a provider in `town` (the three in turn, or
 * `only` those given), spending £20 once in `month` on `category`: an hour at £20, or £20
 * recorded as an amount (no price).
 */
function spent(people: number, category: string, month: string, town = "otley", only?: number[], as: "hour" | "amount" = "hour") {
  for (let i = 0; i < people; i++) {
    const ids = only ?? providers.get(town)!;
    const provider = ids[i % ids.length]!;
    const holder = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Someone', 'x') RETURNING id").pluck().get(`p${n++}@example.org`) as number;
    const isf = openBudgetAccount({ holderId: holder, areaSlug: "leeds", arrangement: "isf", isfProviderId: provider, annualAllocationPence: 1_300_000, periodDays: 28, startsOn: "2026-01-01" }, admin);
    allocate(isf.id, 0, admin, "2026-01-01");
    const r = recordIsfSpend({ budgetAccountId: isf.id, organisationId: provider, effectiveOn: `${month}-15`, category, description: "Support",
      ...(as === "hour" ? { hours: 1, ratePence: 2_000 } : { amountPence: 2_000 }), idempotencyKey: `s-${n++}`, by: admin });
    if (!r.ok) throw new Error(r.refusal.explanation);
  }
}

type Cell = { category: string; month: string; town: string; kind: string; unit: string };
const CELLS: Cell[] = CATEGORIES.flatMap((category) => MONTHS.flatMap((month) => TOWNS.flatMap((town) => KINDS.flatMap((kind) => UNITS.map((unit) => ({ category, month, town, kind, unit }))))));
const vector = (pick: (c: Cell) => boolean) => CELLS.map((c) => (pick(c) ? 1 : 0));

/** Every figure shown, anywhere, as the finest cells it adds up (spend and visits add up the same way). */
function shownFigures(): number[][] {
  const equations: number[][] = [];
  const record = (t: FigureTable, category: string | null) => {
    const inCategory = (c: Cell) => !category || c.category === category;
    const of: Record<string, (key: string) => (c: Cell) => boolean> = {
      "spend-by-category": (k) => (c) => c.category === k,
      "spend-by-month": (k) => (c) => inCategory(c) && c.month === k,
      "spend-by-town": (k) => (c) => inCategory(c) && c.town === k,
      // Its figures are prices, which do not add up; a count in it would be the main unit's (hours).
      "price-trend": (k) => (c) => inCategory(c) && c.month === k && c.unit === "hour",
      "prices-paid": (k) => (c) => c.category === k.split("|")[0] && c.unit === k.split("|")[1], // visits by unit
      "share-by-kind": (k) => (c) => inCategory(c) && c.kind === k,
    };
    if (!of[t.id]) return;
    // A row left out is a known zero (nothing of that kind, in that category or town).
    const universe: Record<string, { keys: string[]; cell: (c: Cell) => string }> = {
      "spend-by-category": { keys: CATEGORIES, cell: (c) => c.category },
      "spend-by-town": { keys: TOWNS, cell: (c) => c.town },
      "share-by-kind": { keys: KINDS, cell: (c) => c.kind },
    };
    const u = universe[t.id];
    if (u) for (const k of u.keys) if (!t.rows.some((r) => r.key === k)) equations.push(vector((c) => of[t.id]!(k)(c) && u.cell(c) === k));
    // What the CSV says is what the table says.
    const csv = tableCsv(t);
    const label = (l: string) => (l.includes(",") ? `"${l}"` : l);
    for (const r of t.rows) expect(csv).toContain(r.withheld ? `${label(r.label)},fewer than` : `${label(r.label)},`);
    // The price trend's columns are prices, which add up to nothing; a count among them would.
    const additive = t.id !== "price-trend" || t.columns.some((c) => c.format === "count");
    for (const r of t.rows) if (!r.withheld && additive) equations.push(vector(of[t.id]!(r.key)));
    if (t.total && !t.total.withheld) equations.push(vector(t.id === "spend-by-category" ? () => true : inCategory));
  };
  for (const category of [null, ...categories.map((c) => c.slug)]) {
    const f = { ...range, category };
    for (const id of ["spend-by-category", "spend-by-month", "spend-by-town", "price-trend", "prices-paid", "share-by-kind"]) {
      const t = insightsTable("leeds", f, id);
      if (t) record(t, id === "spend-by-category" ? null : category);
    }
  }
  // The printout's pages: the overview, then the same tables category by category.
  const printout = marketPosition("leeds", range);
  for (const page of [printout.overview, ...printout.categories]) {
    for (const t of page.sections.flatMap((s) => s.tables)) record(t, t.id === "spend-by-category" ? null : page.filter.category);
  }
  return equations;
}

/** Is `target` a linear combination of `rows`? (Gaussian elimination: the rank does not grow.) */
function derivable(rows: number[][], target: number[]): boolean {
  const rank = (m: number[][]) => {
    const a = m.map((r) => [...r]);
    let rk = 0;
    for (let col = 0; col < target.length && rk < a.length; col++) {
      const pivot = a.findIndex((r, i) => i >= rk && Math.abs(r[col]!) > 1e-9);
      if (pivot < 0) continue;
      [a[rk], a[pivot]] = [a[pivot]!, a[rk]!];
      for (let i = 0; i < a.length; i++) {
        if (i === rk || Math.abs(a[i]![col]!) < 1e-9) continue;
        const factor = a[i]![col]! / a[rk]![col]!;
        a[i] = a[i]!.map((v, j) => v - factor * a[rk]![j]!);
      }
      rk++;
    }
    return rk;
  };
  return rank([...rows, target]) === rank(rows);
}

/** Six people or more in every (category, month), all in Otley, except `target` people buying help at home in February in Morley. */
function market(target: number) {
  spent(6, "help-at-home", "2026-01");
  spent(target, "help-at-home", "2026-02", "morley");
  spent(6, "help-at-home", "2026-03");
  spent(6, "personal-care", "2026-01");
  spent(7, "personal-care", "2026-02");
  spent(6, "personal-care", "2026-03");
  spent(8, "transport", "2026-01");
  spent(9, "transport", "2026-02");
  spent(5, "transport", "2026-03");
}

const helpAtHome = { ...range, category: "help-at-home" as const };

test("a (category, month) cell of 4 people, in a category and a month that are both shown, cannot be worked out from any shown figures across every filter", () => {
  market(4);
  // The category and the month are each shown...
  expect(insightsTable("leeds", range, "spend-by-category")!.rows.find((r) => r.key === "help-at-home")!.withheld).toBe(null);
  expect(insightsTable("leeds", range, "spend-by-month")!.rows.find((r) => r.key === "2026-02")!.withheld).toBe(null);
  // ...the cell is not...
  expect(insightsTable("leeds", helpAtHome, "spend-by-month")!.rows.find((r) => r.key === "2026-02")!.withheld).toBe("few");
  // ...and no difference of what is shown gives it (nor its town, Morley, nor any part of it).
  const equations = shownFigures();
  expect(equations.length).toBeGreaterThan(10);
  const hidden = (c: Cell) => c.category === "help-at-home" && c.month === "2026-02";
  expect(derivable(equations, vector(hidden))).toBe(false);
  expect(derivable(equations, vector((c) => c.category === "help-at-home" && c.town === "morley"))).toBe(false);
  expect(derivable(equations, vector((c) => c.town === "morley"))).toBe(false);
  for (const c of CELLS.filter(hidden)) expect(derivable(equations, vector((x) => x === c))).toBe(false);
  // The test can tell: the category's total and the month's total are shown, so only the complement stops it.
  expect(derivable(equations, vector((c) => c.category === "help-at-home"))).toBe(true);
  expect(derivable(equations, vector((c) => c.month === "2026-02"))).toBe(true);
});

test("with 5 people the cell shows, in the filtered month table, its CSV and the printout", () => {
  market(5);
  const feb = insightsTable("leeds", helpAtHome, "spend-by-month")!.rows.find((r) => r.key === "2026-02")!;
  expect(feb).toMatchObject({ withheld: null, values: { spend: 10_000, visits: 5, buyers: 5 } });
  expect(tableCsv(insightsTable("leeds", helpAtHome, "spend-by-month")!)).toMatch(/^2026-02,100\.00,5,5\r$/m);
  expect(derivable(shownFigures(), vector((c) => c.category === "help-at-home" && c.month === "2026-02"))).toBe(true);
});

test("a category of 4 people cannot be worked out from the category table's total and the visits in the prices table", () => {
  spent(4, "transport", "2026-02");
  spent(6, "personal-care", "2026-01");
  spent(7, "help-at-home", "2026-01");
  spent(7, "help-at-home", "2026-03");
  const byCategory = insightsTable("leeds", range, "spend-by-category")!;
  expect(byCategory.rows.find((r) => r.key === "transport")!.withheld).toBe("few");
  expect(byCategory.rows.find((r) => r.key === "personal-care")!.withheld).toBe("complement");
  // The prices table would give personal care's visits (all its hours), and the total minus the rest transport's.
  expect(insightsTable("leeds", range, "prices-paid")!.rows.find((r) => r.key === "personal-care|hour")!.withheld).toBe("complement");
  const equations = shownFigures();
  expect(derivable(equations, vector((c) => c.category === "transport"))).toBe(false);
  expect(derivable(equations, vector((c) => c.category === "help-at-home"))).toBe(true);
});

// Share of spend by kind of provider: kind × category, counted in providers, in the same matrix.
test("the spend of help at home paid to 2 micro-enterprises cannot be worked out from the kind shares of every filter and the category tables; 3 elsewhere show", () => {
  const [m1, m2, m3, m4, m5, m6, m7, m8] = Array.from({ length: 8 }, micro);
  const otley = providers.get("otley")!;
  for (const month of MONTHS) {
    spent(4, "help-at-home", month);
    spent(4, "personal-care", month);
    spent(4, "transport", month);
  }
  spent(2, "help-at-home", "2026-01", "otley", [m1!]);
  spent(2, "help-at-home", "2026-02", "otley", [m2!]);
  spent(2, "help-at-home", "2026-03", "otley", otley);
  spent(2, "personal-care", "2026-01", "otley", [m3!, m4!]);
  spent(2, "personal-care", "2026-02", "otley", [m5!, m3!]);
  spent(2, "personal-care", "2026-03", "otley", [m4!, m5!]);
  spent(6, "transport", "2026-02", "otley", [m6!, m7!, m8!]);
  const share = (category: InsightsFilter["category"]) => insightsTable("leeds", { ...range, category }, "share-by-kind")!;
  // Micro-enterprises over all categories (8 of them) are shown, and in personal care or transport
  // (3 each) — not both, or all of them minus those two would be help at home's ...
  expect(share(null).rows.find((r) => r.key === "micro-enterprise")).toMatchObject({ withheld: null, values: { providers: 8 } });
  const elsewhere = (["personal-care", "transport"] as const).filter((c) => share(c).rows.find((r) => r.key === "micro-enterprise")!.withheld === null);
  expect(elsewhere).toHaveLength(1);
  expect(share(elsewhere[0]!).rows.find((r) => r.key === "micro-enterprise")).toMatchObject({ values: { spend: 12_000, providers: 3 } });
  // ... in help at home (2) they are not, and the category's total is shown.
  const helpAtHome = share("help-at-home");
  expect(helpAtHome.rows.find((r) => r.key === "micro-enterprise")!.withheld).toBe("few");
  expect(tableCsv(helpAtHome)).toMatch(/^Micro-enterprise \(five or fewer staff\),fewer than 3 providers/m);
  expect(insightsTable("leeds", range, "spend-by-category")!.rows.find((r) => r.key === "help-at-home")!.withheld).toBe(null);
  const equations = shownFigures();
  expect(derivable(equations, vector((c) => c.category === "help-at-home" && c.kind === "micro-enterprise"))).toBe(false);
  expect(derivable(equations, vector((c) => c.category === "help-at-home" && c.kind === "provider"))).toBe(false);
  // The test can tell: all micro-enterprises' spend, and that of the category shown, are known.
  expect(derivable(equations, vector((c) => c.kind === "micro-enterprise"))).toBe(true);
  expect(derivable(equations, vector((c) => c.category === elsewhere[0] && c.kind === "micro-enterprise"))).toBe(true);
  expect(derivable(equations, vector((c) => c.category === "help-at-home"))).toBe(true);
});

test("a category paid to 2 providers is withheld everywhere — its row, its CSV, every view filtered to it and the printout; paid to 3 it shows", () => {
  const otley = providers.get("otley")!;
  for (const month of MONTHS) {
    spent(6, "help-at-home", month);
    spent(6, "personal-care", month);
    spent(6, "transport", month, "otley", otley.slice(0, 2));
  }
  const transport = { ...range, category: "transport" as const };
  const row = insightsTable("leeds", range, "spend-by-category")!.rows.find((r) => r.key === "transport")!;
  expect(row.withheld).toBe("few");
  expect(tableCsv(insightsTable("leeds", range, "spend-by-category")!)).toMatch(/^Transport,fewer than 5 people or 3 providers,/m);
  for (const id of ["spend-by-month", "spend-by-town", "share-by-kind", "prices-paid", "providers-by-category"]) {
    const t = insightsTable("leeds", transport, id)!;
    expect([...t.rows, ...(t.total ? [t.total] : [])].every((r) => r.withheld), id).toBe(true);
  }
  const printout = marketPosition("leeds", range);
  expect(printout.withheldCategories).toContain("Transport");
  expect(printout.categories.map((p) => p.filter.category)).not.toContain("transport");
  expect(derivable(shownFigures(), vector((c) => c.category === "transport"))).toBe(false);

  spent(1, "transport", "2026-02", "otley", [otley[2]!]);
  expect(insightsTable("leeds", range, "spend-by-category")!.rows.find((r) => r.key === "transport")).toMatchObject({ withheld: null, values: { spend: 38_000, buyers: 19 } });
  expect(insightsTable("leeds", transport, "share-by-kind")!.total).toMatchObject({ withheld: null, values: { spend: 38_000, providers: 3 } });
  expect(marketPosition("leeds", range).categories.map((p) => p.filter.category)).toContain("transport");
});

// The price trend: a month's visits of the main unit, taken from the category's month, would give
// the visits in its other units that month (here: 4 people whose spend was recorded as an amount).
test("the price trend gives nothing that, taken from the category's month, tells the visits in its other units", () => {
  for (const month of MONTHS) {
    spent(6, "help-at-home", month);
    spent(6, "personal-care", month);
    spent(6, "transport", month);
  }
  spent(4, "help-at-home", "2026-02", "otley", undefined, "amount");
  const trend = insightsTable("leeds", { ...range, category: "help-at-home" }, "price-trend")!;
  expect(trend.rows.find((r) => r.key === "2026-02")).toMatchObject({ withheld: null, values: { median: 2_000 } });
  expect(insightsTable("leeds", { ...range, category: "help-at-home" }, "spend-by-month")!.rows.find((r) => r.key === "2026-02")).toMatchObject({ withheld: null, values: { visits: 10 } });
  const equations = shownFigures();
  expect(derivable(equations, vector((c) => c.category === "help-at-home" && c.month === "2026-02" && c.unit === "amount"))).toBe(false);
  expect(derivable(equations, vector((c) => c.category === "help-at-home" && c.month === "2026-02"))).toBe(true);
});

// The same attack on unmet demand: searches finding few results, by category and town.
const SEARCH_CATEGORIES = ["transport", "help-at-home", "befriending"];
const SEARCH_TOWNS = ["otley", "morley"];
type SearchCell = { category: string; town: string };
const SEARCH_CELLS: SearchCell[] = SEARCH_CATEGORIES.flatMap((category) => SEARCH_TOWNS.map((town) => ({ category, town })));
const searchVector = (pick: (c: SearchCell) => boolean) => SEARCH_CELLS.map((c) => (pick(c) ? 1 : 0));

function searched(times: number, category: string, town: string) {
  for (let i = 0; i < times; i++) {
    db.$client.prepare("INSERT INTO search_log (at, query, filters, area_slug, town_slug, result_count) VALUES ('2026-02-03T10:00:00.000Z', 'lifts', ?, 'leeds', ?, 0)")
      .run(JSON.stringify(category === "any" ? {} : { category }), town === "any" ? null : town);
  }
}

function shownSearchFigures(): number[][] {
  const equations: number[][] = [];
  for (const category of [null, ...categories.map((c) => c.slug)]) {
    const f = { ...range, category };
    const inCategory = (c: SearchCell) => !category || c.category === category;
    const byCategory = insightsTable("leeds", f, "searches-by-category")!;
    const byTown = insightsTable("leeds", f, "searches-by-town")!;
    for (const r of byCategory.rows) if (!r.withheld) equations.push(searchVector((c) => c.category === r.key));
    for (const r of byTown.rows) if (!r.withheld) equations.push(searchVector((c) => inCategory(c) && c.town === r.key));
    for (const t of [byCategory, byTown]) if (t.total && !t.total.withheld) equations.push(searchVector(inCategory));
  }
  return equations;
}

test("4 searches for transport near Otley cannot be worked out from the searches tables of every filter; 5 show", () => {
  const counts = [[4, "transport", "otley"], [6, "transport", "morley"], [6, "help-at-home", "otley"], [7, "help-at-home", "morley"], [5, "befriending", "otley"], [8, "befriending", "morley"]] as const;
  for (const [times, category, town] of counts) searched(times, category, town);
  const transport = { ...range, category: "transport" as const };
  expect(insightsTable("leeds", range, "searches-by-category")!.rows.find((r) => r.key === "transport")!.withheld).toBe(null);
  expect(insightsTable("leeds", range, "searches-by-town")!.rows.find((r) => r.key === "otley")!.withheld).toBe(null);
  expect(insightsTable("leeds", transport, "searches-by-town")!.rows.find((r) => r.key === "otley")!.withheld).toBe("few");
  const equations = shownSearchFigures();
  expect(derivable(equations, searchVector((c) => c.category === "transport" && c.town === "otley"))).toBe(false);
  expect(derivable(equations, searchVector((c) => c.category === "transport"))).toBe(true);

  searched(1, "transport", "otley");
  expect(insightsTable("leeds", transport, "searches-by-town")!.rows.find((r) => r.key === "otley")).toMatchObject({ withheld: null, values: { searches: 5 } });
});
