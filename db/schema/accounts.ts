import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { localAuthorities, organisations } from "./directory";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export type PlatformRole = "budget-holder" | "community-organiser" | "commissioner" | "moderator" | "admin";

export const users = sqliteTable("users", {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull(), // stored lower-case; unique below
  name: text().notNull(),
  passwordHash: text().notNull(),
  createdAt: text().notNull().default(now),
  passwordChangedAt: text().notNull().default(now),
  /** Email me when there is news on my orders, questions, group offers and requests (app/purchasing/news-mail.server.ts); on unless turned off. */
  orderEmails: integer({ mode: "boolean" }).notNull().default(true),
}, (t) => [uniqueIndex("users_email_idx").on(t.email)]);

// Roles held on the platform. Representing someone and working for an organisation are
// relationships (representative_grants, memberships), not roles here.
export const userRoles = sqliteTable("user_roles", {
  userId: integer().notNull().references(() => users.id),
  role: text().$type<PlatformRole>().notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.role] })]);

export const commissionerAreas = sqliteTable("commissioner_areas", {
  userId: integer().notNull().references(() => users.id),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
}, (t) => [primaryKey({ columns: [t.userId, t.areaSlug] })]);

// Only a hash of the session token is stored: a copy of the database cannot log anyone in.
export const sessions = sqliteTable("sessions", {
  id: integer().primaryKey({ autoIncrement: true }),
  tokenHash: text().notNull(),
  userId: integer().notNull().references(() => users.id),
  createdAt: text().notNull().default(now),
  lastSeenAt: text().notNull().default(now),
  expiresAt: text().notNull(),
  revokedAt: text(),
  userAgent: text(),
}, (t) => [uniqueIndex("sessions_token_idx").on(t.tokenHash), index("sessions_user_idx").on(t.userId)]);

export const passwordResets = sqliteTable("password_resets", {
  id: integer().primaryKey({ autoIncrement: true }),
  tokenHash: text().notNull(),
  userId: integer().notNull().references(() => users.id),
  createdAt: text().notNull().default(now),
  expiresAt: text().notNull(),
  usedAt: text(),
}, (t) => [uniqueIndex("password_resets_token_idx").on(t.tokenHash)]);

// Email waiting to be sent (app/accounts/mail.server.ts). Written in the same transaction as
// what it tells people, so a crash or a mail server that is down loses nothing; the body (which
// may hold a reset link or an invitation code) is cleared once sent, or once it is too late.
export const mailOutbox = sqliteTable("mail_outbox", {
  id: integer().primaryKey({ autoIncrement: true }),
  toAddress: text().notNull(),
  subject: text().notNull(),
  body: text().notNull(),
  createdAt: text().notNull().default(now),
  /** Not sent after this (a link that no longer works); null: no limit. */
  expiresAt: text(),
  status: text().$type<"pending" | "sent" | "expired" | "failed">().notNull().default("pending"),
  attempts: integer().notNull().default(0),
  /** When it may next be tried; a sender claims a row by moving this forward. */
  nextAttemptAt: text().notNull().default(now),
  sentAt: text(),
  lastError: text(),
}, (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)]);

// Fixed-window counters for login and reset attempts, per account and per IP address.
export const rateLimits = sqliteTable("rate_limits", {
  key: text().notNull(),
  windowStart: text().notNull(),
  hits: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.windowStart] })]);

export const memberships = sqliteTable("memberships", {
  userId: integer().notNull().references(() => users.id),
  organisationId: integer().notNull().references(() => organisations.id),
  role: text().$type<"owner" | "staff">().notNull(),
  createdAt: text().notNull().default(now),
}, (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index("memberships_organisation_idx").on(t.organisationId)]);

export type RepresentativeBasis = "consent" | "appointee";

// A representative acts for a budget holder: by the holder's consent (an accepted invite), or
// as an appointee recorded by a moderator with the legal basis noted. Revoking ends it at once.
export const representativeGrants = sqliteTable("representative_grants", {
  id: integer().primaryKey({ autoIncrement: true }),
  holderId: integer().notNull().references(() => users.id),
  representativeId: integer().notNull().references(() => users.id),
  relationship: text().notNull(),
  basis: text().$type<RepresentativeBasis>().notNull(),
  legalBasis: text(),
  grantedAt: text().notNull().default(now),
  grantedBy: integer().notNull().references(() => users.id),
  revokedAt: text(),
  revokedBy: integer().references(() => users.id),
}, (t) => [index("grants_holder_idx").on(t.holderId), index("grants_representative_idx").on(t.representativeId)]);

export const representativeInvites = sqliteTable("representative_invites", {
  id: integer().primaryKey({ autoIncrement: true }),
  holderId: integer().notNull().references(() => users.id),
  email: text().notNull(),
  relationship: text().notNull(),
  codeHash: text().notNull(),
  createdAt: text().notNull().default(now),
  expiresAt: text().notNull(),
  acceptedAt: text(),
  acceptedBy: integer().references(() => users.id),
  cancelledAt: text(),
}, (t) => [index("invites_holder_idx").on(t.holderId), uniqueIndex("invites_code_idx").on(t.codeHash)]);

// Who did what, when, on whose behalf. Every view or change of a person's record by anyone
// other than that person is written here, and every money movement (from the budgets issue).
export const auditLog = sqliteTable("audit_log", {
  id: integer().primaryKey({ autoIncrement: true }),
  at: text().notNull().default(now),
  actorId: integer().references(() => users.id),
  /** The person whose record this touched, when it is a person's record. */
  personId: integer().references(() => users.id),
  action: text().notNull(),
  subjectType: text().notNull(),
  subjectId: text().notNull(),
  detail: text({ mode: "json" }).$type<Record<string, unknown>>(),
}, (t) => [index("audit_person_idx").on(t.personId, t.at), index("audit_actor_idx").on(t.actorId, t.at)]);
