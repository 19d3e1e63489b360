import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { journals } from "./budgets";
import { organisations, services } from "./directory";
import { orders } from "./purchasing";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Why a person may review: a delivered order, an ISF spend line with the provider, or saying they attended a free group. */
export type ReviewBasis = "order" | "isf" | "attended";
export type ReviewMode = "stars" | "thumbs";
/** A moderator's policy reason, or "withdrawn" when the person it is about (or someone acting for them) took it down. */
export type RemovalReason = "personal-data" | "abuse" | "not-a-real-experience" | "withdrawn";
export type ReportStatus = "open" | "dismissed" | "upheld";

const stars = (column: unknown) => sql`${column} BETWEEN 1 AND 5`;

// A review of a service by the person who received it (or their representative, marked as such).
// Public once `publishAt` has passed (seven days after it was written, or at once when the provider
// replies) unless a moderator removed it; the provider can never edit or hide it.
export const reviews = sqliteTable("reviews", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceId: integer().notNull().references(() => services.id),
  organisationId: integer().notNull().references(() => organisations.id),
  /** The person the support was for. */
  personId: integer().notNull().references(() => users.id),
  /** Who wrote it: the person, or a representative acting for them. */
  authorId: integer().notNull().references(() => users.id),
  byRepresentative: integer({ mode: "boolean" }).notNull().default(false),
  basis: text().$type<ReviewBasis>().notNull(),
  orderId: integer().references(() => orders.id),
  /** The ISF spend line that makes it a verified purchase. */
  journalId: integer().references(() => journals.id),
  mode: text().$type<ReviewMode>().notNull().default("stars"),
  reliability: integer().notNull(),
  communication: integer().notNull(),
  value: integer().notNull(),
  /** "Helped me do what matters to me". */
  helpedMe: integer().notNull(),
  overall: integer().notNull(),
  body: text().notNull(),
  submittedAt: text().notNull().default(now),
  /** When its writer last changed it (shown as "Changed on ..."); null if never. */
  editedAt: text(),
  /** When it becomes public: the end of the provider's seven days to reply, or when they reply. */
  publishAt: text().notNull(),
  reply: text(),
  repliedBy: integer().references(() => users.id),
  repliedAt: text(),
  removedAt: text(),
  removedBy: integer().references(() => users.id),
  removalReason: text().$type<RemovalReason>(),
  removalNote: text(),
  /** Set once the listing's score has been re-indexed with this review public (the job does the ones time published). */
  scoredAt: text(),
  /** Set once the listing's score has been re-indexed without it, after it aged out of the 24 months counted. */
  expiredAt: text(),
}, (t) => [
  uniqueIndex("reviews_order_idx").on(t.orderId).where(sql`${t.orderId} IS NOT NULL`),
  uniqueIndex("reviews_journal_idx").on(t.journalId).where(sql`${t.journalId} IS NOT NULL`),
  uniqueIndex("reviews_attended_idx").on(t.personId, t.serviceId).where(sql`${t.basis} = 'attended'`),
  index("reviews_service_idx").on(t.serviceId, t.publishAt),
  index("reviews_organisation_idx").on(t.organisationId, t.submittedAt),
  index("reviews_person_idx").on(t.personId, t.submittedAt),
  index("reviews_author_idx").on(t.authorId, t.submittedAt),
  index("reviews_unscored_idx").on(t.scoredAt, t.publishAt),
  check("reviews_stars", sql`${stars(t.reliability)} AND ${stars(t.communication)} AND ${stars(t.value)} AND ${stars(t.helpedMe)} AND ${stars(t.overall)}`),
  check("reviews_basis", sql`(${t.basis} = 'order') = (${t.orderId} IS NOT NULL) AND (${t.basis} = 'isf') = (${t.journalId} IS NOT NULL)`),
]);

// The provider's private rating of the working relationship on an order: never public; shown to
// the buyer's side only once both have written or fourteen days have passed (double-blind).
export const relationshipRatings = sqliteTable("relationship_ratings", {
  id: integer().primaryKey({ autoIncrement: true }),
  orderId: integer().notNull().references(() => orders.id),
  organisationId: integer().notNull().references(() => organisations.id),
  stars: integer().notNull(),
  note: text().notNull().default(""),
  ratedBy: integer().notNull().references(() => users.id),
  submittedAt: text().notNull().default(now),
}, (t) => [uniqueIndex("relationship_ratings_order_idx").on(t.orderId), check("relationship_ratings_stars", stars(t.stars))]);

// Anyone may report a review; reports wait in the moderation queue.
export const reviewReports = sqliteTable("review_reports", {
  id: integer().primaryKey({ autoIncrement: true }),
  reviewId: integer().notNull().references(() => reviews.id),
  /** Null when reported by someone not signed in. */
  reporterId: integer().references(() => users.id),
  reason: text().notNull(),
  status: text().$type<ReportStatus>().notNull().default("open"),
  resolvedBy: integer().references(() => users.id),
  resolvedAt: text(),
  createdAt: text().notNull().default(now),
}, (t) => [index("review_reports_status_idx").on(t.status, t.reviewId), index("review_reports_review_idx").on(t.reviewId)]);
