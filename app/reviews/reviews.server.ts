// Every change to reviews: writing one (from a delivered order, an ISF spend line, or attending a
// free group), the provider's private rating and public reply, reports, and a moderator's
// removal. Each is one BEGIN IMMEDIATE transaction with an audit row; whenever a listing's public
// score changes, the search outbox row is written in the same transaction.
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { relationshipRatings, reviewReports, reviews } from "../../db/schema";
import type { RemovalReason, ReviewBasis } from "../../db/schema/reviews";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canAnswerReviews, canEditReview, canRemoveReviews, canWithdrawReview, canReviewFor } from "../accounts/permissions";
import { hitLimits, minutesText } from "../accounts/rate-limit.server";
import { latestIsfSpendWith } from "../budgets/isf.server";
import { getService } from "../directory/listings.server";
import { postSystemMessage } from "../purchasing/messages.server";
import { tellProviderOfReview } from "../purchasing/news-mail.server";
import { orderForReview } from "../purchasing/views.server";
import { enqueueIndexing } from "../../search/outbox";
import type { ReviewInput } from "./review-form";
import { isPublic, isRevealed, publishAtFor, REPLY_DAYS, REVIEW_WINDOW_DAYS, reviewWindow, windowRefusal } from "./rules";
import { countsSince } from "./score";

export type Review = typeof reviews.$inferSelect;

export type ReviewErrorCode = "missing" | "not-permitted" | "refused" | "rate-limited";
export class ReviewError extends Error {
  constructor(readonly code: ReviewErrorCode, message: string) {
    super(message);
    this.name = "ReviewError";
  }
}

/** Reports each account (or, signed out, each address) may send in a minute. */
export const REPORTS_PER_MINUTE = 5;

const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });

function audit(tx: Tx, actor: Actor | null, review: Pick<Review, "id" | "personId">, action: string, detail?: Record<string, unknown>) {
  recordAudit(tx, { actorId: actor?.user.id ?? null, personId: review.personId, action, subjectType: "review", subjectId: review.id, detail });
}

/** Staff do not review their own organisation's services, whatever they bought or went to. */
function refuseOwnStaff(actor: Actor, organisationId: number) {
  if (actor.organisations.some((o) => o.id === organisationId)) {
    throw new ReviewError("refused", "You work for the organisation that provides this, so you cannot review it.");
  }
}

function insertReview(tx: Tx, actor: Actor, values: { serviceId: number; organisationId: number; personId: number; basis: ReviewBasis; orderId?: number; journalId?: number }, input: ReviewInput, now: Date) {
  const at = now.toISOString();
  const review = tx.insert(reviews).values({
    ...values, authorId: actor.user.id, byRepresentative: actor.user.id !== values.personId, mode: input.mode,
    reliability: input.reliability, communication: input.communication, value: input.value, helpedMe: input.helpedMe, overall: input.overall,
    body: input.body, submittedAt: at, publishAt: publishAtFor(at),
  }).returning().get();
  audit(tx, actor, review, "review.written", { basis: values.basis, serviceId: values.serviceId, byRepresentative: review.byRepresentative });
  return review;
}

// ---- writing a review ------------------------------------------------------------------------

/** The buyer (or their representative) reviews a delivered order: once, within 60 days of the last delivery. */
export function reviewOrder(actor: Actor, orderId: number, input: ReviewInput, now = new Date()): Review {
  return immediately((tx) => {
    const order = orderForReview(tx, orderId);
    if (!order) throw new ReviewError("missing", "There is no such order.");
    if (!canReviewFor(actor, order.buyerId)) throw new ReviewError("not-permitted", "Only the person who received this support, or someone acting for them, can review it.");
    refuseOwnStaff(actor, order.organisationId);
    const refusal = windowRefusal(reviewWindow(order.firstDeliveredAt, order.lastDeliveredAt), now);
    if (refusal) throw new ReviewError("refused", refusal);
    if (tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.orderId, orderId)).get()) {
      throw new ReviewError("refused", "This order has already been reviewed. There is one review for each order.");
    }
    const review = insertReview(tx, actor, { serviceId: order.serviceId, organisationId: order.organisationId, personId: order.buyerId, basis: "order", orderId }, input, now);
    // The provider's notice: in the order's messages, which their inbox lists.
    postSystemMessage(tx, orderId, `A review of this order has been written. The provider has ${REPLY_DAYS} days to reply before it is published; the reply is shown under it.`, null, actor.user.id);
    return review;
  });
}

export type ServiceReviewBasis =
  | { basis: "isf"; journalId: number }
  | { basis: "attended" }
  | { basis: null; reason: string };

const isFree = (s: { priceUnit: string; pricePence: number }) => s.priceUnit === "free" || s.pricePence === 0;

/**
 * Why a person may review a service without an order: an ISF spend line with its provider in the
 * last 60 days (verified), or a free group they say they went to (not verified); or why not.
 */
export function serviceReviewBasis(tx: Tx, personId: number, service: { id: number; organisationId: number; priceUnit: string; pricePence: number }, now = new Date()): ServiceReviewBasis {
  const line = latestIsfSpendWith(tx, personId, service.organisationId);
  if (line) {
    const closes = new Date(Date.parse(`${line.effectiveOn}T23:59:59.999Z`) + REVIEW_WINDOW_DAYS * 86_400_000);
    const reviewed = tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.journalId, line.journalId)).get();
    if (now <= closes && !reviewed) return { basis: "isf", journalId: line.journalId };
  }
  if (isFree(service)) {
    const already = tx.select({ id: reviews.id }).from(reviews)
      .where(and(eq(reviews.personId, personId), eq(reviews.serviceId, service.id), eq(reviews.basis, "attended"))).get();
    if (already) return { basis: null, reason: "You have already reviewed this group. There is one review for each person." };
    return { basis: "attended" };
  }
  return { basis: null, reason: "Only people who bought this service can review it: review it from your order once it has been delivered." };
}

/** A review without an order: from the person's ISF spend with the provider, or for a free group they went to. */
export function reviewService(actor: Actor, serviceId: number, personId: number, input: ReviewInput, now = new Date()): Review {
  if (!canReviewFor(actor, personId)) throw new ReviewError("not-permitted", "You can only review support you, or someone you act for, received.");
  const found = getService(serviceId);
  if (!found) throw new ReviewError("missing", "There is no such service.");
  const s = found.service;
  refuseOwnStaff(actor, s.organisationId);
  return immediately((tx) => {
    const basis = serviceReviewBasis(tx, personId, s, now);
    if (basis.basis === null) throw new ReviewError("refused", basis.reason);
    if (basis.basis === "attended" && !input.attended) throw new ReviewError("refused", "Tick the box to say you went to this group. Only people who went can review it.");
    const review = insertReview(tx, actor, {
      serviceId: s.id, organisationId: s.organisationId, personId, basis: basis.basis, journalId: basis.basis === "isf" ? basis.journalId : undefined,
    }, input, now);
    // An order's review is told on the order (and so by email); this one has no order to be told on.
    tellProviderOfReview(tx, review.id, s.organisationId);
    return review;
  });
}

// ---- the provider's side ---------------------------------------------------------------------

function loadReview(tx: Tx, id: number): Review {
  const review = tx.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!review) throw new ReviewError("missing", "There is no such review.");
  return review;
}

const ratingOf = (tx: Tx, orderId: number | null) =>
  orderId === null ? null : tx.select().from(relationshipRatings).where(eq(relationshipRatings.orderId, orderId)).get() ?? null;

/** Whether the provider may read the review yet: at once for ISF and group reviews; for an order once double-blind ends or it is public. */
export function openToProvider(tx: Tx, review: Review, now: Date) {
  if (review.basis !== "order" || isPublic(review, now)) return true;
  return isRevealed(review.submittedAt, ratingOf(tx, review.orderId)?.submittedAt ?? null, now);
}

/** The provider rates the working relationship on a delivered order: privately, once, while it is still blind. */
export function rateRelationship(actor: Actor, orderId: number, rating: { stars: number; note: string }, now = new Date()) {
  return immediately((tx) => {
    const order = orderForReview(tx, orderId);
    if (!order) throw new ReviewError("missing", "There is no such order.");
    if (!canAnswerReviews(actor, order)) throw new ReviewError("not-permitted", "Only staff of the organisation that provided this order can rate it.");
    const refusal = windowRefusal(reviewWindow(order.firstDeliveredAt, order.lastDeliveredAt), now);
    if (refusal) throw new ReviewError("refused", order.firstDeliveredAt
      ? `A rating can be given up to ${REVIEW_WINDOW_DAYS} days after the last delivery, and that time has passed.`
      : "You can rate this order once you have recorded a delivery.");
    if (ratingOf(tx, orderId)) throw new ReviewError("refused", "You have already rated this working relationship.");
    const review = tx.select().from(reviews).where(eq(reviews.orderId, orderId)).get();
    if (review && openToProvider(tx, review, now)) {
      throw new ReviewError("refused", "The person's review is already open to you, so a rating now would not be blind.");
    }
    const row = tx.insert(relationshipRatings).values({ orderId, organisationId: order.organisationId, stars: rating.stars, note: rating.note, ratedBy: actor.user.id, submittedAt: now.toISOString() })
      .returning().get();
    recordAudit(tx, { actorId: actor.user.id, personId: order.buyerId, action: "review.relationship-rated", subjectType: "order", subjectId: orderId, detail: { stars: rating.stars } });
    return row;
  });
}

/** The provider's one public reply. Replying publishes the review at once (the seven days are for replying). */
export function replyToReview(actor: Actor, reviewId: number, reply: string, now = new Date()) {
  return immediately((tx) => {
    const review = loadReview(tx, reviewId);
    if (!canAnswerReviews(actor, review)) throw new ReviewError("not-permitted", "Only staff of the organisation reviewed can reply.");
    if (review.removedAt) throw new ReviewError("refused", "This review was removed by a moderator, so it cannot be replied to.");
    if (!openToProvider(tx, review, now)) throw new ReviewError("refused", "Rate the working relationship on this order first: then you can read the review and reply.");
    if (review.reply !== null) throw new ReviewError("refused", "You have already replied to this review. A reply cannot be changed.");
    const at = now.toISOString();
    const wasPublic = isPublic(review, now);
    tx.update(reviews).set({ reply, repliedBy: actor.user.id, repliedAt: at, publishAt: wasPublic ? review.publishAt : at, scoredAt: at })
      .where(and(eq(reviews.id, review.id), isNull(reviews.reply))).run();
    if (!wasPublic) enqueueIndexing(tx, [review.serviceId]);
    audit(tx, actor, review, "review.replied", { publishedByReply: !wasPublic });
  });
}

// ---- reports and moderation ------------------------------------------------------------------

/** Anyone may report a review they can see; a few a minute each, so reporting cannot flood the queue. */
export function reportReview(actor: Actor | null, clientIp: string, reviewId: number, reason: string, now = new Date()) {
  const limit = hitLimits([{ key: actor ? `review-report:user:${actor.user.id}` : `review-report:ip:${clientIp}`, max: REPORTS_PER_MINUTE, windowSeconds: 60 }], now);
  if (!limit.allowed) throw new ReviewError("rate-limited", `You have sent a lot of reports in a short time. Please try again in ${minutesText(limit.retryAfterSeconds)}.`);
  return immediately((tx) => {
    const review = loadReview(tx, reviewId);
    const visible = !review.removedAt && (isPublic(review, now) || canAnswerReviews(actor, review) || canReviewFor(actor, review.personId));
    if (!visible) throw new ReviewError("missing", "There is no such review.");
    const report = tx.insert(reviewReports).values({ reviewId, reporterId: actor?.user.id ?? null, reason }).returning().get();
    // Not in the reviewer's access log: who reported a review is for moderators only.
    recordAudit(tx, { actorId: actor?.user.id ?? null, personId: null, action: "review.reported", subjectType: "review", subjectId: review.id, detail: { reportId: report.id } });
    return report;
  });
}

/** A moderator removes a review for a stated policy reason; its reports are closed as upheld, and the score changes. */
export function removeReview(actor: Actor, reviewId: number, removal: { reason: RemovalReason; note: string }, now = new Date()) {
  return immediately((tx) => {
    if (!canRemoveReviews(actor)) throw new ReviewError("not-permitted", "Only moderators can remove reviews.");
    const review = loadReview(tx, reviewId);
    if (review.removedAt) throw new ReviewError("refused", "This review has already been removed.");
    const at = now.toISOString();
    tx.update(reviews).set({ removedAt: at, removedBy: actor.user.id, removalReason: removal.reason, removalNote: removal.note })
      .where(and(eq(reviews.id, review.id), isNull(reviews.removedAt))).run();
    tx.update(reviewReports).set({ status: "upheld", resolvedBy: actor.user.id, resolvedAt: at })
      .where(and(eq(reviewReports.reviewId, review.id), eq(reviewReports.status, "open"))).run();
    if (isPublic(review, now)) enqueueIndexing(tx, [review.serviceId]);
    audit(tx, actor, review, "review.removed", { reason: removal.reason, note: removal.note });
  });
}

/**
 * The person a review is about (or someone acting for them) withdraws it: it stops showing and
 * counting at once, and its open reports close, as there is nothing left to judge. It cannot be
 * put back; the provider's reply goes with it.
 */
export function withdrawReview(actor: Actor, reviewId: number, now = new Date()) {
  return immediately((tx) => {
    const review = loadReview(tx, reviewId);
    if (!canWithdrawReview(actor, review)) throw new ReviewError("not-permitted", "Only the person the review is about, or someone acting for them, can withdraw it.");
    if (review.removedAt) {
      throw new ReviewError("refused", review.removalReason === "withdrawn" ? "This review has already been withdrawn." : "A moderator has already removed this review.");
    }
    const at = now.toISOString();
    tx.update(reviews).set({ removedAt: at, removedBy: actor.user.id, removalReason: "withdrawn", removalNote: "" })
      .where(and(eq(reviews.id, review.id), isNull(reviews.removedAt))).run();
    tx.update(reviewReports).set({ status: "dismissed", resolvedAt: at })
      .where(and(eq(reviewReports.reviewId, review.id), eq(reviewReports.status, "open"))).run();
    if (isPublic(review, now)) enqueueIndexing(tx, [review.serviceId]);
    audit(tx, actor, review, "review.withdrawn");
  });
}

/** Why a review cannot be changed now, or null if it can. */
export function editRefusal(review: Pick<Review, "removedAt" | "removalReason" | "reply">): string | null {
  if (review.removedAt) return review.removalReason === "withdrawn" ? "This review was withdrawn, so it cannot be changed." : "A moderator removed this review, so it cannot be changed.";
  // The reply answers what was written: changing it afterwards would leave the reply answering something else.
  if (review.reply !== null) return "The provider has replied to this review, and their reply answers what you wrote, so it cannot be changed now. You can still withdraw it.";
  return null;
}

/**
 * The person a review is about (or someone acting for them) changes its stars and words, until the
 * provider replies. It keeps its place and its publishing date, says "Changed on ...", and the
 * listing's score follows; a provider who can already read it is told on the order.
 */
export function editReview(actor: Actor, reviewId: number, input: ReviewInput, now = new Date()) {
  return immediately((tx) => {
    const review = loadReview(tx, reviewId);
    if (!canEditReview(actor, review)) throw new ReviewError("not-permitted", "Only the person the review is about, or someone acting for them, can change it.");
    const refusal = editRefusal(review);
    if (refusal) throw new ReviewError("refused", refusal);
    const changed = tx.update(reviews).set({
      mode: input.mode, reliability: input.reliability, communication: input.communication, value: input.value, helpedMe: input.helpedMe,
      overall: input.overall, body: input.body, editedAt: now.toISOString(),
    }).where(and(eq(reviews.id, review.id), isNull(reviews.removedAt), isNull(reviews.reply))).run().changes;
    if (changed === 0) throw new ReviewError("refused", "This review changed while you were editing it: open it again to see where it stands.");
    if (isPublic(review, now)) enqueueIndexing(tx, [review.serviceId]);
    if (review.orderId !== null && openToProvider(tx, review, now)) {
      postSystemMessage(tx, review.orderId, "The review of this order has been changed by its writer.", null, actor.user.id);
    }
    audit(tx, actor, review, "review.edited", { overall: [review.overall, input.overall] });
  });
}

/** A moderator finds nothing wrong: the open reports are closed and the review stays. */
export function dismissReports(actor: Actor, reviewId: number, now = new Date()) {
  return immediately((tx) => {
    if (!canRemoveReviews(actor)) throw new ReviewError("not-permitted", "Only moderators can deal with reports.");
    const review = loadReview(tx, reviewId);
    const closed = tx.update(reviewReports).set({ status: "dismissed", resolvedBy: actor.user.id, resolvedAt: now.toISOString() })
      .where(and(eq(reviewReports.reviewId, review.id), eq(reviewReports.status, "open"))).run().changes;
    if (closed === 0) throw new ReviewError("refused", "There are no open reports on this review.");
    audit(tx, actor, review, "review.reports-dismissed", { closed });
  });
}

// ---- what time does by itself ----------------------------------------------------------------

/**
 * Re-indexes listings whose scores time has changed: reviews whose seven days have passed (now
 * public) and reviews that have aged out of the 24 months counted. Idempotent: each review is
 * marked as it is queued, in the same transaction as its outbox row.
 */
export function rescoreDue(now = new Date()) {
  const at = now.toISOString();
  const since = countsSince(now);
  return immediately((tx) => {
    const published = tx.select({ id: reviews.id, serviceId: reviews.serviceId }).from(reviews)
      .where(and(isNull(reviews.scoredAt), isNull(reviews.removedAt), lte(reviews.publishAt, at))).limit(5000).all();
    const aged = tx.select({ id: reviews.id, serviceId: reviews.serviceId }).from(reviews)
      .where(and(isNull(reviews.expiredAt), isNull(reviews.removedAt), sql`${reviews.submittedAt} < ${since}`)).limit(5000).all();
    if (published.length) tx.update(reviews).set({ scoredAt: at }).where(inArray(reviews.id, published.map((r) => r.id))).run();
    if (aged.length) tx.update(reviews).set({ expiredAt: at }).where(inArray(reviews.id, aged.map((r) => r.id))).run();
    const services = [...new Set([...published, ...aged].map((r) => r.serviceId))];
    enqueueIndexing(tx, services);
    return { published: published.length, aged: aged.length, listings: services.length };
  });
}
