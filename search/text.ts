// How people's words become search terms, the same for every engine.

// Words that carry no meaning in a directory search ("help with shopping in leeds").
export const stopWords = [
  "a", "an", "and", "any", "are", "as", "at", "be", "by", "can", "for", "from", "i", "in", "is", "it", "me", "my",
  "near", "of", "on", "or", "our", "some", "that", "the", "to", "we", "with", "who", "you", "your",
] as const;
const stop = new Set<string>(stopWords);

export const MAX_WORDS = 10;
export const MAX_WORD_LENGTH = 40;

export type QueryWords = { words: string[]; lastIsPrefix: boolean };

/**
 * Splits text into lower-case words without accents or punctuation, so that nothing a person
 * types (quotes, `*`, `NEAR`, `-`) can reach an engine as query syntax.
 */
export function queryWords(text: string): QueryWords {
  const normalised = normalise(text);
  const words = splitWords(normalised)
    .filter((w) => !stop.has(w))
    .map((w) => w.slice(0, MAX_WORD_LENGTH))
    .slice(0, MAX_WORDS);
  // The last word is still being typed unless the text ends with a space or punctuation.
  const lastIsPrefix = words.length > 0 && /[\p{L}\p{N}]$/u.test(normalised);
  return { words, lastIsPrefix };
}

// Lower case without accents, as FTS5's unicode61 tokenizer (remove_diacritics 2) sees text.
const normalise = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const splitWords = (normalised: string) => normalised.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/** Every word of a text as an index holds it (no stop words removed). */
export const indexWords = (text: string) => splitWords(normalise(text));

/** How many typing mistakes a word of this length may hold and still match (Meilisearch's defaults). */
export function typoBudget(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/**
 * True when a and b are at most `max` edits apart (insert, delete, substitute, or swap two
 * neighbours). Bounded, so a long vocabulary can be scanned quickly.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prevPrev = prev;
    prev = cur;
  }
  return prev[n]! <= max;
}

/** Great-circle distance in miles. */
export function haversineMiles(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}
export const EARTH_RADIUS_MILES = 3958.8;

/** Where a service is, in the words people search by: town, council area and postcode. */
export const placeText = (d: { townName: string; areaName: string; postcode: string | null }) =>
  `${d.townName} ${d.areaName} ${d.postcode ?? ""}`;
