// Individual Service Funds from the provider's side: the people whose ISFs it holds, and
// recording delivery against their plan. The person sees every line as it is recorded.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { budgetAccounts, journals, users } from "../../db/schema";
import { type MoneyResult, spend } from "./budgets.server";
import type { Refusal } from "./rules";

export function isfsHeldBy(organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  return db.select({ account: budgetAccounts, holderName: users.name })
    .from(budgetAccounts).innerJoin(users, eq(users.id, budgetAccounts.holderId))
    .where(and(eq(budgetAccounts.arrangement, "isf"), inArray(budgetAccounts.isfProviderId, organisationIds)))
    .orderBy(asc(users.name)).limit(500).all();
}

export type IsfSpend = {
  budgetAccountId: number; organisationId: number; effectiveOn: string; category: string; description: string;
  /** Hours x rate for support delivered, or an amount for other spend (equipment, a course). */
  hours?: number; ratePence?: number; amountPence?: number; idempotencyKey: string; by: number;
};

/** Only the provider holding the ISF now may record against it (after a move, the old one cannot). */
export function recordIsfSpend(cmd: IsfSpend): MoneyResult<{ journalId: number }> {
  const account = db.select().from(budgetAccounts).where(eq(budgetAccounts.id, cmd.budgetAccountId)).get();
  if (!account || account.arrangement !== "isf" || account.isfProviderId !== cmd.organisationId) {
    const refusal: Refusal = { rule: "not-isf-provider", explanation: "Your organisation does not hold this person's Individual Service Fund.", instead: "Check you chose the right person." };
    return { ok: false, refusal };
  }
  const amountPence = cmd.hours !== undefined && cmd.ratePence !== undefined ? Math.round(cmd.hours * cmd.ratePence) : (cmd.amountPence ?? 0);
  return spend({
    budgetAccountId: cmd.budgetAccountId, amountPence, category: cmd.category, organisationId: cmd.organisationId,
    description: cmd.description, effectiveOn: cmd.effectiveOn, idempotencyKey: cmd.idempotencyKey, by: cmd.by, hours: cmd.hours, ratePence: cmd.ratePence,
  });
}

/** Providers in a council area with a published service that takes ISFs: where an ISF can move to. */
export function isfProvidersIn(areaSlug: string) {
  return db.$client.prepare(`SELECT DISTINCT o.id, o.name FROM organisations o
    JOIN services s ON s.organisation_id = o.id JOIN towns t ON t.slug = s.town_slug
    WHERE t.area_slug = ? AND o.status = 'published' AND s.status = 'published' AND EXISTS (SELECT 1 FROM json_each(s.payment_routes) WHERE value = 'isf')
    ORDER BY o.name LIMIT 500`).all(areaSlug) as { id: number; name: string }[];
}

/**
 * The latest spend line a provider recorded against a person's ISF: what lets the person review
 * that provider as a verified purchase (app/reviews). Null when there is none.
 */
export function latestIsfSpendWith(tx: Tx, holderId: number, organisationId: number) {
  return tx.select({ journalId: journals.id, effectiveOn: journals.effectiveOn })
    .from(journals).innerJoin(budgetAccounts, eq(budgetAccounts.id, journals.budgetAccountId))
    .where(and(eq(budgetAccounts.holderId, holderId), eq(budgetAccounts.arrangement, "isf"), eq(journals.kind, "spend"),
      sql`json_extract(${journals.detail}, '$.organisationId') = ${organisationId}`, isNull(journals.reversesJournalId),
      sql`NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = ${journals.id})`))
    .orderBy(desc(journals.effectiveOn), desc(journals.id)).limit(1).get() ?? null;
}
