// Peer support: people who have been through it offer to support others in their council area;
// a person asks, and is introduced to the supporter in their area with the fewest introductions
// so far (or waits until one offers). Introducing shares each one's name and email with the
// other, which both forms say before anyone agrees.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { peerRequests, peerSupporters, users } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canAskForPeerSupport } from "../accounts/permissions";
import { findArea } from "../directory/region";
import { OrderError } from "../purchasing/lifecycle";

const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });

export function peerSupporterRecord(userId: number) {
  return db.select().from(peerSupporters).where(eq(peerSupporters.userId, userId)).get() ?? null;
}

/** The supporter in this area, other than the person, with the fewest introductions (then the longest standing). */
function freeSupporter(tx: Tx, areaSlug: string, personId: number) {
  const introduced = sql<number>`(SELECT count(*) FROM peer_requests r WHERE r.supporter_id = peer_supporters.user_id)`;
  return tx.select({ userId: peerSupporters.userId }).from(peerSupporters)
    .where(and(eq(peerSupporters.areaSlug, areaSlug), isNull(peerSupporters.withdrawnAt), sql`${peerSupporters.userId} <> ${personId}`))
    .orderBy(asc(introduced), asc(peerSupporters.createdAt), asc(peerSupporters.userId)).limit(1).get() ?? null;
}

function introduce(tx: Tx, requestId: number, supporterId: number, now: Date) {
  tx.update(peerRequests).set({ status: "introduced", supporterId, introducedAt: now.toISOString() })
    .where(and(eq(peerRequests.id, requestId), eq(peerRequests.status, "waiting"))).run();
}

/** Offers (or updates) the actor as a peer supporter in an area; people already waiting there are introduced. */
export function offerPeerSupport(actor: Actor, input: { areaSlug: string; about: string }, now = new Date()) {
  if (!findArea(input.areaSlug)) throw new OrderError("invalid", "Choose a council area from the list.");
  return immediately((tx) => {
    tx.insert(peerSupporters).values({ userId: actor.user.id, areaSlug: input.areaSlug, about: input.about })
      .onConflictDoUpdate({ target: peerSupporters.userId, set: { areaSlug: input.areaSlug, about: input.about, withdrawnAt: null } }).run();
    recordAudit(tx, { actorId: actor.user.id, personId: actor.user.id, action: "peer.offered", subjectType: "peer-supporter", subjectId: actor.user.id, detail: { areaSlug: input.areaSlug } });
    // A new supporter takes the longest-waiting people in their area, up to three at once.
    const waiting = tx.select({ id: peerRequests.id }).from(peerRequests)
      .where(and(eq(peerRequests.areaSlug, input.areaSlug), eq(peerRequests.status, "waiting"), sql`${peerRequests.personId} <> ${actor.user.id}`))
      .orderBy(asc(peerRequests.id)).limit(3).all();
    for (const w of waiting) introduce(tx, w.id, actor.user.id, now);
    return { introduced: waiting.length };
  });
}

export function withdrawPeerSupport(actor: Actor, now = new Date()) {
  immediately((tx) => {
    tx.update(peerSupporters).set({ withdrawnAt: now.toISOString() }).where(eq(peerSupporters.userId, actor.user.id)).run();
    recordAudit(tx, { actorId: actor.user.id, personId: actor.user.id, action: "peer.withdrawn", subjectType: "peer-supporter", subjectId: actor.user.id });
  });
}

/** The person's latest ask, with their supporter once introduced. */
export function peerRequestOf(personId: number) {
  return db.select({ request: peerRequests, supporterName: users.name, supporterEmail: users.email, supporterAbout: peerSupporters.about })
    .from(peerRequests).leftJoin(users, eq(users.id, peerRequests.supporterId)).leftJoin(peerSupporters, eq(peerSupporters.userId, peerRequests.supporterId))
    .where(eq(peerRequests.personId, personId)).orderBy(desc(peerRequests.id)).limit(1).get() ?? null;
}

/** How many people in the area have offered to be peer supporters (other than the person). */
export const supportersIn = (areaSlug: string, personId: number) =>
  db.select({ n: sql<number>`count(*)` }).from(peerSupporters)
    .where(and(eq(peerSupporters.areaSlug, areaSlug), isNull(peerSupporters.withdrawnAt), sql`${peerSupporters.userId} <> ${personId}`)).get()?.n ?? 0;

/**
 * The person (or their representative) asks for a peer supporter in their council area. One ask
 * at a time: asking again returns the one already made.
 */
export function askForPeerSupporter(actor: Actor, input: { personId: number; areaSlug: string; message: string }, now = new Date()) {
  if (!canAskForPeerSupport(actor, input.personId)) throw new OrderError("not-permitted", "You can only ask for yourself or someone you act for.");
  return immediately((tx) => {
    const existing = tx.select().from(peerRequests).where(eq(peerRequests.personId, input.personId)).orderBy(desc(peerRequests.id)).limit(1).get();
    if (existing) return existing;
    const request = tx.insert(peerRequests).values({ personId: input.personId, createdBy: actor.user.id, areaSlug: input.areaSlug, message: input.message }).returning().get();
    const supporter = freeSupporter(tx, input.areaSlug, input.personId);
    if (supporter) introduce(tx, request.id, supporter.userId, now);
    recordAudit(tx, { actorId: actor.user.id, personId: input.personId, action: "peer.asked", subjectType: "peer-request", subjectId: request.id, detail: { introduced: !!supporter } });
    return tx.select().from(peerRequests).where(eq(peerRequests.id, request.id)).get()!;
  });
}

/** The people a supporter has been introduced to, newest first. */
export function introductionsFor(supporterId: number) {
  return db.select({ request: peerRequests, personName: users.name, personEmail: users.email }).from(peerRequests)
    .innerJoin(users, eq(users.id, peerRequests.personId))
    .where(eq(peerRequests.supporterId, supporterId)).orderBy(desc(peerRequests.id)).limit(50).all();
}

/**
 * For the commissioners' unmet-demand view: per council area, people waiting for a peer supporter,
 * people introduced, and supporters offering now. Counts only, no person; the caller suppresses
 * small cells as it does for every figure.
 */
export function peerDemand(areaSlugs: string[]) {
  if (areaSlugs.length === 0) return [];
  const rows = db.$client.prepare(`SELECT a.slug AS areaSlug,
      (SELECT count(*) FROM peer_requests r WHERE r.area_slug = a.slug AND r.status = 'waiting') AS waiting,
      (SELECT count(*) FROM peer_requests r WHERE r.area_slug = a.slug AND r.status = 'introduced') AS introduced,
      (SELECT count(*) FROM peer_supporters s WHERE s.area_slug = a.slug AND s.withdrawn_at IS NULL) AS supporters
    FROM local_authorities a WHERE a.slug IN (${areaSlugs.map(() => "?").join(",")}) ORDER BY a.slug`).all(...areaSlugs);
  return rows as { areaSlug: string; waiting: number; introduced: number; supporters: number }[];
}
