// The commissioner's dashboard for one area: every section's tables, published through the one
// suppression function. The route checks the commissioner may see the area before calling this.
import { config } from "../config.server";
import { findArea } from "../directory/region";
import { categories } from "../directory/vocabulary";
import { crossKeys, crossPattern } from "./cross";
import { type FactsCache, loadFacts } from "./facts.server";
import { policyFor, publish, type FigureTable, type Policy } from "./figures";
import type { InsightsFilter } from "./filter";
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
export function insightsDashboard(area: string, filter: InsightsFilter, policy = insightsPolicy(), untilTable?: string, cache?: FactsCache): Dashboard {
  const facts = loadFacts(area, filter, cache);
  const built: { section: (typeof sections)[number]; tables: SectionTable[] }[] = [];
  for (const s of sections) {
    built.push({ section: s, tables: s.tables(facts) });
    if (untilTable && built.at(-1)!.tables.some((t) => t.id === untilTable)) break;
  }
  // One suppression pattern across every view: e.g. the area's category table, the
  // all-categories month table and every category's month table are one matrix with its margins,
  // so no subtraction across filters, CSV files or printouts gives a withheld cell away. The
  // spend matrix's categories are the area's category table: a category withheld there is
  // withheld in every table of a view filtered to it.
  // (Only the sections built: each matrix's pattern stands alone, so one table's CSV needs only its own.)
  const pattern = crossPattern(built.flatMap(({ section }) => section.matrices?.(facts) ?? []), policy);
  const categoryWithheld = !!filter.category && pattern.has(`spend:C:${filter.category}`);
  const out = (t: SectionTable): FigureTable => {
    const { followsCategory, crossTab, ...table } = t;
    const cell = crossTab ? crossKeys(crossTab, filter.category, followsCategory) : null;
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
  // One cache for every page: what does not depend on the category is read once, not once a page.
  const cache: FactsCache = new Map();
  const overview = insightsDashboard(area, { ...filter, category: null }, policy, undefined, cache);
  // (Spending recorded as "other" on a budget is in the overview, but is no category to print a page for.)
  const shown = overview.sections[0]!.tables[0]!.rows.filter((r) => !r.withheld && categories.some((c) => c.slug === r.key)).map((r) => r.key);
  return {
    overview,
    withheldCategories: overview.sections[0]!.tables[0]!.rows.filter((r) => r.withheld).map((r) => r.label),
    categories: shown.map((slug) => insightsDashboard(area, { ...filter, category: slug as InsightsFilter["category"] }, policy, undefined, cache)),
  };
}
