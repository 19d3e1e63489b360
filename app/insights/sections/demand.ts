import { findTown } from "../../directory/region";
import { categories } from "../../directory/vocabulary";
import { declineReasons } from "../../purchasing/order-form";
import type { SearchCellRow } from "../facts.server";
import { FEW_RESULTS } from "../rollups.server";
import { addTo } from "../stats";
import { entryOf, labelled, type InsightSection } from "./section";

const categoryName = (slug: string) => (slug === "any" ? "No single category chosen" : labelled(categories)(slug));

/** Rows of counts of anonymous searches: each search may be a different person, or the same one. */
function searchRows(counts: Map<string, number>, label: (k: string) => string) {
  return [...counts.keys()].sort().map((k) => ({ key: k, label: label(k), values: { searches: counts.get(k)! }, who: { searches: counts.get(k)! } }));
}

/** Searches that found few or no results, counted by category, by town and by both. */
function fewResults(searches: SearchCellRow[]) {
  const byCategory = new Map<string, number>();
  const byTown = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const s of searches) {
    const few = s.noResults + s.fewResults;
    if (!few) continue;
    addTo(byCategory, s.category, few);
    addTo(byTown, s.town, few);
    addTo(cells, `${s.category}|${s.town}`, few);
  }
  return { byCategory, byTown, cells, total: [...byCategory.values()].reduce((a, b) => a + b, 0) };
}

export const demandSection: InsightSection = {
  id: "demand",
  title: "Unmet demand",
  intro: `Signs that people looked for support and did not find or get it: searches that found ${FEW_RESULTS} services or fewer (from the anonymous search log, which holds no names), order requests providers declined and their main reasons, and listings with no places free.`,
  tables: (f) => {
    const { byCategory, byTown, total } = fewResults(f.searches());
    const searchColumns = [{ key: "searches", label: `Searches finding ${FEW_RESULTS} or fewer`, format: "count" as const }];
    const searchTotal = { key: "total", label: "Total", values: { searches: total }, who: { searches: total } };
    const declines = f.declines();
    const declineCount = new Map([...declines.byCategory].filter(([c]) => !f.filter.category || c === f.filter.category));
    const reasons = new Map(f.declineReasons().map((r) => [r.reason, r]));
    const full = new Map<string, Set<number>>();
    const fullCount = new Map<string, number>();
    for (const l of f.fullListings()) {
      addTo(fullCount, l.category, 1);
      entryOf(full, l.category, () => new Set<number>()).add(l.organisationId);
    }
    return [
      {
        id: "searches-by-category", title: "Searches with few or no results, by category", followsCategory: true, crossTab: { matrix: "searches", axis: "category" }, columns: searchColumns, chart: { kind: "bar", column: "searches" },
        caption: "The category the search asked for. What people typed is never shown: it is their own words.",
        rows: searchRows(byCategory, categoryName), total: searchTotal,
      },
      {
        id: "searches-by-town", title: "Searches with few or no results, by town", followsCategory: true, crossTab: { matrix: "searches", axis: "town" }, columns: searchColumns, chart: { kind: "bar", column: "searches" },
        caption: "The town searched near, when the search gave one.",
        rows: searchRows(byTown, (t) => (t === "any" ? "No town given" : findTown(t)?.name ?? t)), total: searchTotal,
      },
      {
        id: "declined-requests", title: "Order requests declined by providers", followsCategory: true, crossTab: { matrix: "declines", axis: "category" }, chart: { kind: "bar", column: "declines" },
        caption: "Counted in the month they were declined. Providers' reasons are their own words and are not shown.",
        columns: [{ key: "declines", label: "Requests declined", format: "count" }, { key: "people", label: "People", format: "count" }],
        rows: categories.filter((c) => declineCount.has(c.slug)).map((c) => ({
          key: c.slug, label: categoryName(c.slug), values: { declines: declineCount.get(c.slug)!, people: declines.people.byCategory.of(c.slug) }, who: { people: declines.people.byCategory.of(c.slug) },
        })),
        total: { key: "total", label: "Total", values: { declines: [...declineCount.values()].reduce((a, b) => a + b, 0), people: declines.people.total }, who: { people: declines.people.total } },
      },
      {
        id: "decline-reasons", title: "Why providers declined", followsCategory: true, crossTab: { matrix: "declines", axis: "reason" }, chart: { kind: "bar", column: "declines" },
        caption: "The main reason the provider chose from a fixed list. What they wrote in their own words is only for the person.",
        columns: [{ key: "declines", label: "Requests declined", format: "count" }, { key: "people", label: "People", format: "count" }],
        rows: declineReasons.filter((r) => reasons.has(r.value)).map((r) => ({
          key: r.value, label: r.label, values: { declines: reasons.get(r.value)!.declines, people: reasons.get(r.value)!.people }, who: { people: reasons.get(r.value)!.people },
        })),
      },
      {
        id: "full-listings", title: "Listings with no places free now", followsCategory: true, chart: { kind: "bar", column: "listings" },
        caption: "Published listings whose provider says they are full: a waiting list, in effect. These are providers' public listings, so nothing is withheld.",
        columns: [{ key: "listings", label: "Listings full", format: "count" }, { key: "providers", label: "Providers", format: "count" }],
        rows: categories.filter((c) => fullCount.has(c.slug)).map((c) => ({
          key: c.slug, label: categoryName(c.slug), values: { listings: fullCount.get(c.slug)!, providers: full.get(c.slug)!.size }, who: {},
        })),
      },
    ];
  },
  // Searches by category and town (the "no single category" searches cannot be chosen, so their
  // towns are never shown on their own), and declined requests' people by category and reason,
  // every category whatever the filter.
  matrices: (f) => {
    const { byCategory, byTown, cells, total } = fewResults(f.allSearches());
    const people = f.declines().people;
    return [
      {
        id: "searches", basis: "searches", total, categories: byCategory,
        dimensions: [{ name: "town", all: byTown, cells, neverShown: (ck) => ck.startsWith("any|") }],
      },
      {
        id: "declines", basis: "people", total: people.everyone, categories: new Map(people.byCategory.keys().map((c) => [c, people.byCategory.of(c)])),
        dimensions: [{
          name: "reason",
          all: new Map(f.declineReasonPeopleAll().map((r) => [r.reason, r.people])),
          cells: new Map(f.declineReasonPeople().map((r) => [`${r.category}|${r.reason}`, r.people])),
        }],
      },
    ];
  },
};
