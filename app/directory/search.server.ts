// Finding support: runs a search through whichever engine is configured, relaxes a search
// that found nothing, adds the counts people need to switch a single-choice filter, and logs
// every first-page search anonymously for commissioners' demand signals.
import { db } from "../../db/client";
import { searchLog } from "../../db/schema";
import { searchEngine } from "../../search/engine";
import type { FacetCounts, SearchRequest, SearchResult } from "../../search/port";
import { queryWords } from "../../search/text";
import { PAGE_SIZE, type SearchInput } from "./search-query";

export type DirectorySearch = SearchResult & {
  pages: number;
  /** When no service matched every word, the shorter words we searched for instead. */
  relaxedText: string | null;
};

// Single-choice filters: their facet shows what choosing another value would give.
const EXCLUSIVE = ["category", "area", "priceBand", "kind"] as const;

export async function searchDirectory(input: SearchInput): Promise<DirectorySearch> {
  const engine = searchEngine();
  const request: SearchRequest = {
    text: input.text,
    filters: input.filters,
    near: input.location ? { lat: input.location.lat, lng: input.location.lng, radiusMiles: input.radiusMiles } : undefined,
    sort: input.sort,
    page: input.page,
    pageSize: PAGE_SIZE,
  };
  let result = await engine.search(request);

  // Like a good librarian: if nothing matches every word, drop words from the end and say so.
  let relaxedText: string | null = null;
  const { words } = queryWords(input.text);
  for (let keep = words.length - 1; result.total === 0 && keep >= 1; keep--) {
    const shorter = words.slice(0, keep).join(" ");
    const attempt = await engine.search({ ...request, text: `${shorter} ` });
    if (attempt.total > 0) {
      result = attempt;
      relaxedText = shorter;
    }
  }

  const facets: FacetCounts = { ...result.facets };
  const textUsed = relaxedText === null ? request.text : `${relaxedText} `;
  for (const name of EXCLUSIVE) {
    const key = name === "priceBand" && input.filters.free ? null : name;
    if (!key || input.filters[key] === undefined) continue;
    const { [key]: _dropped, ...others } = input.filters;
    const without = await engine.search({ ...request, text: textUsed, filters: others, page: 1, pageSize: 0 });
    facets[name] = without.facets[name];
  }

  logSearch(input, result.total);

  return { ...result, facets, relaxedText, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) };
}

/** One anonymous row per search asked for (page 1 only: paging is not another search). */
export function logSearch(input: SearchInput, resultCount: number) {
  if (input.page !== 1) return;
  db.insert(searchLog).values({
    query: input.text.slice(0, 200),
    filters: loggedFilters(input),
    areaSlug: input.filters.area ?? input.location?.area ?? null,
    townSlug: input.location?.town ?? null,
    resultCount,
  }).run();
}

// No postcode (it narrows to a street), no coordinates: a town and the filters are enough.
function loggedFilters(input: SearchInput): Record<string, string | string[]> {
  const logged: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(input.filters)) {
    if (value === undefined) continue;
    logged[key] = Array.isArray(value) ? value : String(value);
  }
  if (input.location) logged.radiusMiles = String(input.radiusMiles);
  logged.sort = input.sort;
  return logged;
}

/** Loads the engine's in-process state so the first visitor does not wait for it. */
export function warmSearch() {
  void searchEngine().search({ text: "", filters: {}, sort: "relevance", page: 1, pageSize: 0 }).catch((error) => {
    console.warn(`search is not ready yet: ${error instanceof Error ? error.message : error}`);
  });
}
