// Suggestions of small local services: stored as pending, never public until a moderator
// approves them. Approving publishes an organisation and a service made from the (checked and
// perhaps edited) suggestion; rejecting keeps the reason. The reviewing writers take the
// caller's transaction, so moderation's audit row commits with them.
import { and, asc, count, eq } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { organisations, services, suggestions } from "../../db/schema";
import { createOrganisation, createService, type NewService } from "./listings.server";
import { type Suggestion, suggestionReference } from "./suggestion";

export type SuggestionRow = typeof suggestions.$inferSelect;

export function suggestService(suggestion: Suggestion): { reference: string } {
  const { id } = db.insert(suggestions).values({ ...suggestion, status: "pending" }).returning({ id: suggestions.id }).get();
  return { reference: suggestionReference(id) };
}

/** The moderation queue, oldest first so nothing waits for ever. */
export function pendingSuggestions(limit = 50, offset = 0) {
  return db.select().from(suggestions).where(eq(suggestions.status, "pending"))
    .orderBy(asc(suggestions.createdAt), asc(suggestions.id)).limit(limit).offset(offset).all();
}

export const pendingSuggestionCount = () =>
  db.select({ n: count() }).from(suggestions).where(eq(suggestions.status, "pending")).get()?.n ?? 0;

export const getSuggestion = (id: number): SuggestionRow | null =>
  db.select().from(suggestions).where(eq(suggestions.id, id)).get() ?? null;

type Review = { ok: true; serviceId: number | null } | { ok: false; reason: "not-found" | "already-reviewed" };

function pending(tx: Tx, id: number): Review | null {
  const found = tx.select({ status: suggestions.status }).from(suggestions).where(eq(suggestions.id, id)).get();
  if (!found) return { ok: false, reason: "not-found" };
  return found.status === "pending" ? null : { ok: false, reason: "already-reviewed" };
}

export type ApprovedListing = {
  organisation: typeof organisations.$inferInsert;
  service: Omit<NewService, "organisationId" | "status">;
};

/** Publishes the listing a moderator made from a suggestion, and records which one it became. */
export function publishSuggestion(tx: Tx, id: number, reviewerId: number, listing: ApprovedListing): Review {
  const refused = pending(tx, id);
  if (refused) return refused;
  // The listing writers open their own transactions; inside the caller's they are savepoints, so
  // the organisation, the service, its search outbox row and the suggestion commit together.
  const organisationId = createOrganisation({ ...listing.organisation, status: "published" });
  const serviceId = createService({ ...listing.service, organisationId, status: "published" });
  tx.update(suggestions).set({ status: "approved", serviceId, reviewedBy: reviewerId, reviewedAt: new Date().toISOString() })
    .where(and(eq(suggestions.id, id), eq(suggestions.status, "pending"))).run();
  return { ok: true, serviceId };
}

export function declineSuggestion(tx: Tx, id: number, reviewerId: number, reason: string): Review {
  const refused = pending(tx, id);
  if (refused) return refused;
  tx.update(suggestions).set({ status: "rejected", reviewNote: reason, reviewedBy: reviewerId, reviewedAt: new Date().toISOString() })
    .where(and(eq(suggestions.id, id), eq(suggestions.status, "pending"))).run();
  return { ok: true, serviceId: null };
}

/**
 * True when a listing's words came from a member of the public's suggestion (checked by a
 * moderator) rather than from the provider, so the page can say who wrote them.
 */
export function writtenFromSuggestion(where: { serviceId: number } | { organisationId: number }): boolean {
  // Only approved suggestions have a listing; the status index keeps this to those rows.
  const approved = eq(suggestions.status, "approved");
  const found = "serviceId" in where
    ? db.select({ id: suggestions.id }).from(suggestions).where(and(approved, eq(suggestions.serviceId, where.serviceId))).limit(1).get()
    : db.select({ id: suggestions.id }).from(suggestions).innerJoin(services, eq(services.id, suggestions.serviceId))
      .where(and(approved, eq(services.organisationId, where.organisationId))).limit(1).get();
  return found !== undefined;
}
