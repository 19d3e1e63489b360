// What the dashboard's sections are built from: rows of the rollups for one area and range of
// months, read once per request, and the sets of people behind each slice of them. Person ids
// are used here only to count distinct people; no section returns them (figures.ts turns every
// set into a number).
import { db } from "../../db/client";
import { catchUpSearches } from "./rollups.server";
import { monthsBetween, type InsightsFilter } from "./filter";

export type SpendSum = { key: string; spend: number; visits: number };
export type ProviderSpend = { category: string; organisationId: number; kind: string; spend: number };
export type PriceRow = { month: string; category: string; unit: string; price: number; visits: number };
export type SearchCellRow = { month: string; category: string; town: string; searches: number; noResults: number; fewResults: number };

/** Distinct people under each key (a category, a town, a month), counted by SQLite. */
export class Counts {
  constructor(private readonly counts: Map<string, number> = new Map()) {}
  of(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  has(key: string) {
    return this.counts.has(key);
  }
  keys() {
    return [...this.counts.keys()];
  }
}

/** Months of the range as bits of each year: bit 0 is January. */
function rangeMasks(months: string[]) {
  const masks = new Map<number, number>();
  for (const m of months) {
    const y = Number(m.slice(0, 4));
    masks.set(y, (masks.get(y) ?? 0) | (1 << (Number(m.slice(5, 7)) - 1)));
  }
  return masks;
}

/** People behind the purchases (or declines) in range: by category, and for the chosen category (or all) by town, month and unit. */
export type People = {
  /** Everyone, in every category. */
  everyone: number;
  /** Everyone in the chosen category (or all). */
  total: number;
  byCategory: Counts;
  byTown: Counts;
  byMonth: Counts;
  /** Keyed `category|unit`. */
  byUnit: Counts;
  /** Keyed `category|unit|month`, for the chosen category only. (Months of purchases only; none for declines.) */
  byUnitMonth: Counts;
};

/** Sets of people under keys, for counting them exactly. */
class PeopleSets {
  readonly sets = new Map<string, Set<number>>();
  add(key: string, person: number) {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(person);
  }
  counts() {
    return new Counts(new Map([...this.sets].map(([k, s]) => [k, s.size])));
  }
}

/**
 * Distinct people in a rollup with a months mask per year: the range is a list of (year, mask)
 * pairs, and a row counts when its months meet the range's. The rows in range are read once from
 * the covering index and every grouping (everyone, by category, by town, by unit) is counted
 * from that one pass, exactly (one COUNT(DISTINCT) query per grouping read the same rows four or
 * five times; docs/benchmarks.md). Person ids stay in this function: only the counts leave it.
 */
function countPeople(table: "insight_buyer_years" | "insight_decline_years", area: string, months: string[], category: string | null, withUnits: boolean): People {
  const c = db.$client;
  const values = [...rangeMasks(months).entries()];
  const rows = c.prepare(`WITH r(year, mask) AS (VALUES ${values.map(() => "(?, ?)").join(", ")})
    SELECT b.category, b.town_slug, ${withUnits ? "b.unit" : "''"}, b.buyer_id FROM ${table} b JOIN r ON r.year = b.year AND (b.months_mask & r.mask) <> 0
    WHERE b.area_slug = ?`).raw().all(...values.flat(), area) as [string, string, string, number][];
  const everyone = new Set<number>();
  const total = new Set<number>();
  const byCategory = new PeopleSets();
  const byTown = new PeopleSets();
  const byUnit = new PeopleSets();
  for (const [cat, town, unit, person] of rows) {
    everyone.add(person);
    byCategory.add(cat, person);
    if (category && cat !== category) continue;
    total.add(person);
    byTown.add(town, person);
    if (withUnits) byUnit.add(`${cat}|${unit}`, person);
  }
  // Each month's people are counted exactly as visits are confirmed (insight_people_months).
  const monthly = (slice: string, key: (slice: string, month: string) => string) => new Counts(new Map(
    (c.prepare(`SELECT slice, month, people FROM insight_people_months WHERE area_slug = ? AND ${slice.endsWith("%") ? "slice LIKE ?" : "slice = ?"} AND month BETWEEN ? AND ?`)
      .raw().all(area, slice, months[0], months.at(-1)) as [string, string, number][]).map(([s, m, n]) => [key(s, m), n])));
  return {
    everyone: everyone.size,
    total: total.size,
    byCategory: byCategory.counts(),
    byTown: byTown.counts(),
    byMonth: withUnits ? monthly(category ? `category:${category}` : "all", (_, m) => m) : new Counts(),
    byUnit: byUnit.counts(),
    byUnitMonth: withUnits && category ? monthly(`unit:${category}|%`, (s, m) => `${s.slice(5)}|${m}`) : new Counts(),
  };
}

const once = <T>(load: () => T) => {
  let value: T | undefined;
  return () => (value ??= load());
};

export type Facts = ReturnType<typeof loadFacts>;

/** Lazily loaded: a section reads only what it needs, and each rollup is read once per request. */
export function loadFacts(area: string, filter: InsightsFilter) {
  const c = db.$client;
  const months = monthsBetween(filter.from, filter.to);
  const masks = rangeMasks(months);
  const range = [area, filter.from, filter.to] as const;
  const inCategory = <T extends { category: string }>(rows: T[]) => (filter.category ? rows.filter((r) => r.category === filter.category) : rows);
  const chosen = filter.category ? "AND category = ?" : "";
  const chosenArgs = filter.category ? [filter.category] : [];
  // Spend added up by SQLite over the covering index, to exactly what a table shows.
  const spendBy = (column: "category" | "month" | "town_slug", filtered: boolean) => () => c.prepare(`SELECT ${column} AS key, SUM(spend_pence) AS spend, SUM(visits) AS visits
    FROM insight_spend_months WHERE area_slug = ? AND month BETWEEN ? AND ? ${filtered ? chosen : ""} GROUP BY ${column}`).all(...range, ...(filtered ? chosenArgs : [])) as SpendSum[];
  return {
    area, filter, months,
    /** Spend in range by category, every category (for the area's category table). */
    spendByCategory: once(spendBy("category", false)),
    /** Spend in range in the chosen category (or all), by month and by town. */
    spendByMonth: once(spendBy("month", true)),
    spendByTown: once(spendBy("town_slug", true)),
    /** Spend in range in the chosen category (or all) by category and provider, for the market's shape. */
    providerSpend: once(() => c.prepare(`SELECT category, organisation_id AS organisationId, organisation_kind AS kind, SUM(spend_pence) AS spend
      FROM insight_spend_months WHERE area_slug = ? AND month BETWEEN ? AND ? ${chosen} GROUP BY category, organisation_id`).all(...range, ...chosenArgs) as ProviderSpend[]),
    buyers: once(() => countPeople("insight_buyer_years", area, months, filter.category, true)),
    /** Prices paid in range as a histogram per category and unit (months added together by SQLite). */
    prices: once(() => inCategory(c.prepare(`SELECT category, unit, price_pence AS price, SUM(visits) AS visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? GROUP BY category, unit, price_pence`).all(...range) as Omit<PriceRow, "month">[])),
    /** Prices paid by month, for the chosen category only (the trend). */
    priceTrend: once(() => (filter.category ? c.prepare(`SELECT month, category, unit, price_pence AS price, visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? AND category = ?`).all(...range, filter.category) as PriceRow[] : [])),
    declines: once(() => ({
      people: countPeople("insight_decline_years", area, months, filter.category, false),
      byCategory: new Map(c.prepare(`WITH r(year, mask) AS (VALUES ${[...masks.keys()].map(() => "(?, ?)").join(", ")})
        SELECT b.category, SUM(b.declines) FROM insight_decline_years b JOIN r ON r.year = b.year AND (b.months_mask & r.mask) <> 0
        WHERE b.area_slug = ? GROUP BY b.category`).raw().all(...[...masks.entries()].flat(), area) as [string, number][]),
    })),
    searches: once(() => {
      catchUpSearches();
      return inCategory(c.prepare(`SELECT month, category, town_slug AS town, searches, no_results AS noResults, few_results AS fewResults
        FROM insight_search_months WHERE area_slug = ? AND month BETWEEN ? AND ?`).all(...range) as SearchCellRow[]);
    }),
    /** Published priced listings in the area now: what providers ask. */
    listedPrices: once(() => inCategory(c.prepare(`SELECT s.category_slug AS category, s.price_unit AS unit, s.price_pence AS price
      FROM services s JOIN towns t ON t.slug = s.town_slug WHERE t.area_slug = ? AND s.status = 'published' AND s.price_unit <> 'free'`).all(area) as { category: string; unit: string; price: number }[])),
    /** Published listings in the area saying they have no places free now. */
    fullListings: once(() => inCategory(c.prepare(`SELECT s.category_slug AS category, s.organisation_id AS organisationId
      FROM services s JOIN towns t ON t.slug = s.town_slug WHERE t.area_slug = ? AND s.status = 'published' AND s.capacity_free = 0`).all(area) as { category: string; organisationId: number }[])),
    /** Public reviews of the area's services written in range (removed ones never count): stars and who wrote them, only to count people. */
    reviews: once(() => inCategory(c.prepare(`SELECT s.category_slug AS category, substr(r.submitted_at, 1, 7) AS month, r.overall, r.person_id AS personId
      FROM reviews r JOIN services s ON s.id = r.service_id JOIN towns t ON t.slug = s.town_slug
      WHERE t.area_slug = ? AND r.removed_at IS NULL AND r.publish_at <= ? AND substr(r.submitted_at, 1, 7) BETWEEN ? AND ?`)
      .all(area, new Date().toISOString(), filter.from, filter.to) as { category: string; month: string; overall: number; personId: number }[])),
    /** Members of groups (consortia) formed in range in the area, with the group's price and the price alone. */
    groupMembers: once(() => inCategory(c.prepare(`SELECT o.category, o.unit, c.id AS contractId, c.unit_price_pence AS groupPrice,
        o.individual_price_pence AS alonePrice, p.holder_id AS holderId
      FROM consortium_contracts c JOIN consortium_offers o ON o.id = c.offer_id JOIN consortium_pledges p ON p.contract_id = c.id
      WHERE o.area_slug = ? AND substr(c.committed_at, 1, 7) BETWEEN ? AND ?`)
      .all(...range) as { category: string; unit: string; contractId: number; groupPrice: number; alonePrice: number; holderId: number }[])),
    /** Looking-for posts and requests for quotes made in range in the area: what became of them, and who (only to count people). */
    requests: once(() => inCategory(c.prepare(`SELECT r.category, r.kind, r.status, r.person_id AS personId,
        EXISTS (SELECT 1 FROM request_offers o WHERE o.request_id = r.id) AS answered
      FROM support_requests r WHERE r.area_slug = ? AND substr(r.created_at, 1, 7) BETWEEN ? AND ?`)
      .all(...range) as { category: string; kind: string; status: string; personId: number; answered: number }[])),
    /** Budget accounts of the area's council running at some point in the range. */
    accounts: once(() => c.prepare(`SELECT b.arrangement, b.holder_id AS holderId, b.annual_allocation_pence AS annualPence,
        COALESCE(bb.balance_pence, 0) + COALESCE(cb.balance_pence, 0) AS heldPence
      FROM budget_accounts b
      LEFT JOIN ledger_accounts ba ON ba.code = 'budget:' || b.id LEFT JOIN ledger_balances bb ON bb.ledger_account_id = ba.id
      LEFT JOIN ledger_accounts ca ON ca.code = 'contingency:' || b.id LEFT JOIN ledger_balances cb ON cb.ledger_account_id = ca.id
      WHERE b.area_slug = ? AND b.status = 'active' AND b.starts_on <= ? AND (b.ends_on IS NULL OR b.ends_on >= ?)`)
      .all(area, `${filter.to}-31`, `${filter.from}-01`) as { arrangement: string; holderId: number; annualPence: number; heldPence: number }[]),
  };
}
