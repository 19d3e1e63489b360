import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type {
  AccessibilityFeature, CategorySlug, CqcRating, Day, DeliveryMode, OrganisationKind, PaymentRoute, PriceUnit,
} from "../../app/directory/vocabulary";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// Reference data, upserted from app/directory/{vocabulary,region}.ts by `npm run db:migrate`.
export const localAuthorities = sqliteTable("local_authorities", {
  slug: text().primaryKey(),
  name: text().notNull(),
});

export const towns = sqliteTable("towns", {
  slug: text().primaryKey(),
  name: text().notNull(),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  lat: real().notNull(),
  lng: real().notNull(),
});

export const categories = sqliteTable("categories", {
  slug: text().$type<CategorySlug>().primaryKey(),
  name: text().notNull(),
  blurb: text().notNull(),
  position: integer().notNull(),
});

export type OrganisationStatus = "pending" | "published" | "declined" | "withdrawn";

export const organisations = sqliteTable("organisations", {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  kind: text().$type<OrganisationKind>().notNull(),
  description: text().notNull(),
  phone: text(),
  email: text(),
  website: text(),
  addressLine: text(),
  townSlug: text().notNull().references(() => towns.slug),
  postcode: text(),
  lat: real().notNull(),
  lng: real().notNull(),
  areaServed: text().notNull(),
  staffCount: integer(),
  cqcLocationId: text(),
  cqcRating: text().$type<CqcRating>(),
  cqcRatingDate: text(),
  // "Registered" or "Deregistered", as the CQC care directory last said; null until it was read.
  cqcRegistrationStatus: text(),
  // When the CQC facts above were last taken from the CQC care directory (the page cites it);
  // null when they came from the provider or an earlier import.
  cqcCheckedAt: text(),
  dbsChecked: integer({ mode: "boolean" }).notNull().default(false),
  insured: integer({ mode: "boolean" }).notNull().default(false),
  safeguardingTrained: integer({ mode: "boolean" }).notNull().default(false),
  // Registration facts a provider states; shown as "stated by the provider" until a moderator verifies them.
  charityNumber: text(),
  companyNumber: text(),
  insuranceExpiresOn: text(),
  // A provider's new organisation is "pending" until a moderator checks it (app/directory/organisation-checks.server.ts):
  // nothing of it is public before. Imported and suggested ones were checked on the way in.
  status: text().$type<OrganisationStatus>().notNull().default("published"),
  /** Why a moderator declined it (the provider reads this). */
  statusReason: text(),
  checkedBy: integer(),
  checkedAt: text(),
  // The organisation's id in the directory it was imported from (an Open Referral organization id),
  // so importing the same data again updates it instead of adding a copy.
  externalId: text(),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
}, (t) => [
  index("organisations_town_idx").on(t.townSlug),
  uniqueIndex("organisations_external_id_idx").on(t.externalId).where(sql`${t.externalId} IS NOT NULL`),
  index("organisations_cqc_location_idx").on(t.cqcLocationId),
  // The CQC import matches organisations by postcode.
  index("organisations_postcode_idx").on(t.postcode),
  // The moderators' queue of new organisations, oldest first.
  index("organisations_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
]);

export type Availability = { day: Day; from: string; to: string };
export type ServiceStatus = "draft" | "published" | "withdrawn";

export const services = sqliteTable("services", {
  id: integer().primaryKey({ autoIncrement: true }),
  organisationId: integer().notNull().references(() => organisations.id),
  name: text().notNull(),
  categorySlug: text().$type<CategorySlug>().notNull().references(() => categories.slug),
  description: text().notNull(),
  pricePence: integer().notNull(),
  priceUnit: text().$type<PriceUnit>().notNull(),
  deliveryModes: text({ mode: "json" }).$type<DeliveryMode[]>().notNull(),
  availability: text({ mode: "json" }).$type<Availability[]>().notNull(),
  capacityFree: integer(),
  accessibility: text({ mode: "json" }).$type<AccessibilityFeature[]>().notNull(),
  languages: text({ mode: "json" }).$type<string[]>().notNull(),
  paymentRoutes: text({ mode: "json" }).$type<PaymentRoute[]>().notNull(),
  townSlug: text().notNull().references(() => towns.slug),
  postcode: text(),
  lat: real().notNull(),
  lng: real().notNull(),
  radiusMiles: integer().notNull(),
  // A provider's new service is a draft until they publish it; unpublishing withdraws it.
  status: text().$type<ServiceStatus>().notNull().default("published"),
  // The service's id in the directory it was imported from (an Open Referral service id).
  externalId: text(),
  createdAt: text().notNull().default(now),
  // "Checked N days ago": the last time the provider confirmed the listing is right.
  updatedAt: text().notNull().default(now),
}, (t) => [
  index("services_organisation_idx").on(t.organisationId),
  index("services_category_idx").on(t.categorySlug),
  index("services_town_idx").on(t.townSlug),
  uniqueIndex("services_external_id_idx").on(t.externalId).where(sql`${t.externalId} IS NOT NULL`),
]);

// A small local service someone told us about; public only once a moderator approves it.
export const suggestions = sqliteTable("suggestions", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceName: text().notNull(),
  organisationName: text(),
  categorySlug: text().$type<CategorySlug>().notNull().references(() => categories.slug),
  description: text().notNull(),
  townSlug: text().notNull().references(() => towns.slug),
  postcode: text(),
  deliveryModes: text({ mode: "json" }).$type<DeliveryMode[]>().notNull(),
  days: text({ mode: "json" }).$type<Day[]>().notNull(),
  contactPhone: text(),
  contactWebsite: text(),
  // The suggester's own email, only so a moderator can ask a question; never published.
  suggesterEmail: text(),
  status: text().$type<"pending" | "approved" | "rejected">().notNull().default("pending"),
  createdAt: text().notNull().default(now),
  reviewedAt: text(),
  reviewedBy: integer(),
  reviewNote: text(),
  /** The listing an approved suggestion became. */
  serviceId: integer().references(() => services.id),
}, (t) => [index("suggestions_status_idx").on(t.status, t.createdAt), index("suggestions_service_idx").on(t.serviceId)]);

export const vettingFacts = ["cqc-registration", "charity-number", "company-number", "dbs-checked", "insurance", "safeguarding-training"] as const;
export type VettingFact = (typeof vettingFacts)[number];

// A vetting fact a provider claims. It shows as "stated by the provider" until a moderator
// verifies it; verified, it becomes the organisation's fact.
export const vettingClaims = sqliteTable("vetting_claims", {
  id: integer().primaryKey({ autoIncrement: true }),
  organisationId: integer().notNull().references(() => organisations.id),
  fact: text().$type<VettingFact>().notNull(),
  /** The reference claimed (CQC location id, charity or company number), when the fact has one. */
  value: text(),
  /** For insurance: when the policy ends. */
  expiresOn: text(),
  status: text().$type<"claimed" | "verified" | "rejected">().notNull().default("claimed"),
  claimedBy: integer().notNull(),
  claimedAt: text().notNull().default(now),
  reviewedBy: integer(),
  reviewedAt: text(),
  reason: text(),
}, (t) => [index("vetting_claims_status_idx").on(t.status, t.claimedAt), index("vetting_claims_organisation_idx").on(t.organisationId)]);
