// The starter pack every new budget holder gets (Rescripting care management): community groups
// near them in the kinds of support their plan mentions, three likely providers ranked by fit,
// the prices to expect to pay, and a way to ask for a peer supporter.
import type { BudgetAccount } from "../budgets/budgets.server";
import { pageListings } from "../directory/catalogue.server";
import { findArea, findTown, type PlacedTown } from "../directory/region";
import { categories, nameOf, type OrganisationKind, type PriceUnit } from "../directory/vocabulary";
import { pricesPaidIn } from "../purchasing/views.server";
import { searchEngine } from "../../search/engine";
import type { SearchHit } from "../../search/port";
import { ENOUGH_PEOPLE, milesBetween, NEAR_MILES, planWeights, rankByFit, typicalRange, type Fit } from "./fit";
import { quotablePlan } from "./requests.server";


const COMMUNITY: OrganisationKind[] = ["community-group", "user-led", "peer-network"];

export type PriceGuide = {
  category: string; categoryName: string; unit: PriceUnit; low: number; median: number; high: number; count: number;
  /** "paid": from orders paid from budgets in the area; "listed": from the prices services list. */
  source: "paid" | "listed";
} | { category: string; categoryName: string; source: "none" };

/** The person's town: the one they chose, if it is in the budget's council area, else the area's main town. */
export function townFor(account: Pick<BudgetAccount, "areaSlug">, townSlug: string | null): PlacedTown {
  const chosen = townSlug ? findTown(townSlug) : undefined;
  if (chosen && chosen.area.slug === account.areaSlug) return chosen;
  const area = findArea(account.areaSlug)!;
  return findTown(area.towns[0]!.slug)!;
}

function planCategories(account: BudgetAccount) {
  const plan = quotablePlan(account.id);
  const lines = plan?.lines ?? [];
  return { planned: !!plan, lines, categories: [...new Set(lines.map((l) => l.category))] };
}

/** Free and low-cost groups near the town in the kinds of support the plan mentions, nearest first. */
function communityGroups(town: PlacedTown, kinds: string[], limit = 6) {
  if (kinds.length === 0) return [];
  const found = COMMUNITY.flatMap((kind) => pageListings(
    { categories: kinds as never, kind, within: { lat: town.lat, lng: town.lng, miles: NEAR_MILES } }, { page: 1, perPage: limit },
  ).listings);
  return found.map((l) => ({
    serviceId: l.service.id, name: l.service.name, organisationName: l.organisation.name, kind: l.organisation.kind, townName: l.townName,
    categoryName: nameOf(categories, l.service.categorySlug), pricePence: l.service.pricePence, unit: l.service.priceUnit,
    miles: milesBetween(town, l.service),
  })).sort((a, b) => a.miles - b.miles || a.serviceId - b.serviceId).slice(0, limit);
}

/**
 * Three likely providers: services near the town that take this budget, in the kinds of support
 * the plan pays for, ranked by fit. Found through the search port, whose documents carry the
 * review score (null until reviews exist, then it counts in the ranking with no change here).
 */
async function suggestions(account: BudgetAccount, town: PlacedTown, lines: { category: string; plannedPence: number }[]) {
  const weights = planWeights(lines);
  const kinds = [...weights.keys()];
  const engine = searchEngine();
  const hits: SearchHit[] = [];
  for (const category of kinds) {
    const result = await engine.search({
      text: "", filters: { category: category as never, payment: account.arrangement === "self-funded" ? undefined : [account.arrangement] },
      near: { lat: town.lat, lng: town.lng, radiusMiles: NEAR_MILES }, sort: "distance", page: 1, pageSize: 20,
    });
    hits.push(...result.hits.filter((h) => !COMMUNITY.includes(h.organisationKind) && h.priceUnit !== "free" && h.pricePence > 0));
  }
  const ranked = rankByFit(hits.map((h) => ({ ...h, organisationId: h.organisationId, distanceMiles: h.distanceMiles })), { weights, radiusMiles: NEAR_MILES });
  return ranked.map((h) => ({
    serviceId: h.id, name: h.title, organisationName: h.organisationName, kind: h.organisationKind, townName: h.townName,
    categoryName: nameOf(categories, h.category), pricePence: h.pricePence, unit: h.priceUnit, miles: h.distanceMiles, days: h.days,
    rating: h.rating, ratingCount: h.ratingCount, fit: h.fit satisfies Fit,
  }));
}

/** The price to expect for each kind of support: from prices really paid in the area when enough people have paid them, else listed prices. */
export function priceGuide(areaSlug: string, kinds: string[]): PriceGuide[] {
  const paid = pricesPaidIn(areaSlug, kinds);
  return kinds.map((category) => {
    const categoryName = nameOf(categories, category);
    const forKind = paid.filter((p) => p.category === category);
    const unit = commonest(forKind.map((p) => p.unit));
    const sameUnit = forKind.filter((p) => p.unit === unit);
    if (unit && new Set(sameUnit.map((p) => p.buyerId)).size >= ENOUGH_PEOPLE) {
      return { category, categoryName, unit, source: "paid" as const, ...typicalRange(sameUnit.map((p) => p.unitPricePence))! };
    }
    const listed = pageListings({ categories: [category as never], area: areaSlug }, { page: 1, perPage: 500 }).listings
      .filter((l) => l.service.priceUnit !== "free" && l.service.pricePence > 0);
    const listedUnit = commonest(listed.map((l) => l.service.priceUnit));
    if (!listedUnit) return { category, categoryName, source: "none" as const };
    return { category, categoryName, unit: listedUnit, source: "listed" as const, ...typicalRange(listed.filter((l) => l.service.priceUnit === listedUnit).map((l) => l.service.pricePence))! };
  });
}

function commonest<T extends string>(values: T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** Everything on the starter pack page for this budget, near this town. */
export async function starterPack(account: BudgetAccount, townSlug: string | null) {
  const town = townFor(account, townSlug);
  const plan = planCategories(account);
  // Without a plan yet, the pack still shows the commonest kinds of support for a first look.
  const kinds = plan.categories.length ? plan.categories : ["personal-care", "help-at-home", "befriending"];
  const lines = plan.lines.length ? plan.lines : kinds.map((category) => ({ category, plannedPence: 0 }));
  return {
    town: { slug: town.slug, name: town.name }, area: findArea(account.areaSlug)!,
    planned: plan.planned, kinds: kinds.map((k) => nameOf(categories, k)),
    groups: communityGroups(town, kinds),
    suggestions: await suggestions(account, town, lines),
    prices: priceGuide(account.areaSlug, kinds),
  };
}
