import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CategorySlug } from "../../app/directory/vocabulary";
import { users } from "./accounts";
import { localAuthorities, organisations } from "./directory";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export type Arrangement = "direct-payment" | "isf" | "council-managed" | "self-funded";
export type BudgetStatus = "set-up" | "active" | "suspended" | "ended";
export type FeeKind = "none" | "amount" | "percent";

export const budgetAccounts = sqliteTable("budget_accounts", {
  id: integer().primaryKey({ autoIncrement: true }),
  holderId: integer().notNull().references(() => users.id),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  arrangement: text().$type<Arrangement>().notNull(),
  /** For an ISF: the provider holding the money on the person's behalf. */
  isfProviderId: integer().references(() => organisations.id),
  status: text().$type<BudgetStatus>().notNull().default("set-up"),
  annualAllocationPence: integer().notNull(),
  /** Payments arrive every this many days (28 = four-weekly). */
  periodDays: integer().notNull(),
  /** The person's own contribution each period. */
  contributionPence: integer().notNull().default(0),
  /** An ISF's management fee, stated up front: pence per period, or basis points of each payment. */
  feeKind: text().$type<FeeKind>().notNull().default("none"),
  feeValue: integer().notNull().default(0),
  startsOn: text().notNull(),
  endsOn: text(),
  createdAt: text().notNull().default(now),
}, (t) => [
  index("budget_accounts_holder_idx").on(t.holderId),
  index("budget_accounts_provider_idx").on(t.isfProviderId),
  index("budget_accounts_area_idx").on(t.areaSlug),
  check("budget_amounts_whole", sql`${t.annualAllocationPence} >= 0 AND ${t.contributionPence} >= 0 AND ${t.periodDays} > 0`),
]);

// The ledger: every movement of money is a journal of postings that sum to zero. Rows are only
// ever inserted; a mistake is put right by a reversing journal.
export const ledgerAccounts = sqliteTable("ledger_accounts", {
  id: integer().primaryKey({ autoIncrement: true }),
  /** e.g. "budget:12", "reserved:12", "council:leeds", "payable:5" (see app/budgets/ledger.server.ts). */
  code: text().notNull(),
  /** The lowest balance allowed, in pence; null for sources such as council funding. */
  floorPence: integer(),
}, (t) => [uniqueIndex("ledger_accounts_code_idx").on(t.code)]);

export const journals = sqliteTable("journals", {
  id: integer().primaryKey({ autoIncrement: true }),
  idempotencyKey: text().notNull(),
  kind: text().notNull(),
  budgetAccountId: integer().references(() => budgetAccounts.id),
  effectiveOn: text().notNull(),
  description: text().notNull(),
  detail: text({ mode: "json" }).$type<JournalDetail>(),
  reversesJournalId: integer(),
  createdBy: integer().references(() => users.id),
  createdAt: text().notNull().default(now),
}, (t) => [
  uniqueIndex("journals_idempotency_idx").on(t.idempotencyKey),
  uniqueIndex("journals_reverses_idx").on(t.reversesJournalId).where(sql`${t.reversesJournalId} IS NOT NULL`),
  index("journals_budget_idx").on(t.budgetAccountId, t.effectiveOn),
]);

export type JournalDetail = {
  category?: CategorySlug | "other";
  hours?: number;
  ratePence?: number;
  organisationId?: number;
  reservationId?: number;
  note?: string;
};

export const postings = sqliteTable("postings", {
  id: integer().primaryKey({ autoIncrement: true }),
  journalId: integer().notNull().references(() => journals.id),
  ledgerAccountId: integer().notNull().references(() => ledgerAccounts.id),
  amountPence: integer().notNull(),
}, (t) => [
  index("postings_journal_idx").on(t.journalId),
  index("postings_account_idx").on(t.ledgerAccountId, t.journalId),
  check("postings_nonzero", sql`${t.amountPence} <> 0`),
]);

// A running balance per ledger account, written in the same transaction as the postings, so a
// balance is one lookup. It is a cache: verifyLedger() checks it against the postings.
export const ledgerBalances = sqliteTable("ledger_balances", {
  ledgerAccountId: integer().primaryKey().references(() => ledgerAccounts.id),
  balancePence: integer().notNull(),
});

export type ReservationStatus = "held" | "committed" | "released";

// Money set aside for an accepted order or a pledge: reserve -> commit (spend) or release.
export const reservations = sqliteTable("reservations", {
  id: integer().primaryKey({ autoIncrement: true }),
  budgetAccountId: integer().notNull().references(() => budgetAccounts.id),
  amountPence: integer().notNull(),
  /** What it is for, e.g. "order:42" or "pledge:7". */
  reference: text().notNull(),
  status: text().$type<ReservationStatus>().notNull().default("held"),
  createdAt: text().notNull().default(now),
  settledAt: text(),
}, (t) => [index("reservations_budget_idx").on(t.budgetAccountId, t.status)]);

export type RuleKind = "category-not-allowed" | "cash-withdrawals" | "carry-over";

// A council's spending rules, as data: each with the plain-English explanation a person sees
// when a purchase breaks it, and what they can do instead.
export const spendingRules = sqliteTable("spending_rules", {
  id: integer().primaryKey({ autoIncrement: true }),
  areaSlug: text().notNull().references(() => localAuthorities.slug),
  kind: text().$type<RuleKind>().notNull(),
  params: text({ mode: "json" }).$type<{ category?: string; allowed?: boolean; percent?: number; capWeeks?: number }>().notNull(),
  explanation: text().notNull(),
  instead: text().notNull(),
}, (t) => [index("spending_rules_area_idx").on(t.areaSlug)]);

export type PlanStatus = "draft" | "agreed" | "superseded";

// A support plan, versioned: the person (or their representative) edits a draft; once agreed,
// a version is never changed again, and the next change starts a new draft.
export const supportPlans = sqliteTable("support_plans", {
  id: integer().primaryKey({ autoIncrement: true }),
  budgetAccountId: integer().notNull().references(() => budgetAccounts.id),
  version: integer().notNull(),
  status: text().$type<PlanStatus>().notNull().default("draft"),
  /** What matters to the person, in their own words. */
  outcomes: text({ mode: "json" }).$type<string[]>().notNull(),
  createdBy: integer().notNull().references(() => users.id),
  createdAt: text().notNull().default(now),
  updatedAt: text().notNull().default(now),
  agreedAt: text(),
  /** Who agreed it, as the person would say it: "Jo Smith, social worker, Leeds City Council". */
  agreedBy: text(),
}, (t) => [uniqueIndex("support_plans_version_idx").on(t.budgetAccountId, t.version)]);

export type PlanLineKind = "paid" | "informal" | "community";

export const planLines = sqliteTable("plan_lines", {
  id: integer().primaryKey({ autoIncrement: true }),
  planId: integer().notNull().references(() => supportPlans.id),
  kind: text().$type<PlanLineKind>().notNull(),
  category: text().$type<CategorySlug>().notNull(),
  description: text().notNull(),
  /** Planned spend each period; 0 for informal and free community support. */
  plannedPence: integer().notNull(),
}, (t) => [index("plan_lines_plan_idx").on(t.planId), check("plan_lines_amount", sql`${t.plannedPence} >= 0`)]);

// When an ISF moves to another provider: the money and the history stay with the person.
export const isfMoves = sqliteTable("isf_moves", {
  id: integer().primaryKey({ autoIncrement: true }),
  budgetAccountId: integer().notNull().references(() => budgetAccounts.id),
  fromOrganisationId: integer().notNull().references(() => organisations.id),
  toOrganisationId: integer().notNull().references(() => organisations.id),
  movedOn: text().notNull(),
  movedBy: integer().notNull().references(() => users.id),
});
