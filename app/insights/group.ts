// Small grouping helpers shared by the facts and the sections.

/** The value under `key`, made (and kept) the first time it is asked for. */
export const entryOf = <K, V>(map: Map<K, V>, key: K, make: () => V): V => map.get(key) ?? map.set(key, make()).get(key)!;

/** Rows grouped by a key, in first-seen order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) entryOf(groups, key(r), () => []).push(r);
  return groups;
}
