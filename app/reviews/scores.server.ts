// Listing scores from the reviews table: what counts (public, not removed, written in the last 24
// months) summed per criterion, then put through the one score function. The search documents,
// the service page and the provider's page all read scores here.
import { and, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { reviews } from "../../db/schema";
import { bayesianScore, countsSince, type ScoreKey, type ScoreLine } from "./score";

export type ListingScores = Record<ScoreKey, ScoreLine>;

const keys = ["overall", "reliability", "communication", "value", "helpedMe"] as const satisfies readonly ScoreKey[];

/** The conditions for a review to count in a score at `now`. */
export const countsAt = (now: Date) => and(isNull(reviews.removedAt), lte(reviews.publishAt, now.toISOString()), sql`${reviews.submittedAt} >= ${countsSince(now)}`);

/** Scores of the listings asked for that have counting reviews; the others have none. */
export function listingScores(tx: Tx, serviceIds: number[], now = new Date()): Map<number, ListingScores> {
  const found = new Map<number, ListingScores>();
  for (let i = 0; i < serviceIds.length; i += 500) {
    const rows = tx.select({
      serviceId: reviews.serviceId, count: sql<number>`count(*)`,
      overall: sql<number>`sum(${reviews.overall})`, reliability: sql<number>`sum(${reviews.reliability})`,
      communication: sql<number>`sum(${reviews.communication})`, value: sql<number>`sum(${reviews.value})`, helpedMe: sql<number>`sum(${reviews.helpedMe})`,
    }).from(reviews).where(and(inArray(reviews.serviceId, serviceIds.slice(i, i + 500)), countsAt(now))).groupBy(reviews.serviceId).all();
    for (const row of rows) {
      found.set(row.serviceId, Object.fromEntries(keys.map((k) => [k, { score: bayesianScore({ sum: row[k], count: row.count }), count: row.count }])) as ListingScores);
    }
  }
  return found;
}

export const noScores = (): ListingScores => Object.fromEntries(keys.map((k) => [k, { score: null, count: 0 }])) as ListingScores;

/** Fills the rating of search documents in place (the search index's view of the same score). */
export function withRatings<D extends { id: number; rating: number | null; ratingCount: number }>(tx: Tx, docs: D[], now = new Date()): D[] {
  const scores = listingScores(tx, docs.map((d) => d.id), now);
  for (const doc of docs) {
    const s = scores.get(doc.id)?.overall;
    doc.rating = s?.score ?? null;
    doc.ratingCount = s?.count ?? 0;
  }
  return docs;
}
