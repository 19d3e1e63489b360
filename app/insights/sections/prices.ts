import { categories, priceUnits } from "../../directory/vocabulary";
import type { Column } from "../figures";
import { quartiles } from "../stats";
import { labelled, type InsightSection } from "./section";

const categoryName = labelled(categories);
const unitName = labelled(priceUnits);

const columns: Column[] = [
  { key: "paidQ1", label: "Paid: lower quartile", format: "pence" },
  { key: "paidMedian", label: "Paid: median", format: "pence" },
  { key: "paidQ3", label: "Paid: upper quartile", format: "pence" },
  { key: "listedMedian", label: "Listed now: median", format: "pence" },
  { key: "listings", label: "Listings", format: "count" },
  { key: "visits", label: "Visits or items", format: "count" },
];

type Weighted = { value: number; weight: number }[];
const push = (map: Map<string, Weighted>, key: string, value: number, weight: number) => {
  const list = map.get(key) ?? [];
  list.push({ value, weight });
  map.set(key, list);
};

export const pricesSection: InsightSection = {
  id: "prices",
  title: "Prices paid",
  intro: "The price per unit people actually paid (what they were charged over what was delivered, after credits), against what providers in the area list now.",
  tables: (f) => {
    const people = f.buyers();
    const paid = new Map<string, Weighted>();
    const paidByMonth = new Map<string, Weighted>();
    for (const r of f.prices()) push(paid, `${r.category}|${r.unit}`, r.price, r.visits);
    for (const r of f.priceTrend()) push(paidByMonth, `${r.category}|${r.unit}|${r.month}`, r.price, r.visits);
    const listed = new Map<string, Weighted>();
    for (const l of f.listedPrices()) push(listed, `${l.category}|${l.unit}`, l.price, 1);
    const keys = [...paid.keys()].sort();
    const tables: ReturnType<InsightSection["tables"]> = [{
      id: "prices-paid", title: "Prices paid per unit", followsCategory: true, crossTab: { matrix: "spend", axis: "unit", rowsKeyedByCategory: true }, columns,
      caption: "Quartiles of the price per unit across visits; a quarter of visits cost less than the lower quartile and a quarter more than the upper.",
      rows: keys.map((k) => {
        const [category, unit] = k.split("|") as [string, string];
        const p = quartiles(paid.get(k)!);
        return {
          key: k, label: `${categoryName(category)}, ${unitName(unit)}`,
          values: { paidQ1: p.q1, paidMedian: p.median, paidQ3: p.q3, listedMedian: quartiles(listed.get(k) ?? []).median, listings: listed.get(k)?.length ?? 0, visits: paid.get(k)!.reduce((n, v) => n + v.weight, 0) },
          who: { people: people.byUnit.of(k) },
        };
      }),
    }];
    // The trend needs one category: prices of different things in one line would mean nothing.
    const main = f.filter.category ? keys.filter((k) => k.startsWith(`${f.filter.category}|`))
      .sort((a, b) => people.byUnit.of(b) - people.byUnit.of(a))[0] : undefined;
    if (main) {
      tables.push({
        id: "price-trend", title: `Median price paid by month: ${unitName(main.split("|")[1]!)}`, followsCategory: true, crossTab: { matrix: "spend", axis: "month" },
        // Prices only, no visits or people: a month's visits of one unit, subtracted from the
        // category's month, would give the visits in its other units that month (a category ×
        // unit × month relation no pattern covers). Quartiles do not add up.
        columns: [{ key: "q1", label: "Lower quartile", format: "pence" }, { key: "median", label: "Median paid", format: "pence" }, { key: "q3", label: "Upper quartile", format: "pence" }],
        chart: { kind: "line", column: "median" },
        caption: "The unit most bought in the chosen category. A month built from fewer than 5 people is withheld.",
        rows: f.months.map((m) => {
          const p = quartiles(paidByMonth.get(`${main}|${m}`) ?? []);
          return { key: m, label: m, values: { q1: p.q1, median: p.median, q3: p.q3 }, who: { people: people.byUnitMonth.of(`${main}|${m}`) } };
        }),
      });
    }
    return tables;
  },
};
