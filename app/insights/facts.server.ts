// What the dashboard's sections are built from: rows of the rollups for one area and range of
// months, read once per request, and the sets of people behind each slice of them. Person ids
// are used here only to count distinct people; no section returns them (figures.ts turns every
// set into a number).
import { db } from "../../db/client";
import { catchUpSearches } from "./rollups.server";
import { monthsBetween, type InsightsFilter } from "./filter";

export type SpendRow = { month: string; category: string; town: string; organisationId: number; kind: string; unit: string; arrangement: string; spend: number; visits: number; quantity: number };
export type PriceRow = { month: string; category: string; unit: string; price: number; visits: number };
export type SearchCellRow = { month: string; category: string; town: string; searches: number; noResults: number; fewResults: number };
type MaskRow = { year: number; category: string; town: string; unit?: string; buyerId: number; mask: number; declines?: number };

/** Distinct ids under a key, added to one at a time. */
export class Tally {
  readonly sets = new Map<string, Set<number>>();
  add(key: string, id: number) {
    let s = this.sets.get(key);
    if (!s) this.sets.set(key, (s = new Set()));
    s.add(id);
  }
  of(key: string): ReadonlySet<number> {
    return this.sets.get(key) ?? new Set();
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
  total: ReadonlySet<number>;
  byCategory: Tally;
  byTown: Tally;
  byMonth: Tally;
  /** Keyed `category|unit`. */
  byUnit: Tally;
  /** Keyed `category|unit|month`, for the chosen category only. */
  byUnitMonth: Tally;
};

function tallyPeople(rows: MaskRow[], masks: Map<number, number>, category: string | null): People {
  const p: People = { total: new Set(), byCategory: new Tally(), byTown: new Tally(), byMonth: new Tally(), byUnit: new Tally(), byUnitMonth: new Tally() };
  for (const r of rows) {
    const mask = r.mask & (masks.get(r.year) ?? 0);
    if (!mask) continue;
    p.byCategory.add(r.category, r.buyerId);
    if (category && r.category !== category) continue;
    (p.total as Set<number>).add(r.buyerId);
    p.byTown.add(r.town, r.buyerId);
    p.byUnit.add(`${r.category}|${r.unit}`, r.buyerId);
    for (let b = 0; b < 12; b++) {
      if (!(mask & (1 << b))) continue;
      const month = `${r.year}-${String(b + 1).padStart(2, "0")}`;
      p.byMonth.add(month, r.buyerId);
      if (category) p.byUnitMonth.add(`${r.category}|${r.unit}|${month}`, r.buyerId);
    }
  }
  return p;
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
  const years = [Number(filter.from.slice(0, 4)), Number(filter.to.slice(0, 4))] as const;
  const range = [area, filter.from, filter.to] as const;
  const inCategory = <T extends { category: string }>(rows: T[]) => (filter.category ? rows.filter((r) => r.category === filter.category) : rows);
  const allSpend = once(() => c.prepare(`SELECT month, category, town_slug AS town, organisation_id AS organisationId, organisation_kind AS kind, unit, arrangement,
      spend_pence AS spend, visits, quantity_hundredths AS quantity FROM insight_spend_months WHERE area_slug = ? AND month BETWEEN ? AND ?`).all(...range) as SpendRow[]);
  return {
    area, filter, months,
    /** Spend in range, in every category (for the area's category table). */
    allSpend,
    /** Spend in range in the chosen category (or all). */
    spend: once(() => inCategory(allSpend())),
    buyers: once(() => tallyPeople(c.prepare(`SELECT year, category, town_slug AS town, unit, buyer_id AS buyerId, months_mask AS mask
      FROM insight_buyer_years WHERE area_slug = ? AND year BETWEEN ? AND ?`).all(area, ...years) as MaskRow[], masks, filter.category)),
    /** Prices paid in range as a histogram per category and unit (months added together by SQLite). */
    prices: once(() => inCategory(c.prepare(`SELECT category, unit, price_pence AS price, SUM(visits) AS visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? GROUP BY category, unit, price_pence`).all(...range) as Omit<PriceRow, "month">[])),
    /** Prices paid by month, for the chosen category only (the trend). */
    priceTrend: once(() => (filter.category ? c.prepare(`SELECT month, category, unit, price_pence AS price, visits FROM insight_price_months
      WHERE area_slug = ? AND month BETWEEN ? AND ? AND category = ?`).all(...range, filter.category) as PriceRow[] : [])),
    declines: once(() => {
      const rows = c.prepare(`SELECT year, category, town_slug AS town, buyer_id AS buyerId, months_mask AS mask, declines
        FROM insight_decline_years WHERE area_slug = ? AND year BETWEEN ? AND ?`).all(area, ...years) as MaskRow[];
      return { people: tallyPeople(rows, masks, filter.category), rows: inCategory(rows).filter((r) => r.mask & (masks.get(r.year) ?? 0)) };
    }),
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
