// Peer support: people who have been through it offer to support others in their council area;
// a moderator checks each offer (and each change to it) before anyone is introduced; a person
// asks, and is introduced to the checked supporter in their area with the fewest introductions
// so far (or waits until one is). Introducing shares each one's name and email with the other,
// which both forms say before anyone agrees.
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { peerRequests, peerSupporters, users } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { queueMailToUser } from "../accounts/mail.server";
import { config } from "../config.server";
import { type Actor, canAskForPeerSupport, canModerate } from "../accounts/permissions";
import { findArea } from "../directory/region";
import { OrderError } from "../purchasing/lifecycle";

/** The page where both sides of an introduction find each other's name and email. */
const PAGE = `${config.PUBLIC_URL}/peer-support`;

const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });

/** Supporters people can be introduced to: checked by a moderator, and still offering. */
const offering = and(isNotNull(peerSupporters.approvedAt), isNull(peerSupporters.withdrawnAt));

export function peerSupporterRecord(userId: number) {
  return db.select().from(peerSupporters).where(eq(peerSupporters.userId, userId)).get() ?? null;
}

/** The supporter in this area, other than the person, with the fewest introductions (then the longest standing). */
function freeSupporter(tx: Tx, areaSlug: string, personId: number) {
  const introduced = sql<number>`(SELECT count(*) FROM peer_requests r WHERE r.supporter_id = peer_supporters.user_id)`;
  return tx.select({ userId: peerSupporters.userId }).from(peerSupporters)
    .where(and(offering, eq(peerSupporters.areaSlug, areaSlug), sql`${peerSupporters.userId} <> ${personId}`))
    .orderBy(asc(introduced), asc(peerSupporters.createdAt), asc(peerSupporters.userId)).limit(1).get() ?? null;
}

/** Introduces a person to a supporter; both are emailed (the person only if they were waiting: otherwise they see it as they ask). */
function introduce(tx: Tx, requestId: number, supporterId: number, now: Date, personWaited: boolean) {
  const request = tx.update(peerRequests).set({ status: "introduced", supporterId, introducedAt: now.toISOString() })
    .where(and(eq(peerRequests.id, requestId), eq(peerRequests.status, "waiting"))).returning().get();
  if (!request) return;
  queueMailToUser(tx, supporterId, { subject: "Someone has been introduced to you on Weave", text: `Someone starting out with their support has asked for a peer supporter, and has been introduced to you. Their name and email are on your peer support page:\n${PAGE}` });
  if (personWaited) queueMailToUser(tx, request.personId, { subject: "You have been introduced to a peer supporter on Weave", text: `A peer supporter in your area can talk with you now. Their name and email are on your peer support page:\n${PAGE}` });
}

/**
 * Offers (or changes) the actor as a peer supporter in an area. Nobody is introduced until a
 * moderator has checked it: a change (another area, other words) is checked again.
 */
export function offerPeerSupport(actor: Actor, input: { areaSlug: string; about: string }) {
  if (!findArea(input.areaSlug)) throw new OrderError("invalid", "Choose a council area from the list.");
  return immediately((tx) => {
    const unchecked = { areaSlug: input.areaSlug, about: input.about, withdrawnAt: null, approvedAt: null, approvedBy: null, declinedReason: null };
    tx.insert(peerSupporters).values({ userId: actor.user.id, ...unchecked })
      .onConflictDoUpdate({ target: peerSupporters.userId, set: unchecked }).run();
    recordAudit(tx, { actorId: actor.user.id, personId: actor.user.id, action: "peer.offered", subjectType: "peer-supporter", subjectId: actor.user.id, detail: { areaSlug: input.areaSlug } });
  });
}

/** Offers with who made them, as moderators see them. */
const offersWithPeople = () =>
  db.select({ supporter: peerSupporters, name: users.name, email: users.email }).from(peerSupporters).innerJoin(users, eq(users.id, peerSupporters.userId));

/** Offers a moderator has not checked yet, oldest first. */
export const peerOffersToCheck = () => offersWithPeople()
  .where(and(isNull(peerSupporters.approvedAt), isNull(peerSupporters.withdrawnAt))).orderBy(asc(peerSupporters.createdAt), asc(peerSupporters.userId)).limit(100).all();

/** One offer, for a moderator; null when there is none. */
export const peerOfferForModerator = (userId: number) => offersWithPeople().where(eq(peerSupporters.userId, userId)).get() ?? null;

/** An offer waiting to be checked, inside a moderator's change; refused otherwise. */
function offerToCheck(actor: Actor, tx: Tx, userId: number) {
  if (!canModerate(actor)) throw new OrderError("not-permitted", "Only moderators can approve or decline peer supporters.");
  const offer = tx.select().from(peerSupporters).where(eq(peerSupporters.userId, userId)).get();
  if (!offer) throw new OrderError("missing", "There is no such offer.");
  if (offer.approvedAt) throw new OrderError("refused", "This offer is already approved.");
  if (offer.withdrawnAt) throw new OrderError("refused", "This offer has been withdrawn or declined.");
  return offer;
}

/**
 * A moderator approves an offer (having spoken to the person and checked what they need to):
 * they become a peer supporter, and take the longest-waiting people in their area, up to three.
 */
export function approvePeerSupporter(actor: Actor, userId: number, now = new Date()) {
  return immediately((tx) => {
    const offer = offerToCheck(actor, tx, userId);
    tx.update(peerSupporters).set({ approvedAt: now.toISOString(), approvedBy: actor.user.id }).where(eq(peerSupporters.userId, userId)).run();
    const waiting = tx.select({ id: peerRequests.id }).from(peerRequests)
      .where(and(eq(peerRequests.areaSlug, offer.areaSlug), eq(peerRequests.status, "waiting"), sql`${peerRequests.personId} <> ${userId}`))
      .orderBy(asc(peerRequests.id)).limit(3).all();
    for (const w of waiting) introduce(tx, w.id, userId, now, true);
    recordAudit(tx, { actorId: actor.user.id, personId: userId, action: "peer.approved", subjectType: "peer-supporter", subjectId: userId, detail: { introduced: waiting.length } });
    queueMailToUser(tx, userId, { subject: "Your offer of peer support on Weave is approved", text: `Thank you. A moderator has approved your offer to be a peer supporter: people in your area who ask can be introduced to you now.\n${PAGE}` });
    return { introduced: waiting.length };
  });
}

/** A moderator does not approve an offer, saying why (the person reads it); they can offer again. */
export function declinePeerSupporter(actor: Actor, userId: number, reason: string, now = new Date()) {
  immediately((tx) => {
    offerToCheck(actor, tx, userId);
    tx.update(peerSupporters).set({ withdrawnAt: now.toISOString(), declinedReason: reason }).where(eq(peerSupporters.userId, userId)).run();
    recordAudit(tx, { actorId: actor.user.id, personId: userId, action: "peer.declined", subjectType: "peer-supporter", subjectId: userId, detail: { reason } });
    queueMailToUser(tx, userId, { subject: "Your offer of peer support on Weave", text: `A moderator could not approve your offer to be a peer supporter yet:\n\n${reason}\n\nYou can change it and offer again: ${PAGE}` });
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

/** How many checked peer supporters the area has (other than the person). */
export const supportersIn = (areaSlug: string, personId: number) =>
  db.select({ n: sql<number>`count(*)` }).from(peerSupporters)
    .where(and(offering, eq(peerSupporters.areaSlug, areaSlug), sql`${peerSupporters.userId} <> ${personId}`)).get()?.n ?? 0;

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
    if (supporter) introduce(tx, request.id, supporter.userId, now, false);
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
      (SELECT count(*) FROM peer_supporters s WHERE s.area_slug = a.slug AND s.withdrawn_at IS NULL AND s.approved_at IS NOT NULL) AS supporters
    FROM local_authorities a WHERE a.slug IN (${areaSlugs.map(() => "?").join(",")}) ORDER BY a.slug`).all(...areaSlugs);
  return rows as { areaSlug: string; waiting: number; introduced: number; supporters: number }[];
}
