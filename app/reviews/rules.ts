// When a review may be written, when it is public, and who sees what while it is double-blind.
// Pure functions of the times involved, so pages, the service and the job agree.

const DAY = 86_400_000;
/** A review can be written from the first delivery until this many days after the last one. */
export const REVIEW_WINDOW_DAYS = 60;
/** The provider has this many days to reply before a review is published. */
export const REPLY_DAYS = 7;
/** Neither side of an order sees the other's rating until both have written, or this many days after the first did. */
export const BLIND_DAYS = 14;

const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

export type Window = { opensAt: string; closesAt: string };

/** The review window from the delivery dates (null when nothing was delivered). */
export function reviewWindow(firstDeliveredAt: string | null, lastDeliveredAt: string | null): Window | null {
  if (!firstDeliveredAt || !lastDeliveredAt) return null;
  return { opensAt: firstDeliveredAt, closesAt: plus(lastDeliveredAt, REVIEW_WINDOW_DAYS) };
}

/** Why the window refuses a review now, in plain English; null when it is open. */
export function windowRefusal(window: Window | null, now: Date): string | null {
  if (!window) return "You can review this once the provider has recorded delivering it.";
  const at = now.toISOString();
  if (at < window.opensAt) return "You can review this once the provider has recorded delivering it.";
  if (at > window.closesAt) return `Reviews can be written up to ${REVIEW_WINDOW_DAYS} days after the support was delivered, and that time has passed.`;
  return null;
}

/** When a review written at `submittedAt` is published if the provider does not reply first. */
export const publishAtFor = (submittedAt: string) => plus(submittedAt, REPLY_DAYS);

export const isPublic = (review: { publishAt: string; removedAt: string | null }, now: Date) =>
  review.removedAt === null && review.publishAt <= now.toISOString();

/**
 * When the two ratings of an order are revealed to the other side: as soon as both exist, or
 * fourteen days after the first one; null while only one exists and the fourteen days run
 * (or neither exists).
 */
export function revealAt(reviewAt: string | null, providerRatingAt: string | null): string {
  if (reviewAt && providerRatingAt) return reviewAt > providerRatingAt ? reviewAt : providerRatingAt;
  const first = reviewAt ?? providerRatingAt;
  return first ? plus(first, BLIND_DAYS) : "9999-12-31T00:00:00.000Z";
}

export const isRevealed = (reviewAt: string | null, providerRatingAt: string | null, now: Date) =>
  revealAt(reviewAt, providerRatingAt) <= now.toISOString();
