// The starter pack's arithmetic, pure: how well a service fits a person's plan (kind of support,
// distance, availability, review score), and the typical range of a set of prices.
import type { Day } from "../directory/vocabulary";

/** Suggestions and groups are looked for within this distance of the person's town. */
export const NEAR_MILES = 15;
/** Prices paid are used for a kind of support once this many different people have paid them (as the insights suppress cells under 5). */
export const ENOUGH_PEOPLE = 5;

export type Candidate = {
  id: number; organisationId: number; category: string; distanceMiles: number | null; days: Day[];
  /** The review score the search documents carry (a Bayesian average, 1 to 5); null until reviews exist. */
  rating: number | null;
};

/** How much each kind of support matters to the plan, 0 to 1 (share of planned spend, at least a little for any kind mentioned). */
export type Wanted = { weights: Map<string, number>; radiusMiles: number };

export const WEIGHTS = { category: 40, distance: 30, availability: 15, score: 15 } as const;

export type Fit = { score: number; parts: { category: number; distance: number; availability: number; score: number } };

export function fitOf(c: Candidate, wanted: Wanted): Fit {
  const category = WEIGHTS.category * (wanted.weights.get(c.category) ?? 0);
  const distance = c.distanceMiles === null ? WEIGHTS.distance / 2 : WEIGHTS.distance * Math.max(0, 1 - c.distanceMiles / wanted.radiusMiles);
  // More days offered, more chance of a time that suits; five days or more counts fully.
  const availability = WEIGHTS.availability * Math.min(1, c.days.length / 5);
  // Unrated services sit in the middle, so a new provider is neither buried nor favoured.
  const score = WEIGHTS.score * (c.rating === null ? 0.5 : Math.min(1, Math.max(0, (c.rating - 1) / 4)));
  return { score: category + distance + availability + score, parts: { category, distance, availability, score } };
}

/** The best `n` candidates by fit, at most one per organisation, best first (ties: nearer, then lower id). */
export function rankByFit<C extends Candidate>(candidates: C[], wanted: Wanted, n = 3): (C & { fit: Fit })[] {
  const scored = candidates.map((c) => ({ ...c, fit: fitOf(c, wanted) }))
    .sort((a, b) => b.fit.score - a.fit.score || (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity) || a.id - b.id);
  const seen = new Set<number>();
  const out: (C & { fit: Fit })[] = [];
  for (const c of scored) {
    if (seen.has(c.organisationId)) continue;
    seen.add(c.organisationId);
    out.push(c);
    if (out.length === n) break;
  }
  return out;
}

/** Plan categories weighted by their share of planned spend; kinds with no spend (community, informal) still count a little. */
export function planWeights(lines: { category: string; plannedPence: number }[]): Map<string, number> {
  const total = lines.reduce((n, l) => n + l.plannedPence, 0);
  const weights = new Map<string, number>();
  for (const l of lines) {
    const share = total > 0 ? l.plannedPence / total : 0;
    weights.set(l.category, Math.min(1, Math.max(weights.get(l.category) ?? 0, 0.25, (weights.get(l.category) ?? 0) + share)));
  }
  return weights;
}

/** The middle half of the prices (lower to upper quartile) and the median, in whole pence. */
export function typicalRange(prices: number[]): { low: number; median: number; high: number; count: number } | null {
  if (prices.length === 0) return null;
  const sorted = [...prices].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return Math.round(sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo));
  };
  return { low: at(0.25), median: at(0.5), high: at(0.75), count: sorted.length };
}

/** Great-circle miles between two points. */
export function milesBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 7917.6 * Math.asin(Math.min(1, Math.sqrt(h)));
}
