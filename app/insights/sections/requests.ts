import { categories } from "../../directory/vocabulary";
import { groupBy, labelled, type InsightSection } from "./section";

type Request = { category: string; kind: string; status: string; personId: number; answered: number };

export const requestsSection: InsightSection = {
  id: "requests",
  title: "What people asked for",
  intro: "“Looking for” posts (a need in the person's own words) and requests for quotes (lines of a support plan put out to providers) made in the chosen months: how many, how many any provider answered, and how many became an order. What people wrote is never shown.",
  tables: (f) => {
    const byCategory = groupBy(f.requests(), (r) => r.category);
    const count = (rs: Request[], test: (r: Request) => boolean) => rs.filter(test).length;
    return [{
      id: "requests", title: "Looking-for posts and requests for quotes, by category", followsCategory: true, chart: { kind: "bar", column: "unanswered" },
      caption: "Unanswered: no provider offered anything. A post that found nobody is a gap in the market.",
      columns: [
        { key: "posts", label: "Looking-for posts", format: "count" }, { key: "quotes", label: "Requests for quotes", format: "count" },
        { key: "unanswered", label: "Unanswered", format: "count" }, { key: "accepted", label: "Became an order", format: "count" },
        { key: "people", label: "People", format: "count" },
      ],
      rows: categories.filter((c) => byCategory.has(c.slug)).map((c) => {
        const rs = byCategory.get(c.slug)!;
        const people = new Set(rs.map((r) => r.personId));
        return {
          key: c.slug, label: labelled(categories)(c.slug),
          values: {
            posts: count(rs, (r) => r.kind === "looking-for"), quotes: count(rs, (r) => r.kind !== "looking-for"),
            unanswered: count(rs, (r) => !r.answered), accepted: count(rs, (r) => r.status === "accepted"), people: people.size,
          },
          who: { people },
        };
      }),
    }];
  },
};
