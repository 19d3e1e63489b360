// What the review pages read. Every list is paged or bounded, in a fixed number of queries.
// Reviewers are never named in public: a review says whether it was a verified purchase and
// whether a representative wrote it, not who the person is.
import { and, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { relationshipRatings, reviewReports, reviews, services } from "../../db/schema";
import { type Actor, canAnswerReviews, canEditReview, canReviewFor, canWithdrawReview } from "../accounts/permissions";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { orderForReview } from "../purchasing/views.server";
import { editRefusal, openToProvider, serviceReviewBasis, type Review } from "./reviews.server";
import { isPublic, isRevealed, REPLY_DAYS, reviewWindow, revealAt, windowRefusal } from "./rules";
import { countsAt, listingScores, noScores } from "./scores.server";

export const REVIEWS_PAGE = 10;

/** What anyone may read of a review. */
export type PublicReview = Pick<Review, "id" | "basis" | "byRepresentative" | "mode" | "reliability" | "communication" | "value" | "helpedMe" | "overall" | "body" | "submittedAt" | "editedAt" | "reply" | "repliedAt">;

const publicColumns = {
  id: reviews.id, basis: reviews.basis, byRepresentative: reviews.byRepresentative, mode: reviews.mode, reliability: reviews.reliability,
  communication: reviews.communication, value: reviews.value, helpedMe: reviews.helpedMe, overall: reviews.overall, body: reviews.body,
  submittedAt: reviews.submittedAt, editedAt: reviews.editedAt, reply: reviews.reply, repliedAt: reviews.repliedAt,
};

export const publicPart = (r: Review): PublicReview => Object.fromEntries(Object.keys(publicColumns).map((k) => [k, r[k as keyof Review]])) as PublicReview;

/** A service's scores and one page of its public reviews, newest first. */
export function serviceReviews(serviceId: number, page = 1, now = new Date()) {
  const where = and(eq(reviews.serviceId, serviceId), isNull(reviews.removedAt), sql`${reviews.publishAt} <= ${now.toISOString()}`);
  const total = db.select({ n: count() }).from(reviews).where(where).get()?.n ?? 0;
  const list: PublicReview[] = db.select(publicColumns).from(reviews).where(where)
    .orderBy(desc(reviews.publishAt), desc(reviews.id)).limit(REVIEWS_PAGE).offset((page - 1) * REVIEWS_PAGE).all();
  return { scores: listingScores(db, [serviceId], now).get(serviceId) ?? noScores(), reviews: list, total, pages: Math.max(1, Math.ceil(total / REVIEWS_PAGE)) };
}

type ReviewableService = { id: number; organisationId: number; priceUnit: string; pricePence: number };

/**
 * Whom the signed-in person can review a service for without an order (themselves, people they
 * act for), on what basis; and, when nobody, why not.
 */
export function serviceReviewChoices(actor: Actor, service: ReviewableService, now = new Date()) {
  if (actor.organisations.some((o) => o.id === service.organisationId)) {
    return { choices: [], reason: "You work for the organisation that provides this, so you cannot review it." };
  }
  const people = [{ id: actor.user.id, name: "Yourself" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  const choices: { personId: number; name: string; basis: "isf" | "attended" }[] = [];
  let reason = "";
  for (const person of people) {
    const b = serviceReviewBasis(db, person.id, service, now);
    if (b.basis) choices.push({ personId: person.id, name: person.name, basis: b.basis });
    else if (person.id === actor.user.id) reason = b.reason;
  }
  return { choices, reason };
}

/** Whether the service page offers the signed-in person a "Review this service" link. */
export const canReviewServiceNow = (actor: Actor | null, service: ReviewableService, now = new Date()) =>
  !!actor && serviceReviewChoices(actor, service, now).choices.length > 0;

/** The order review page from the buyer's side: the order, the window, their review, and the provider's rating once revealed. */
export function orderReviewState(orderId: number, now = new Date()) {
  const order = orderForReview(db, orderId);
  if (!order) return null;
  const review = db.select().from(reviews).where(eq(reviews.orderId, orderId)).get() ?? null;
  const rating = db.select().from(relationshipRatings).where(eq(relationshipRatings.orderId, orderId)).get() ?? null;
  const revealed = isRevealed(review?.submittedAt ?? null, rating?.submittedAt ?? null, now);
  return {
    order,
    window: reviewWindow(order.firstDeliveredAt, order.lastDeliveredAt),
    refusal: review ? null : windowRefusal(reviewWindow(order.firstDeliveredAt, order.lastDeliveredAt), now),
    review,
    published: review ? isPublic(review, now) : false,
    providerRating: rating && revealed ? { stars: rating.stars, note: rating.note } : null,
    providerRated: !!rating,
    revealsAt: revealAt(review?.submittedAt ?? null, rating?.submittedAt ?? null),
  };
}

/** The provider's view of an order's ratings: their own, and the person's review once it is open to them. */
export function providerOrderReview(orderId: number, now = new Date()) {
  const state = orderReviewState(orderId, now);
  if (!state) return null;
  const rating = db.select().from(relationshipRatings).where(eq(relationshipRatings.orderId, orderId)).get() ?? null;
  const open = state.review ? openToProvider(db, state.review, now) : false;
  return { order: state.order, window: state.window, rating, review: state.review && open ? publicPart(state.review) : null, reviewWaiting: !!state.review && !open, revealsAt: state.revealsAt };
}

/** One review for the provider's page: the review (if open to them yet) and its reply state. */
export function reviewForProvider(actor: Actor, reviewId: number, now = new Date()) {
  const review = db.select().from(reviews).where(eq(reviews.id, reviewId)).get();
  if (!review) return "missing" as const;
  if (!canAnswerReviews(actor, review)) return "forbidden" as const;
  const service = db.select({ name: services.name }).from(services).where(eq(services.id, review.serviceId)).get();
  return { review, serviceName: service?.name ?? "", open: openToProvider(db, review, now), published: isPublic(review, now), replyBy: review.publishAt };
}

/** The provider's reviews (newest first) and the trend by month over the last year. */
export function providerReviews(actor: Actor, page = 1, now = new Date()) {
  const orgs = actor.organisations.map((o) => o.id);
  if (orgs.length === 0) return null;
  const mine = inArray(reviews.organisationId, orgs);
  const total = db.select({ n: count() }).from(reviews).where(mine).get()?.n ?? 0;
  const rows = db.select({ review: reviews, serviceName: services.name }).from(reviews).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(mine).orderBy(desc(reviews.submittedAt), desc(reviews.id)).limit(REVIEWS_PAGE).offset((page - 1) * REVIEWS_PAGE).all();
  const list = rows.map(({ review, serviceName }) => {
    const open = openToProvider(db, review, now);
    return {
      id: review.id, serviceName, basis: review.basis, submittedAt: review.submittedAt, published: isPublic(review, now), removed: !!review.removedAt,
      replied: review.reply !== null, replyBy: review.publishAt, open, overall: open ? review.overall : null,
    };
  });
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const trend = db.select({ month: sql<string>`substr(${reviews.submittedAt}, 1, 7)`, count: count(), average: sql<number>`round(avg(${reviews.overall}), 1)` })
    .from(reviews).where(and(mine, countsAt(now), sql`${reviews.submittedAt} >= ${yearAgo}`))
    .groupBy(sql`substr(${reviews.submittedAt}, 1, 7)`).orderBy(sql`1`).all();
  const waiting = db.select({ n: count() }).from(reviews)
    .where(and(mine, isNull(reviews.reply), isNull(reviews.removedAt), sql`${reviews.publishAt} > ${now.toISOString()}`)).get()?.n ?? 0;
  return { reviews: list, total, pages: Math.max(1, Math.ceil(total / REVIEWS_PAGE)), trend, waiting, replyDays: REPLY_DAYS };
}

/** Reviews written by the person or for them (by a representative), and by them for people they act for. */
export function reviewsWrittenBy(actor: Actor, page = 1, now = new Date()) {
  const where = or(eq(reviews.authorId, actor.user.id), inArray(reviews.personId, [actor.user.id, ...actor.represents]));
  const total = db.select({ n: count() }).from(reviews).where(where).get()?.n ?? 0;
  const rows = db.select({ review: reviews, serviceName: services.name }).from(reviews).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(where).orderBy(desc(reviews.submittedAt), desc(reviews.id)).limit(REVIEWS_PAGE).offset((page - 1) * REVIEWS_PAGE).all();
  return {
    total, pages: Math.max(1, Math.ceil(total / REVIEWS_PAGE)),
    reviews: rows.map(({ review, serviceName }) => ({ review, serviceName, published: isPublic(review, now), forSomeoneElse: review.personId !== actor.user.id })),
  };
}

/** Moderators' queue: reviews with open reports, oldest report first. */
export function reportedReviews(page = 1) {
  const total = db.select({ n: sql<number>`count(DISTINCT ${reviewReports.reviewId})` }).from(reviewReports).where(eq(reviewReports.status, "open")).get()?.n ?? 0;
  const rows = db.select({ reviewId: reviewReports.reviewId, reports: count(), firstAt: sql<string>`min(${reviewReports.createdAt})`, serviceName: services.name })
    .from(reviewReports).innerJoin(reviews, eq(reviews.id, reviewReports.reviewId)).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(eq(reviewReports.status, "open")).groupBy(reviewReports.reviewId).orderBy(sql`min(${reviewReports.createdAt})`)
    .limit(20).offset((page - 1) * 20).all();
  return { reported: rows, reportedTotal: total, reportedPages: Math.max(1, Math.ceil(total / 20)) };
}

/** One review with its reports, for a moderator. */
export function reviewForModerator(reviewId: number, now = new Date()) {
  const review = db.select().from(reviews).where(eq(reviews.id, reviewId)).get();
  if (!review) return null;
  const service = db.select({ name: services.name }).from(services).where(eq(services.id, review.serviceId)).get();
  const reports = db.select().from(reviewReports).where(eq(reviewReports.reviewId, reviewId)).orderBy(desc(reviewReports.id)).limit(50).all();
  return { review, serviceName: service?.name ?? "", reports, published: isPublic(review, now) };
}

/** A review as the person who reported it may see it (public, or theirs): for the report page. */
export function reviewToReport(actor: Actor | null, reviewId: number, now = new Date()): PublicReview | null {
  const review = db.select().from(reviews).where(eq(reviews.id, reviewId)).get();
  if (!review || review.removedAt) return null;
  if (!isPublic(review, now) && !canAnswerReviews(actor, review) && !canReviewFor(actor, review.personId)) return null;
  return publicPart(review);
}

/** A review its person (or someone acting for them) may withdraw: "missing" for no such review, "forbidden" for anyone else's. */
export function reviewToWithdraw(actor: Actor, reviewId: number) {
  const row = db.select({ review: reviews, serviceName: services.name }).from(reviews).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(eq(reviews.id, reviewId)).get();
  if (!row) return "missing" as const;
  if (!canWithdrawReview(actor, row.review)) return "forbidden" as const;
  return { card: publicPart(row.review), serviceName: row.serviceName, removedAt: row.review.removedAt, removalReason: row.review.removalReason };
}

/** A review as its writer changes it: the form's values, and why it cannot be changed if it cannot. */
export function reviewToEdit(actor: Actor, reviewId: number) {
  const row = db.select({ review: reviews, serviceName: services.name }).from(reviews).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(eq(reviews.id, reviewId)).get();
  if (!row) return "missing" as const;
  if (!canEditReview(actor, row.review)) return "forbidden" as const;
  const r = row.review;
  const values: Record<string, string> = { mode: r.mode, body: r.body };
  for (const key of ["reliability", "communication", "value", "helpedMe", "overall"] as const) values[key] = String(r[key]);
  return { card: publicPart(r), serviceName: row.serviceName, mode: r.mode, values, refusal: editRefusal(r) };
}

/** Reviews the provider can still reply to before they are published (the inbox's notice), oldest first. */
export function reviewsAwaitingReply(actor: Actor, now = new Date()) {
  const orgs = actor.organisations.map((o) => o.id);
  if (orgs.length === 0) return [];
  return db.select({ id: reviews.id, orderId: reviews.orderId, serviceName: services.name, replyBy: reviews.publishAt })
    .from(reviews).innerJoin(services, eq(services.id, reviews.serviceId))
    .where(and(inArray(reviews.organisationId, orgs), isNull(reviews.reply), isNull(reviews.removedAt), sql`${reviews.publishAt} > ${now.toISOString()}`))
    .orderBy(reviews.publishAt).limit(20).all();
}
