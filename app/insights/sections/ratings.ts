import { categories } from "../../directory/vocabulary";
import type { RawRow } from "../figures";
import { entryOf, groupBy, labelled, type InsightSection } from "./section";

type Review = { category: string; month: string; overall: number; personId: number };

/** One row of reviews: how many, their average overall stars (in hundredths), and the people who wrote them. */
function row(key: string, label: string, reviews: Review[]): RawRow {
  const people = new Set(reviews.map((r) => r.personId));
  const average = reviews.length ? Math.round((reviews.reduce((n, r) => n + r.overall, 0) / reviews.length) * 100) : null;
  return { key, label, values: { reviews: reviews.length, average, people: people.size }, who: { people } };
}

const columns = [
  { key: "reviews", label: "Reviews", format: "count" as const },
  { key: "average", label: "Average overall", format: "stars" as const },
  { key: "people", label: "People who reviewed", format: "count" as const },
];

export const ratingsSection: InsightSection = {
  id: "ratings",
  title: "Ratings",
  intro: "What people said of the support they bought or went to, in reviews made public in the chosen months (removed reviews never count): the plain average of the overall stars, not the weighted score the listings show.",
  tables: (f) => {
    const reviews = f.reviews();
    const byCategory = groupBy(reviews, (r) => r.category);
    const byMonth = groupBy(reviews, (r) => r.month);
    return [
      {
        id: "ratings-by-category", title: "Ratings by category", followsCategory: true, crossTab: { matrix: "ratings", axis: "category" }, columns, chart: { kind: "bar", column: "average" },
        caption: "The kind of support the reviewed service is listed under. What people wrote is never shown here.",
        rows: categories.filter((c) => byCategory.has(c.slug)).map((c) => row(c.slug, labelled(categories)(c.slug), byCategory.get(c.slug)!)),
      },
      {
        id: "ratings-by-month", title: "Ratings over time", followsCategory: true, crossTab: { matrix: "ratings", axis: "month" }, columns, chart: { kind: "line", column: "average" },
        caption: "By the month the review was written, for the category chosen (or all).",
        rows: f.months.filter((m) => byMonth.has(m)).map((m) => row(m, m, byMonth.get(m)!)),
      },
    ];
  },
  // Reviews (their number and stars add up) by category and month, every category whatever the
  // filter, with the people who wrote them.
  matrices: (f) => {
    const people = (reviews: Review[], key: (r: Review) => string) => {
      const sets = new Map<string, Set<number>>();
      for (const r of reviews) entryOf(sets, key(r), () => new Set<number>()).add(r.personId);
      return sets;
    };
    const all = f.allReviews();
    return [{
      id: "ratings", basis: "people", categories: people(all, (r) => r.category),
      dimensions: [{ name: "month", all: people(all, (r) => r.month), cells: people(all, (r) => `${r.category}|${r.month}`) }],
    }];
  },
};
