import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CategorySlug, PriceUnit } from "../../app/directory/vocabulary";
import { users } from "./accounts";
import { budgetAccounts, reservations } from "./budgets";
import { localAuthorities, organisations, services } from "./directory";
import { orders } from "./purchasing";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * proposed: a budget holder asked the provider for it, and the provider has not agreed yet; open:
 * taking pledges; committed: the group formed and its orders exist; lapsed: below the minimum at the
 * deadline; withdrawn: the organiser called it off (or the provider declined a proposal).
 */
export type GroupOfferStatus = "proposed" | "open" | "committed" | "lapsed" | "withdrawn";
/**
 * pledged: money set aside at the top price; waiting: on the waiting list, nothing set aside;
 * withdrawn: left before the group formed; member: in the formed group, with an order;
 * dropped: could not be honoured at commit (budget suspended, rule changed); released: the group
 * never formed; left: gave notice after it formed.
 */
export type PledgeStatus = "pledged" | "waiting" | "withdrawn" | "member" | "dropped" | "released" | "left";
/** A price each member pays per unit once the group has at least `members` people. */
export type PriceTier = { members: number; pricePence: number };

// A group offer: one service, bought together by several budget holders on one set of terms.
export const consortiumOffers = sqliteTable("consortium_offers", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceId: integer().notNull().references(() => services.id),
  organisationId: integer().notNull().references(() => organisations.id),
  /** Who opened it: the provider's staff, or a budget holder inviting the provider. */
  openedBy: integer().notNull().references(() => users.id),
  title: text().notNull(),
  description: text().notNull(),
  status: text().$type<GroupOfferStatus>().notNull().default("open"),
  /** Copied from the service when the offer opens, like an order's terms. */
  category: text().$type<CategorySlug>().notNull(),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  unit: text().$type<PriceUnit>().notNull(),
  /** The price each person pays alone, for comparison (pence per unit). */
  individualPricePence: integer().notNull(),
  /** Sorted by members ascending; the first tier's members is the minimum group size. */
  tiers: text({ mode: "json" }).$type<PriceTier[]>().notNull(),
  minMembers: integer().notNull(),
  maxMembers: integer().notNull(),
  /** Units each session, in hundredths (200 = two hours). */
  quantityHundredths: integer().notNull(),
  recurrence: text().$type<"weekly" | "fortnightly">().notNull(),
  timeFrom: text(),
  timeTo: text(),
  /** UTC instant after which no pledge is taken and the group forms or lapses. */
  pledgeDeadline: text().notNull(),
  startsOn: text().notNull(),
  termWeeks: integer().notNull(),
  noticeWeeks: integer().notNull(),
  closedAt: text(),
  closingReason: text(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("consortium_offers_service_idx").on(t.serviceId, t.status),
  index("consortium_offers_due_idx").on(t.status, t.pledgeDeadline),
  index("consortium_offers_area_idx").on(t.areaSlug, t.category, t.status),
  check("consortium_offers_sizes", sql`${t.minMembers} >= 2 AND ${t.maxMembers} >= ${t.minMembers} AND ${t.quantityHundredths} > 0 AND ${t.termWeeks} > 0 AND ${t.noticeWeeks} >= 0`),
]);

// The agreement a formed group signed: the price its size earned, and when it formed.
export const consortiumContracts = sqliteTable("consortium_contracts", {
  id: integer().primaryKey({ autoIncrement: true }),
  offerId: integer().notNull().references(() => consortiumOffers.id),
  organisationId: integer().notNull().references(() => organisations.id),
  membersAtStart: integer().notNull(),
  unitPricePence: integer().notNull(),
  startsOn: text().notNull(),
  endsOn: text().notNull(),
  committedAt: text().notNull(),
}, (t) => [
  uniqueIndex("consortium_contracts_offer_idx").on(t.offerId),
]);

// One budget holder's place in a group: first a pledge (money set aside at the top price), then
// an order of their own under the contract.
export const pledges = sqliteTable("consortium_pledges", {
  id: integer().primaryKey({ autoIncrement: true }),
  offerId: integer().notNull().references(() => consortiumOffers.id),
  /** The person the support is for. */
  holderId: integer().notNull().references(() => users.id),
  /** The person, or a representative acting for them. */
  pledgedBy: integer().notNull().references(() => users.id),
  budgetAccountId: integer().notNull().references(() => budgetAccounts.id),
  /** What other members see: a first name or a chosen name, never more. */
  displayName: text().notNull(),
  status: text().$type<PledgeStatus>().notNull(),
  reservationId: integer().references(() => reservations.id),
  reservedPence: integer().notNull().default(0),
  /** The member's order once the group formed. */
  orderId: integer().references(() => orders.id),
  contractId: integer().references(() => consortiumContracts.id),
  /** The most per unit the member agreed to pay (the group's tier when it formed, or a higher one they confirmed). */
  agreedPricePence: integer(),
  /** A higher price the group's new size earns, which this member pays only once they confirm it, and from when. */
  pendingPricePence: integer(),
  pendingFrom: text(),
  /** The last date a member who gave notice is in the group. */
  leavesOn: text(),
  statusReason: text(),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [
  index("consortium_pledges_offer_idx").on(t.offerId, t.status, t.id),
  index("consortium_pledges_holder_idx").on(t.holderId, t.status),
  // One live place per person in a group (pledged, waiting or member).
  uniqueIndex("consortium_pledges_one_live_idx").on(t.offerId, t.holderId).where(sql`${t.status} IN ('pledged', 'waiting', 'member')`),
]);

// What a group's members are told (formed, lapsed, someone left, a price change), shown on the offer page.
export const consortiumNotices = sqliteTable("consortium_notices", {
  id: integer().primaryKey({ autoIncrement: true }),
  offerId: integer().notNull().references(() => consortiumOffers.id),
  /** Null: every member; else one person. */
  holderId: integer().references(() => users.id),
  body: text().notNull(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("consortium_notices_offer_idx").on(t.offerId, t.id),
]);

// "Tell me when others near me want the same kind of support": opt-in, per category and area.
export const consortiumInterests = sqliteTable("consortium_interests", {
  id: integer().primaryKey({ autoIncrement: true }),
  holderId: integer().notNull().references(() => users.id),
  category: text().$type<CategorySlug>().notNull(),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  /** Shown to others who opted in for the same thing; nothing else about the person is. */
  displayName: text().notNull(),
  createdAt: text().notNull().default(now),
}, (t) => [
  uniqueIndex("consortium_interests_one_idx").on(t.holderId, t.category, t.areaSlug),
  index("consortium_interests_match_idx").on(t.category, t.areaSlug),
]);
