import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CategorySlug } from "../../app/directory/vocabulary";
import { users } from "./accounts";
import { budgetAccounts, supportPlans } from "./budgets";
import { localAuthorities, organisations, services, towns } from "./directory";
import { enquiries, orders, type Recurrence } from "./purchasing";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** "looking-for": a need in the person's words; "quotes": plan lines put out to providers for quotes. */
export type RequestKind = "looking-for" | "quotes";
/** Expiry is not a stored state: an open request whose `expiresAt` has passed reads as expired. */
export type RequestStatus = "open" | "closed" | "accepted";
export type OfferStatus = "open" | "accepted" | "declined" | "withdrawn" | "not-chosen";

// A request put out to providers: who it is for is kept here and never shown to a provider until
// the person accepts an offer (then only on the order). Providers see the category, the town,
// the words and the budget range.
export const supportRequests = sqliteTable("support_requests", {
  id: integer().primaryKey({ autoIncrement: true }),
  kind: text().$type<RequestKind>().notNull(),
  /** The person the support is for. */
  personId: integer().notNull().references(() => users.id),
  /** Who wrote it: the person, or a representative acting for them. */
  createdBy: integer().notNull().references(() => users.id),
  category: text().$type<CategorySlug>().notNull(),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  /** Town only: never a street or a full postcode. */
  townSlug: text().notNull().references(() => towns.slug),
  /** The need in the person's own words (for quotes: the outcomes and needs chosen from the plan). */
  description: text().notNull(),
  /** When, in the person's words: "Saturday mornings", "from March". */
  whenText: text().notNull(),
  budgetMinPence: integer(),
  budgetMaxPence: integer(),
  /** For quotes: the plan the lines came from, and its budget. */
  planId: integer().references(() => supportPlans.id),
  budgetAccountId: integer().references(() => budgetAccounts.id),
  status: text().$type<RequestStatus>().notNull().default("open"),
  expiresAt: text().notNull(),
  closedAt: text(),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [
  index("support_requests_person_idx").on(t.personId, t.id),
  // What providers read: open requests in their areas and categories.
  index("support_requests_open_idx").on(t.status, t.areaSlug, t.category, t.expiresAt),
  check("support_requests_budget", sql`(${t.budgetMinPence} IS NULL OR ${t.budgetMinPence} >= 0) AND (${t.budgetMaxPence} IS NULL OR ${t.budgetMaxPence} >= coalesce(${t.budgetMinPence}, 0))`),
]);

// A provider's answer to a request: one of their services at a price they name, and when. An
// accepted offer becomes an ordinary order (app/purchasing) at this price.
export const requestOffers = sqliteTable("request_offers", {
  id: integer().primaryKey({ autoIncrement: true }),
  requestId: integer().notNull().references(() => supportRequests.id),
  organisationId: integer().notNull().references(() => organisations.id),
  serviceId: integer().notNull().references(() => services.id),
  createdBy: integer().notNull().references(() => users.id),
  /** Price per unit of the service (its hour, session, day...), in pence. */
  unitPricePence: integer().notNull(),
  quantityHundredths: integer().notNull(),
  recurrence: text().$type<Recurrence>().notNull(),
  startsOn: text().notNull(),
  timeFrom: text(),
  timeTo: text(),
  message: text().notNull(),
  status: text().$type<OfferStatus>().notNull().default("open"),
  /** The question the person asked about this offer (an enquiry in app/purchasing). */
  enquiryId: integer().references(() => enquiries.id),
  /** The order an accepted offer became. */
  orderId: integer().references(() => orders.id),
  decidedAt: text(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("request_offers_request_idx").on(t.requestId, t.id),
  index("request_offers_organisation_idx").on(t.organisationId, t.id),
  // One live offer per organisation per request: a new price means withdrawing the old one.
  uniqueIndex("request_offers_one_open_idx").on(t.requestId, t.organisationId).where(sql`${t.status} = 'open'`),
  check("request_offers_amounts", sql`${t.unitPricePence} > 0 AND ${t.quantityHundredths} > 0`),
]);

// People who offer to be a peer supporter in an area: someone who has been through it too.
export const peerSupporters = sqliteTable("peer_supporters", {
  userId: integer().primaryKey().references(() => users.id),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  /** A few words about themselves, shown to the person they are introduced to. */
  about: text().notNull(),
  createdAt: text().notNull().default(now),
  withdrawnAt: text(),
  /** A moderator checked the offer (and each change to it): nobody is introduced before. */
  approvedAt: text(),
  approvedBy: integer().references(() => users.id),
  /** Why a moderator did not approve it, for the person to read. */
  declinedReason: text(),
}, (t) => [index("peer_supporters_area_idx").on(t.areaSlug, t.withdrawnAt)]);

export type PeerRequestStatus = "waiting" | "introduced";

// A person asking for a peer supporter; introduced to one in their area when one is free.
export const peerRequests = sqliteTable("peer_requests", {
  id: integer().primaryKey({ autoIncrement: true }),
  personId: integer().notNull().references(() => users.id),
  createdBy: integer().notNull().references(() => users.id),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  message: text().notNull(),
  status: text().$type<PeerRequestStatus>().notNull().default("waiting"),
  supporterId: integer().references(() => users.id),
  introducedAt: text(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("peer_requests_person_idx").on(t.personId),
  index("peer_requests_supporter_idx").on(t.supporterId),
  index("peer_requests_waiting_idx").on(t.areaSlug, t.status),
]);
