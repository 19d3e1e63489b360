// What the dashboard's sections are built from: rows of the rollups for one area and range of
// months, read once per request, and the sets of people behind each slice of them. Person ids
// are used here only to count distinct people; no section returns them (figures.ts turns every
// set into a number).
import { db } from "../../db/client";
import { catchUpLedger, catchUpSearches } from "./rollups.server";
import { monthsBetween, type InsightsFilter } from "./filter";
import { entryOf, groupBy } from "./group";

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
  /** Every category, whatever is chosen: keyed `category|unit`; `category|town`, and by town for all categories. */
  byUnitAll: Counts;
  byCategoryTown: Counts;
  byTownAll: Counts;
  /** Every category, whatever is chosen: keyed `category|month`, and by month for all categories. (Purchases only.) */
  byCategoryMonth: Counts;
  byMonthAll: Counts;
};

/**
 * Distinct people under each key, exactly: a bit per person id for each key, and a count of the
 * bits set.
 */
class PeopleSets {
  private readonly bits = new Map<string, Uint32Array>();
  private readonly counts = new Map<string, number>();
  constructor(private readonly words: number) {}
  add(key: string, people: number[]) {
    let bits = this.bits.get(key);
    if (!bits) this.bits.set(key, (bits = new Uint32Array(this.words)));
    let n = this.counts.get(key) ?? 0;
    for (const id of people) {
      const bit = 1 << (id & 31);
      if ((bits[id >>> 5]! & bit) === 0) {
        bits[id >>> 5]! |= bit;
        n++;
      }
    }
    this.counts.set(key, n);
  }
  of(key: string) {
    return this.counts.get(key) ?? 0;
  }
  toCounts() {
    return new Counts(new Map(this.counts));
  }
}

/**
 * Distinct people in a rollup with a months mask per year: a row counts when its months meet the
 * range's (a mask per year of the range). One pass over the covering index, in its order, hands
 * back the people of each (year, category, town, unit) as a JSON array (a few hundred rows a
 * year, not one row per person), and every grouping (everyone, by category, by town, by unit) is
 * counted from that pass, exactly. One COUNT(DISTINCT) query per grouping read and sorted the
 * same rows four or five times (docs/benchmarks.md). Person ids stay in this function.
 */
function countPeople(cache: FactsCache, table: "insight_buyer_years" | "insight_decline_years", area: string, months: string[], category: string | null, withUnits: boolean): People {
  const read = reader(cache);
  const masks = [...rangeMasks(months).entries()];
  const years = masks.map(([y]) => y);
  const unit = withUnits ? "b.unit" : "''";
  const groups = read(`SELECT b.category, b.town_slug, ${unit}, json_group_array(b.buyer_id) FROM ${table} b
    WHERE b.area_slug = ? AND b.year BETWEEN ? AND ? AND (b.months_mask & CASE b.year ${masks.map(() => "WHEN ? THEN ?").join(" ")} ELSE 0 END) <> 0
    GROUP BY b.year, b.category, b.town_slug, ${unit}`, [area, Math.min(...years), Math.max(...years), ...masks.flat()], true) as [string, string, string, string][];
  const people = entryOf(cache, groups, () => groups.map(([cat, town, u, ids]) => ({ cat, town, unit: u, ids: JSON.parse(ids) as number[] }))) as
    { cat: string; town: string; unit: string; ids: number[] }[];
  const words = (people.reduce((max, g) => g.ids.reduce((m, id) => (id > m ? id : m), max), 0) >>> 5) + 1;
  const all = new PeopleSets(words);
  const byCategory = new PeopleSets(words);
  const byTown = new PeopleSets(words);
  const byUnit = new PeopleSets(words);
  const byCategoryTown = new PeopleSets(words);
  const byTownAll = category ? new PeopleSets(words) : byTown;
  const byUnitAll = category && withUnits ? new PeopleSets(words) : byUnit;
  for (const g of people) {
    all.add("everyone", g.ids);
    byCategory.add(g.cat, g.ids);
    byCategoryTown.add(`${g.cat}|${g.town}`, g.ids);
    if (category) byTownAll.add(g.town, g.ids);
    if (category && withUnits) byUnitAll.add(`${g.cat}|${g.unit}`, g.ids);
    if (category && g.cat !== category) continue;
    all.add("chosen", g.ids);
    byTown.add(g.town, g.ids);
    if (withUnits) byUnit.add(`${g.cat}|${g.unit}`, g.ids);
  }
  // Each month's people are counted exactly as visits are confirmed (insight_people_months).
  const monthly = (slice: string, key: (slice: string, month: string) => string) => new Counts(new Map(
    (read(`SELECT slice, month, people FROM insight_people_months WHERE area_slug = ? AND ${slice.endsWith("%") ? "slice LIKE ?" : "slice = ?"} AND month BETWEEN ? AND ?`, [area, slice, months[0], months.at(-1)], true) as [string, string, number][]).map(([s, m, n]) => [key(s, m), n])));
  const byMonth = withUnits ? monthly(category ? `category:${category}` : "all", (_, m) => m) : new Counts();
  return {
    everyone: all.of("everyone"),
    total: all.of("chosen"),
    byCategory: byCategory.toCounts(),
    byTown: byTown.toCounts(),
    byMonth,
    byUnit: byUnit.toCounts(),
    byUnitMonth: withUnits && category ? monthly(`unit:${category}|%`, (s, m) => `${s.slice(5)}|${m}`) : new Counts(),
    byUnitAll: byUnitAll.toCounts(),
    byCategoryTown: byCategoryTown.toCounts(),
    byTownAll: byTownAll.toCounts(),
    byCategoryMonth: withUnits ? monthly("category:%", (s, m) => `${s.slice(9)}|${m}`) : new Counts(),
    byMonthAll: withUnits && category ? monthly("all", (_, m) => m) : byMonth,
  };
}

/**
 * What a dashboard has read, by SQL and arguments. Dashboards built with one cache share every
 * read that does not depend on the chosen category: the market position builds one for the area
 * and one per category from the same reads.
 */
export type FactsCache = Map<unknown, unknown>;

function reader(cache: FactsCache) {
  const c = db.$client;
  return (sql: string, args: unknown[], raw = false): unknown[] => entryOf(cache, `${raw ? "raw" : "rows"}|${sql}|${JSON.stringify(args)}`, () => {
    const statement = c.prepare(sql);
    return raw ? statement.raw().all(...args) : statement.all(...args);
  }) as unknown[];
}

const once = <T>(load: () => T) => {
  let value: T | undefined;
  return () => (value ??= load());
};

export type Facts = ReturnType<typeof loadFacts>;

/** Lazily loaded: a section reads only what it needs, and each rollup is read once per request. */
export function loadFacts(area: string, filter: InsightsFilter, cache: FactsCache = new Map()) {
  const read = reader(cache);
  // Spend recorded on budgets outside orders (ISF hours, direct-payment spending) since the last read.
  catchUpLedger();
  const months = monthsBetween(filter.from, filter.to);
  const masks = rangeMasks(months);
  const range = [area, filter.from, filter.to] as const;
  const inCategory = <T extends { category: string }>(rows: T[]) => (filter.category ? rows.filter((r) => r.category === filter.category) : rows);
  const chosenArgs = filter.category ? [filter.category] : [];
  // Spend added up by SQLite over the covering index in its own order (month, category, town:
  // no sorting, a few thousand cells), once; the category, month and town tables add the cells up.
  const spendCells = once(() => read(`SELECT month, category, town_slug, SUM(spend_pence), SUM(visits)
    FROM insight_spend_months WHERE area_slug = ? AND month BETWEEN ? AND ? GROUP BY month, category, town_slug`, [...range], true) as [string, string, string, number, number][]);
  const spendBy = (by: 0 | 1 | 2, filtered: boolean) => () => {
    const sums = new Map<string, SpendSum>();
    for (const cell of spendCells()) {
      if (filtered && filter.category && cell[1] !== filter.category) continue;
      const sum = entryOf(sums, cell[by], () => ({ key: cell[by], spend: 0, visits: 0 }));
      sum.spend += cell[3];
      sum.visits += cell[4];
    }
    return [...sums.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
    // Spend in range by category and provider, every category (added up first in the index's order,
  // by month, category, town and provider, so that only those sums are sorted: a third less time).
  const providerSpendAll = once(() => read(`SELECT category, organisation_id AS organisationId, organisation_kind AS kind, SUM(spend) AS spend
    FROM (SELECT category, organisation_id, organisation_kind, SUM(spend_pence) AS spend FROM insight_spend_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? GROUP BY month, category, town_slug, organisation_id)
    GROUP BY category, organisation_id`, [...range]) as ProviderSpend[]);
  // Declined requests in range by category and main reason, read once: how many, and who (person
  // ids, only to count distinct people for each grouping below; they go no further).
  const declineReasonRows = once(() => (read(`WITH r(year, mask) AS (VALUES ${[...masks.keys()].map(() => "(?, ?)").join(", ")})
      SELECT b.category, b.reason, SUM(b.declines), json_group_array(DISTINCT b.buyer_id) FROM insight_decline_reason_years b
      JOIN r ON r.year = b.year AND (b.months_mask & r.mask) <> 0 WHERE b.area_slug = ? GROUP BY b.category, b.reason`, [...[...masks.entries()].flat(), area], true) as [string, string, number, string][])
    .map(([category, reason, declines, ids]) => ({ category, reason, declines, people: JSON.parse(ids) as number[] })));
  const distinctPeople = (rows: { people: number[] }[]) => new Set(rows.flatMap((r) => r.people)).size;
  /** Searches in range in the area, every category (the pattern across filters reads them all). */
  const allSearches = once(() => {
    catchUpSearches();
    return read(`SELECT month, category, town_slug AS town, searches, no_results AS noResults, few_results AS fewResults
      FROM insight_search_months WHERE area_slug = ? AND month BETWEEN ? AND ?`, [...range]) as SearchCellRow[];
  });
  /** Public reviews of the area's services written in range (removed ones never count): stars and who wrote them, only to count people. */
  const allReviews = once(() => read(`SELECT s.category_slug AS category, substr(r.submitted_at, 1, 7) AS month, r.overall, r.person_id AS personId
    FROM reviews r JOIN services s ON s.id = r.service_id JOIN towns t ON t.slug = s.town_slug
    WHERE t.area_slug = ? AND r.removed_at IS NULL AND r.publish_at <= ? AND substr(r.submitted_at, 1, 7) BETWEEN ? AND ?`, [area, new Date().toISOString(), filter.from, filter.to]) as { category: string; month: string; overall: number; personId: number }[]);
  return {
    area, filter, months,
    /** Spend in range by category, every category (for the area's category table). */
    spendByCategory: once(spendBy(1, false)),
    /** Spend in range in the chosen category (or all), by month and by town. */
    spendByMonth: once(spendBy(0, true)),
    spendByTown: once(spendBy(2, true)),
    /** Spend in range in the chosen category (or all) by category and provider, for the market's shape. */
    providerSpend: once(() => inCategory(providerSpendAll())),
    /** Who was paid in range (organisation ids; 0 is spending paid directly, with no provider), every category whatever is chosen: for the pattern across filters. */
    payees: once(() => {
      const sets = { all: new Set<number>(), byCategory: new Map<string, Set<number>>(), byKind: new Map<string, Set<number>>(), byCategoryKind: new Map<string, Set<number>>() };
      const into = (map: Map<string, Set<number>>, key: string, id: number) => entryOf(map, key, () => new Set<number>()).add(id);
      for (const r of providerSpendAll()) {
        sets.all.add(r.organisationId);
        into(sets.byCategory, r.category, r.organisationId);
        into(sets.byKind, r.kind, r.organisationId);
        into(sets.byCategoryKind, `${r.category}|${r.kind}`, r.organisationId);
      }
      return sets;
    }),
    buyers: once(() => countPeople(cache, "insight_buyer_years", area, months, filter.category, true)),
    /** Prices paid in range as a histogram per category and unit (months added together by SQLite). */
    prices: once(() => inCategory(read(`SELECT category, unit, price_pence AS price, SUM(visits) AS visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? GROUP BY category, unit, price_pence`, [...range]) as Omit<PriceRow, "month">[])),
    /** Prices paid by month, for the chosen category only (the trend). */
    priceTrend: once(() => (filter.category ? read(`SELECT month, category, unit, price_pence AS price, visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? AND category = ?`, [...range, filter.category]) as PriceRow[] : [])),
    declines: once(() => ({
      people: countPeople(cache, "insight_decline_years", area, months, filter.category, false),
      byCategory: new Map(read(`WITH r(year, mask) AS (VALUES ${[...masks.keys()].map(() => "(?, ?)").join(", ")})
        SELECT b.category, SUM(b.declines) FROM insight_decline_years b JOIN r ON r.year = b.year AND (b.months_mask & r.mask) <> 0
        WHERE b.area_slug = ? GROUP BY b.category`, [...[...masks.entries()].flat(), area], true) as [string, number][]),
    })),
    /** Declined requests in range by their main reason (a fixed list), for the chosen category (or all), with distinct people. */
    declineReasons: once(() => {
      const byReason = groupBy(declineReasonRows().filter((r) => !filter.category || r.category === filter.category), (r) => r.reason);
      return [...byReason].map(([reason, rows]) => ({ reason, declines: rows.reduce((n, r) => n + r.declines, 0), people: distinctPeople(rows) }));
    }),
    /** Distinct people behind declined requests in range by category and main reason, every category (for the pattern across filters). */
    declineReasonPeople: once(() => declineReasonRows().map((r) => ({ category: r.category, reason: r.reason, people: r.people.length }))),
    /** Distinct people behind declined requests in range by main reason, all categories. */
    declineReasonPeopleAll: once(() => [...groupBy(declineReasonRows(), (r) => r.reason)].map(([reason, rows]) => ({ reason, people: distinctPeople(rows) }))),
    allSearches,
    searches: once(() => inCategory(allSearches())),
    /** Published priced listings in the area now: what providers ask. */
    listedPrices: once(() => inCategory(read(`SELECT s.category_slug AS category, s.price_unit AS unit, s.price_pence AS price
      FROM services s JOIN towns t ON t.slug = s.town_slug WHERE t.area_slug = ? AND s.status = 'published' AND s.price_unit <> 'free'`, [area]) as { category: string; unit: string; price: number }[])),
    /** Published listings in the area saying they have no places free now. */
    fullListings: once(() => inCategory(read(`SELECT s.category_slug AS category, s.organisation_id AS organisationId
      FROM services s JOIN towns t ON t.slug = s.town_slug WHERE t.area_slug = ? AND s.status = 'published' AND s.capacity_free = 0`, [area]) as { category: string; organisationId: number }[])),
    allReviews,
    /** Public reviews of the chosen category (or all). */
    reviews: once(() => inCategory(allReviews())),
    /** Members of groups (consortia) formed in range in the area, with the group's price and the price alone. */
    groupMembers: once(() => inCategory(read(`SELECT o.category, o.unit, c.id AS contractId, c.unit_price_pence AS groupPrice,
        o.individual_price_pence AS alonePrice, p.holder_id AS holderId
      FROM consortium_contracts c JOIN consortium_offers o ON o.id = c.offer_id JOIN consortium_pledges p ON p.contract_id = c.id
      WHERE o.area_slug = ? AND substr(c.committed_at, 1, 7) BETWEEN ? AND ?`, [...range]) as { category: string; unit: string; contractId: number; groupPrice: number; alonePrice: number; holderId: number }[])),
    /** People on the waiting list of a group offer in the area (unmet demand), as the lists stand now. */
    waiting: once(() => inCategory(read(`SELECT o.category, o.id AS offerId, p.holder_id AS holderId
      FROM consortium_pledges p JOIN consortium_offers o ON o.id = p.offer_id
      WHERE o.area_slug = ? AND p.status = 'waiting'`, [area]) as { category: string; offerId: number; holderId: number }[])),
    /** Looking-for posts and requests for quotes made in range in the area: what became of them, and who (only to count people). */
    requests: once(() => inCategory(read(`SELECT r.category, r.kind, r.status, r.person_id AS personId,
        EXISTS (SELECT 1 FROM request_offers o WHERE o.request_id = r.id) AS answered
      FROM support_requests r WHERE r.area_slug = ? AND substr(r.created_at, 1, 7) BETWEEN ? AND ?`, [...range]) as { category: string; kind: string; status: string; personId: number; answered: number }[])),
    /** Budget accounts of the area's council running at some point in the range. */
    accounts: once(() => read(`SELECT b.arrangement, b.holder_id AS holderId, b.annual_allocation_pence AS annualPence,
        COALESCE(bb.balance_pence, 0) + COALESCE(cb.balance_pence, 0) AS heldPence
      FROM budget_accounts b
      LEFT JOIN ledger_accounts ba ON ba.code = 'budget:' || b.id LEFT JOIN ledger_balances bb ON bb.ledger_account_id = ba.id
      LEFT JOIN ledger_accounts ca ON ca.code = 'contingency:' || b.id LEFT JOIN ledger_balances cb ON cb.ledger_account_id = ca.id
      WHERE b.area_slug = ? AND b.status = 'active' AND b.starts_on <= ? AND (b.ends_on IS NULL OR b.ends_on >= ?)`, [area, `${filter.to}-31`, `${filter.from}-01`]) as { arrangement: string; holderId: number; annualPence: number; heldPence: number }[]),
  };
}
