// The commissioner's dashboard for one area: every section's tables, published through the one
// suppression function. The route checks the commissioner may see the area before calling this.
import { config } from "../config.server";
import { findArea } from "../directory/region";
import { categories } from "../directory/vocabulary";
import { loadFacts, type Facts } from "./facts.server";
import { policyFor, publish, suppress, type Cell, type FigureTable, type Line, type Policy, type Withheld } from "./figures";
import type { InsightsFilter } from "./filter";
import { AMOUNT } from "./rollups.server";
import { sections } from "./sections";
import type { SectionTable } from "./sections/section";

export type DashboardSection = { id: string; title: string; intro: string; tables: FigureTable[] };
export type Dashboard = {
  area: { slug: string; name: string };
  filter: InsightsFilter;
  /** The chosen category is withheld in the area's category table, so every table that follows it is too. */
  categoryWithheld: boolean;
  sections: DashboardSection[];
};

export const insightsPolicy = (): Policy => policyFor(config.INSIGHTS_MIN_PEOPLE);

/** Every section, or (for one table's CSV) the sections up to the one holding `untilTable`. */
export function insightsDashboard(area: string, filter: InsightsFilter, policy = insightsPolicy(), untilTable?: string): Dashboard {
  const facts = loadFacts(area, filter);
  const built: { section: (typeof sections)[number]; tables: SectionTable[] }[] = [];
  for (const s of sections) {
    built.push({ section: s, tables: s.tables(facts) });
    if (untilTable && built.at(-1)!.tables.some((t) => t.id === untilTable)) break;
  }
  // One suppression pattern across every view: the area's category table, the all-categories
  // month and town tables and every category's month and town tables are one matrix with its
  // margins, so no subtraction across filters, CSV files or printouts gives a withheld cell away.
  const pattern = crossTables(facts, policy);
  const categoryWithheld = !!filter.category && pattern.has(`C:${filter.category}`);
  const out = (t: SectionTable): FigureTable => {
    const { followsCategory, crossTab, ...table } = t;
    const cell = crossTab ? cellKeys(crossTab, filter.category) : null;
    const given = cell ? { rows: new Map(table.rows.flatMap((r) => (pattern.has(cell.row(r.key)) ? [[r.key, pattern.get(cell.row(r.key))!] as const] : []))), total: pattern.has(cell.total) } : {};
    return publish({ ...table, withholdAll: followsCategory && categoryWithheld }, policy, given);
  };
  return {
    area: { slug: area, name: findArea(area)?.name ?? area },
    filter,
    categoryWithheld,
    sections: built.map(({ section, tables }) => ({ id: section.id, title: section.title, intro: section.intro, tables: tables.map(out) })),
  };
}

/** Where a row (and the total) of a view of the spend matrices sits in crossTables(). */
function cellKeys(crossTab: NonNullable<SectionTable["crossTab"]>, category: string | null) {
  if (crossTab === "category") return { row: (k: string) => `C:${k}`, total: "T" };
  if (crossTab === "unit") return { row: (k: string) => `U:${k}`, total: category ? `C:${category}` : "T" };
  if (category) return { row: (k: string) => `X:${crossTab}:${category}|${k}`, total: `C:${category}` };
  return { row: (k: string) => `R:${crossTab}:${k}`, total: "T" };
}

/**
 * The spend matrices, category × month and category × town, with their margins: the grand total
 * T, each category's total C (the category table's row, and the total of that category's month
 * and town tables), each month's and town's total R (the all-categories tables' rows) and the
 * cells X (the rows of one category's month or town table). Each line of sums (T = ΣC, T = ΣR,
 * C = ΣX over months or towns, R = ΣX over categories) is protected by suppress(). People are
 * counted per cell, so people in several withheld cells are not assumed different (the largest
 * cell is all that counts): more is withheld, never less. The pattern does not depend on the
 * filter, so every view, CSV and printout is drawn from the same one.
 */
function crossTables(f: Facts, policy: Policy): Withheld {
  const p = f.buyers();
  const cells = new Map<string, Cell>();
  const add = (key: string, people: number) => cells.set(key, { key, who: { people } });
  const categories = p.byCategory.keys();
  add("T", p.everyone);
  for (const c of categories) add(`C:${c}`, p.byCategory.of(c));
  const lines: Line[] = [{ total: "T", members: categories.map((c) => `C:${c}`) }];
  const dimensions = [
    { name: "month", keys: f.months, all: p.byMonthAll, cell: p.byCategoryMonth },
    { name: "town", keys: p.byTownAll.keys(), all: p.byTownAll, cell: p.byCategoryTown },
  ];
  for (const { name, keys, all, cell } of dimensions) {
    for (const k of keys) add(`R:${name}:${k}`, all.of(k));
    lines.push({ total: "T", members: keys.map((k) => `R:${name}:${k}`) });
    for (const c of categories) {
      for (const k of keys) add(`X:${name}:${c}|${k}`, cell.of(`${c}|${k}`));
      lines.push({ total: `C:${c}`, members: keys.map((k) => `X:${name}:${c}|${k}`) });
    }
    for (const k of keys) lines.push({ total: `R:${name}:${k}`, members: categories.map((c) => `X:${name}:${c}|${k}`) });
  }
  // Visits by unit (the prices table) add up to the category's visits; spend recorded as an
  // amount has no price, so its cell is never shown: unknown to a reader from the start.
  const units = p.byUnitAll.keys();
  const neverShown: Withheld = new Map();
  for (const k of units) {
    add(`U:${k}`, p.byUnitAll.of(k));
    if (k.endsWith(`|${AMOUNT}`)) neverShown.set(`U:${k}`, "few");
  }
  for (const c of categories) lines.push({ total: `C:${c}`, members: units.filter((k) => k.startsWith(`${c}|`)).map((k) => `U:${k}`) });
  return suppress(cells, lines, policy, neverShown);
}

/** One table of the dashboard (for its CSV), published exactly as the page shows it. */
export function insightsTable(area: string, filter: InsightsFilter, tableId: string, policy = insightsPolicy()): FigureTable | null {
  for (const s of insightsDashboard(area, filter, policy, tableId).sections) {
    const t = s.tables.find((x) => x.id === tableId);
    if (t) return t;
  }
  return null;
}

/** The printable market position: the area's overview, then one page per category that can be shown. */
export function marketPosition(area: string, filter: Omit<InsightsFilter, "category">, policy = insightsPolicy()) {
  const overview = insightsDashboard(area, { ...filter, category: null }, policy);
  // (Spending recorded as "other" on a budget is in the overview, but is no category to print a page for.)
  const shown = overview.sections[0]!.tables[0]!.rows.filter((r) => !r.withheld && categories.some((c) => c.slug === r.key)).map((r) => r.key);
  return {
    overview,
    withheldCategories: overview.sections[0]!.tables[0]!.rows.filter((r) => r.withheld).map((r) => r.label),
    categories: shown.map((slug) => insightsDashboard(area, { ...filter, category: slug as InsightsFilter["category"] }, policy)),
  };
}
