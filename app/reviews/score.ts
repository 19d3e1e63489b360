// The one score Weave shows for a listing, indexes for search and sorts by: a Bayesian average.
// Pages, the search index and the "rating" sort all call `bayesianScore`, so they cannot disagree.
// The formula and why these numbers are in app/reviews/README.md.

/** What a listing is assumed to score before it has reviews: a little below "good". */
export const PRIOR_MEAN = 3.5;
/** How many reviews' worth of weight the prior carries: a listing's own reviews outweigh it after five. */
export const PRIOR_WEIGHT = 5;
/** Below this many reviews a page says "too few reviews" instead of a score. */
export const MIN_REVIEWS_FOR_SCORE = 3;
/** Only reviews written in the last this many months count. */
export const SCORE_MONTHS = 24;

export const criteria = [
  { key: "reliability", name: "Reliability", question: "Did they turn up and do what they said, when they said?" },
  { key: "communication", name: "Communication", question: "Did they listen, and keep you told?" },
  { key: "value", name: "Value for money", question: "Was it worth what it cost?" },
  { key: "helpedMe", name: "Helped me do what matters to me", question: "Did it help you do what matters to you?" },
] as const;
export type CriterionKey = (typeof criteria)[number]["key"];
export type ScoreKey = CriterionKey | "overall";

/** Σ stars and how many, for one criterion. */
export type Tally = { sum: number; count: number };

/** (PRIOR_WEIGHT × PRIOR_MEAN + Σ stars) / (PRIOR_WEIGHT + n), to two decimals; null with no reviews. */
export function bayesianScore({ sum, count }: Tally): number | null {
  if (count <= 0) return null;
  return Math.round(((PRIOR_WEIGHT * PRIOR_MEAN + sum) / (PRIOR_WEIGHT + count)) * 100) / 100;
}

/** The earliest submission time that still counts at `now`. */
export function countsSince(now: Date): string {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - SCORE_MONTHS);
  return since.toISOString();
}

export type ScoreLine = { score: number | null; count: number };

/** How a page says a score: "4.6 from 23 reviews", or that there are too few to give one. */
export function describeScore({ score, count }: ScoreLine): string {
  if (count === 0 || score === null) return "No reviews yet";
  const reviews = `${count} ${count === 1 ? "review" : "reviews"}`;
  if (count < MIN_REVIEWS_FOR_SCORE) return `${reviews} so far: too few for a score`;
  return `${score.toFixed(1)} from ${reviews}`;
}

/** Whether a page shows the number (it always sorts by it). */
export const showsScore = ({ score, count }: ScoreLine) => score !== null && count >= MIN_REVIEWS_FOR_SCORE;
