// Vetting claims: facts a provider states about itself. They show as "stated by the provider"
// until a moderator verifies them (then they become the organisation's own facts) or rejects
// them with a reason. Writers take the caller's transaction, so the caller's audit row and the
// claim commit together.
import { and, asc, count, desc, eq, lt } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { organisations, vettingClaims } from "../../db/schema";
import { updateOrganisation } from "./listings.server";
import { alreadyVerified, type Claim, organisationChanges } from "./vetting";

export type ClaimRow = typeof vettingClaims.$inferSelect;

/**
 * Records what a provider states. A fact already verified as stated is left alone; a fact
 * still waiting for a check is replaced, so moderators only ever see the latest statement.
 */
export function stateFacts(tx: Tx, organisationId: number, claimedBy: number, claims: Claim[]): number[] {
  const organisation = tx.select().from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!organisation) return [];
  const ids: number[] = [];
  for (const claim of claims) {
    if (alreadyVerified(claim, organisation)) continue;
    const waiting = tx.select({ id: vettingClaims.id }).from(vettingClaims)
      .where(and(eq(vettingClaims.organisationId, organisationId), eq(vettingClaims.fact, claim.fact), eq(vettingClaims.status, "claimed"))).get();
    if (waiting) {
      tx.update(vettingClaims).set({ ...claim, claimedBy, claimedAt: new Date().toISOString() }).where(eq(vettingClaims.id, waiting.id)).run();
      ids.push(waiting.id);
    } else {
      ids.push(tx.insert(vettingClaims).values({ organisationId, claimedBy, ...claim }).returning({ id: vettingClaims.id }).get().id);
    }
  }
  return ids;
}

/** Every claim an organisation has made, newest first, for its own people. */
export function claimsOf(organisationId: number, limit = 50) {
  return db.select().from(vettingClaims).where(eq(vettingClaims.organisationId, organisationId))
    .orderBy(desc(vettingClaims.claimedAt), desc(vettingClaims.id)).limit(limit).all();
}

/** The facts an organisation has stated that nobody has checked yet, for its public pages. */
export function statedFacts(organisationId: number): Claim[] {
  return db.select({ fact: vettingClaims.fact, value: vettingClaims.value, expiresOn: vettingClaims.expiresOn })
    .from(vettingClaims)
    .where(and(eq(vettingClaims.organisationId, organisationId), eq(vettingClaims.status, "claimed")))
    .orderBy(asc(vettingClaims.id)).limit(20).all();
}

/** The moderation queue of claims, oldest first so nothing waits for ever. */
export function pendingClaims(limit = 20, offset = 0) {
  const where = eq(vettingClaims.status, "claimed");
  const total = db.select({ n: count() }).from(vettingClaims).where(where).get()?.n ?? 0;
  const claims = db.select({ claim: vettingClaims, organisationName: organisations.name })
    .from(vettingClaims).innerJoin(organisations, eq(organisations.id, vettingClaims.organisationId))
    .where(where).orderBy(asc(vettingClaims.claimedAt), asc(vettingClaims.id)).limit(limit).offset(offset).all();
  return { claims, total };
}

export function getClaim(id: number) {
  return db.select({ claim: vettingClaims, organisation: organisations })
    .from(vettingClaims).innerJoin(organisations, eq(organisations.id, vettingClaims.organisationId))
    .where(eq(vettingClaims.id, id)).get() ?? null;
}

type Review = { ok: true; claim: ClaimRow } | { ok: false; reason: "not-found" | "already-reviewed" };

function review(tx: Tx, id: number, reviewerId: number, status: "verified" | "rejected", reason: string | null): Review {
  const claim = tx.select().from(vettingClaims).where(eq(vettingClaims.id, id)).get();
  if (!claim) return { ok: false, reason: "not-found" };
  const done = tx.update(vettingClaims).set({ status, reviewedBy: reviewerId, reviewedAt: new Date().toISOString(), reason })
    .where(and(eq(vettingClaims.id, id), eq(vettingClaims.status, "claimed"))).run();
  return done.changes ? { ok: true, claim } : { ok: false, reason: "already-reviewed" };
}

/** The fact becomes the organisation's own, and every one of its services is re-indexed with it. */
export function verifyClaim(tx: Tx, id: number, reviewerId: number): Review {
  const result = review(tx, id, reviewerId, "verified", null);
  // updateOrganisation opens its own transaction; inside the caller's it is a savepoint, so the
  // fact, the outbox rows and the claim's new status commit together.
  if (result.ok) updateOrganisation(result.claim.organisationId, organisationChanges(result.claim));
  return result;
}

export function rejectClaim(tx: Tx, id: number, reviewerId: number, reason: string): Review {
  return review(tx, id, reviewerId, "rejected", reason);
}

/**
 * Insurance is a fact only until the policy ends: organisations whose recorded end date has
 * passed stop showing as insured (on their pages, in search and its "vetted" filter) until they
 * state a new policy and a moderator checks it. The end date stays, so their page can say when it
 * ended. Run hourly by ./jobs.server.ts; safe to run at any time.
 */
export function lapseEndedInsurance(today = new Date().toISOString().slice(0, 10)): number[] {
  const ended = db.select({ id: organisations.id }).from(organisations)
    .where(and(eq(organisations.insured, true), lt(organisations.insuranceExpiresOn, today))).all().map((o) => o.id);
  for (const id of ended) updateOrganisation(id, { insured: false });
  return ended;
}
