import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Commissioners' rollups (app/insights). Kept up to date in the same transaction as the order
// move they count (spend on confirmation, declines on declining), or by a catch-up from a
// watermark for the append-only search log; verifyRollups() compares them with a recomputation.
// The grain is the month: commissioners read months, and distinct people cannot be added up
// across days anyway (docs/decisions/009-insights.md).

/** Confirmed spend: what buyers were charged, by where and from whom it was bought. */
export const insightSpendMonths = sqliteTable("insight_spend_months", {
  areaSlug: text().notNull(),
  month: text().notNull(),
  category: text().notNull(),
  townSlug: text().notNull(),
  organisationId: integer().notNull(),
  organisationKind: text().notNull(),
  unit: text().notNull(),
  /** How it was paid for: the budget's arrangement, or self-funded for a card payment. */
  arrangement: text().notNull(),
  spendPence: integer().notNull(),
  visits: integer().notNull(),
  quantityHundredths: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.areaSlug, t.month, t.category, t.townSlug, t.organisationId, t.unit, t.arrangement] }),
  // Covering: the dashboard reads a range of months from the index alone, never the table.
  index("insight_spend_months_read_idx").on(t.areaSlug, t.month, t.category, t.townSlug, t.organisationId, t.organisationKind, t.spendPence, t.visits),
]);

/**
 * Who bought, as a number only: one row per person, year and (category, town, unit), with a bit
 * for each month they bought in. Distinct people over any range of months are counted from it;
 * no dashboard query returns the buyer column.
 */
export const insightBuyerYears = sqliteTable("insight_buyer_years", {
  areaSlug: text().notNull(),
  year: integer().notNull(),
  category: text().notNull(),
  townSlug: text().notNull(),
  unit: text().notNull(),
  buyerId: integer().notNull(),
  /** Bit 0 is January. */
  monthsMask: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.areaSlug, t.year, t.category, t.townSlug, t.unit, t.buyerId] }),
  index("insight_buyer_years_read_idx").on(t.areaSlug, t.year, t.category, t.townSlug, t.unit, t.buyerId, t.monthsMask),
  // Is this person already counted this month? (one lookup when a visit is confirmed)
  index("insight_buyer_years_buyer_idx").on(t.areaSlug, t.buyerId, t.year, t.category, t.unit, t.monthsMask),
]);

/**
 * Distinct people buying each month, exactly, for a slice: "all", "category:<slug>" or
 * "unit:<category>|<unit>". Months are where most charts are; counting them from the masks on
 * every request was the slowest part of the dashboard.
 */
export const insightPeopleMonths = sqliteTable("insight_people_months", {
  areaSlug: text().notNull(),
  month: text().notNull(),
  slice: text().notNull(),
  people: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.areaSlug, t.slice, t.month] })]);

/** Prices actually paid per unit (charged / delivered), as a histogram so quartiles are exact. */
export const insightPriceMonths = sqliteTable("insight_price_months", {
  areaSlug: text().notNull(),
  month: text().notNull(),
  category: text().notNull(),
  unit: text().notNull(),
  pricePence: integer().notNull(),
  visits: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.areaSlug, t.month, t.category, t.unit, t.pricePence] }),
  index("insight_price_months_read_idx").on(t.areaSlug, t.month, t.category, t.unit, t.pricePence, t.visits),
]);

/** Order requests a provider declined (the reasons are free text, so only counted here). */
export const insightDeclineYears = sqliteTable("insight_decline_years", {
  areaSlug: text().notNull(),
  year: integer().notNull(),
  category: text().notNull(),
  townSlug: text().notNull(),
  buyerId: integer().notNull(),
  monthsMask: integer().notNull(),
  declines: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.areaSlug, t.year, t.category, t.townSlug, t.buyerId] }),
  index("insight_decline_years_read_idx").on(t.areaSlug, t.year, t.category, t.townSlug, t.buyerId, t.monthsMask, t.declines),
]);

// Declined requests by their main reason (a fixed list), with the people behind them, so reasons
// are counted and withheld like everything else and nobody's own words are read.
export const insightDeclineReasonYears = sqliteTable("insight_decline_reason_years", {
  areaSlug: text().notNull(),
  year: integer().notNull(),
  category: text().notNull(),
  reason: text().notNull(),
  buyerId: integer().notNull(),
  monthsMask: integer().notNull(),
  declines: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.areaSlug, t.year, t.category, t.reason, t.buyerId] })]);


/** Anonymous searches by the category asked for ("any" when none or several) and town. */
export const insightSearchMonths = sqliteTable("insight_search_months", {
  areaSlug: text().notNull(),
  month: text().notNull(),
  category: text().notNull(),
  townSlug: text().notNull(),
  searches: integer().notNull(),
  noResults: integer().notNull(),
  fewResults: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.areaSlug, t.month, t.category, t.townSlug] }), index("insight_search_months_area_idx").on(t.areaSlug, t.month)]);

/** How far a catch-up job has read an append-only table (by row id). */
export const insightWatermarks = sqliteTable("insight_watermarks", {
  name: text().primaryKey(),
  lastId: integer().notNull(),
  updatedAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
