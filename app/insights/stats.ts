// Percentiles and concentration: plain functions over counts, tested beside this file.

/** The value at quantile q (0..1) of a weighted list, by nearest rank; null when empty. */
export function quantile(values: { value: number; weight: number }[], q: number): number | null {
  const sorted = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, v) => s + v.weight, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const v of sorted) {
    seen += v.weight;
    if (seen >= rank) return v.value;
  }
  return sorted.at(-1)!.value;
}

export const quartiles = (values: { value: number; weight: number }[]) =>
  ({ q1: quantile(values, 0.25), median: quantile(values, 0.5), q3: quantile(values, 0.75) });

/**
 * The Herfindahl–Hirschman index of spend shares, on the usual 0–10,000 scale: 10,000 is one
 * provider taking everything; under 1,500 is usually read as unconcentrated, over 2,500 as highly.
 */
export function hhi(spendByProvider: Iterable<number>): number | null {
  const spends = [...spendByProvider].filter((s) => s > 0);
  const total = spends.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return Math.round(spends.reduce((sum, s) => sum + ((100 * s) / total) ** 2, 0));
}

/** Adds a number into a map under a key. */
export function addTo<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Share of a whole in tenths of a percent (permille), so 12.5% is 125. */
export const permille = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) : 0);
