// The commissioner's dashboard for one area: every section's tables, published through the one
// suppression function. The route checks the commissioner may see the area before calling this.
import { config } from "../config.server";
import { findArea } from "../directory/region";
import { categories } from "../directory/vocabulary";
import { loadFacts } from "./facts.server";
import { policyFor, publish, withheldKeys, type FigureTable, type Policy } from "./figures";
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
export function insightsDashboard(area: string, filter: InsightsFilter, policy = insightsPolicy(), untilTable?: string): Dashboard {
  const facts = loadFacts(area, filter);
  const built: { section: (typeof sections)[number]; tables: SectionTable[] }[] = [];
  for (const s of sections) {
    built.push({ section: s, tables: s.tables(facts) });
    if (untilTable && built.at(-1)!.tables.some((t) => t.id === untilTable)) break;
  }
  // The area's category table decides, once, which categories are withheld; a withheld category
  // is withheld in every table that follows the filter, or a filtered view would give it away.
  const categoryTable = built.flatMap((b) => b.tables).find((t) => t.id === "spend-by-category")!;
  const hiddenCategories = withheldKeys(publish(categoryTable, policy));
  const categoryWithheld = !!filter.category && hiddenCategories.has(filter.category);
  const out = (t: SectionTable): FigureTable => {
    const { followsCategory, ...table } = t;
    return publish({ ...table, withholdAll: followsCategory && categoryWithheld }, policy);
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
  const overview = insightsDashboard(area, { ...filter, category: null }, policy);
  // (Spending recorded as "other" on a budget is in the overview, but is no category to print a page for.)
  const shown = overview.sections[0]!.tables[0]!.rows.filter((r) => !r.withheld && categories.some((c) => c.slug === r.key)).map((r) => r.key);
  return {
    overview,
    withheldCategories: overview.sections[0]!.tables[0]!.rows.filter((r) => r.withheld).map((r) => r.label),
    categories: shown.map((slug) => insightsDashboard(area, { ...filter, category: slug as InsightsFilter["category"] }, policy)),
  };
}
