import { findTown } from "../../directory/region";
import { categories } from "../../directory/vocabulary";
import type { Column } from "../figures";
import type { SpendSum } from "../facts.server";
import type { Counts } from "../facts.server";
import { AMOUNT, NOT_RECORDED } from "../rollups.server";
import { labelled, type InsightSection } from "./section";

// Spending recorded on a budget can be for something that is not a kind of support we list.
const spendCategories = [...categories, { slug: "other", name: "Other spending (not a listed kind of support)" }];
const categoryName = labelled(spendCategories);
const townName = (slug: string) => (slug === NOT_RECORDED ? "Town not recorded (paid directly, or a provider outside the area)" : findTown(slug)?.name ?? slug);
const columns: Column[] = [
  { key: "spend", label: "Spend", format: "pence" },
  { key: "visits", label: "Visits or items", format: "count" },
  { key: "buyers", label: "People buying", format: "count" },
];

const sums = (rows: SpendSum[]) => {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (k: string) => ({ spend: byKey.get(k)?.spend ?? 0, visits: byKey.get(k)?.visits ?? 0 });
};
const totalOf = (rows: SpendSum[]) => rows.reduce((t, r) => ({ spend: t.spend + r.spend, visits: t.visits + r.visits }), { spend: 0, visits: 0 });

export const spendSection: InsightSection = {
  id: "spend",
  title: "Spend",
  intro: "What people paid for support confirmed as delivered, from budgets and by card, counted where the service is — and what was recorded straight on budgets outside orders (hours an ISF provider records, direct-payment spending such as PA wages), counted where the provider is based.",
  tables: (f) => {
    const people = f.buyers();
    const payees = f.payees();
    const byCategory = sums(f.spendByCategory());
    const byMonth = sums(f.spendByMonth());
    const byTown = sums(f.spendByTown());
    const total = totalOf(f.spendByMonth());
    const totalRow = (who: number) => ({ key: "total", label: "Total", values: { ...total, buyers: who }, who: { people: who } });
    const towns = people.byTown.keys().sort();
    return [
      {
        id: "spend-by-category", title: "Spend by category", followsCategory: false, crossTab: { matrix: "spend", axis: "category" }, columns, chart: { kind: "bar", column: "spend" },
        caption: "Every category in the area in the chosen months, whatever category is chosen above. A category paid to fewer than 3 providers is withheld, so that its total cannot give away what one or two providers took.",
        rows: spendCategories.filter((c) => people.byCategory.has(c.slug)).map((c) => ({
          key: c.slug, label: categoryName(c.slug), values: { ...byCategory(c.slug), buyers: people.byCategory.of(c.slug) },
          who: { people: people.byCategory.of(c.slug), providers: payees.byCategory.get(c.slug) ?? new Set<number>() },
        })),
        total: { key: "total", label: "Total", values: { ...totalOf(f.spendByCategory()), buyers: people.everyone }, who: { people: people.everyone, providers: payees.all } },
      },
      {
        id: "spend-by-month", title: "Spend by month", followsCategory: true, crossTab: { matrix: "spend", axis: "month" }, columns, chart: { kind: "line", column: "spend" },
        caption: "Each month of the range, by the date the support was delivered.",
        rows: f.months.map((m) => ({ key: m, label: m, values: { ...byMonth(m), buyers: people.byMonth.of(m) }, who: { people: people.byMonth.of(m) } })),
        total: totalRow(people.total),
      },
      {
        id: "spend-by-town", title: "Spend by town", followsCategory: true, crossTab: { matrix: "spend", axis: "town" }, columns, chart: { kind: "bar", column: "spend" },
        caption: "The town of the service bought (where it is based), or of the provider for spending recorded on a budget; never where the person lives.",
        rows: towns.map((t) => ({ key: t, label: townName(t), values: { ...byTown(t), buyers: people.byTown.of(t) }, who: { people: people.byTown.of(t) } })),
        total: totalRow(people.total),
      },
    ];
  },
  // Every category's spend by month, town, unit and kind of provider, whatever the filter: the
  // month and town tables of the chosen category (or all), the prices paid (visits by unit) and
  // the share of spend by kind of provider (market.ts) are views of it. People are counted per
  // cell; the kinds, and the categories and the total as well, in providers paid (0, paid
  // directly, is one), so a category paid to fewer than 3 providers is withheld everywhere.
  // Spend recorded as an amount has no price, so no table shows it by unit.
  matrices: (f) => {
    const p = f.buyers();
    const payees = f.payees();
    const map = (counts: Counts) => new Map(counts.keys().map((k) => [k, counts.of(k)]));
    return [{
      id: "spend", basis: "people", total: p.everyone, categories: map(p.byCategory),
      also: { basis: "providers", total: payees.all, categories: payees.byCategory },
      dimensions: [
        { name: "month", all: map(p.byMonthAll), cells: map(p.byCategoryMonth) },
        { name: "town", all: map(p.byTownAll), cells: map(p.byCategoryTown) },
        { name: "unit", cells: map(p.byUnitAll), neverShown: (ck) => ck.endsWith(`|${AMOUNT}`) },
        { name: "kind", basis: "providers", all: payees.byKind, cells: payees.byCategoryKind },
      ],
    }];
  },
};
