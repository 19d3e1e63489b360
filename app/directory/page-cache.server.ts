// Search pages asked for again by anyone not logged in — a category link from the home page, a
// popular search, someone coming back to page 1 — are answered from memory for up to a minute,
// or until the index changes, whichever comes first. The search is still logged (demand
// signals count people searching, not renderings). Nothing personal can be cached: requests
// carrying a session cookie always go through. See docs/decisions/001.
import type { MiddlewareFunction } from "react-router";
import { searchEngine } from "../../search/engine";
import { config } from "../config.server";
import { SESSION_COOKIE } from "../accounts/sessions.server";
import { parseSearchParams } from "./search-query";
import { logSearch } from "./search.server";

/** Set by the search route on its document responses, so the cache knows what to log on a hit. */
export const RESULT_COUNT_HEADER = "X-Result-Count";

type Entry = { body: string; headers: [string, string][]; resultCount: number; version: string; storedAt: number };

const MAX_ENTRIES = 500; // about 30 MB at the page's usual size
const MAX_AGE_MS = config.SEARCH_PAGE_CACHE_SECONDS * 1000;
const entries = new Map<string, Entry>();

export const searchPageCache: MiddlewareFunction<Response> = async ({ request }, next) => {
  const url = new URL(request.url);
  if (MAX_AGE_MS === 0 || request.method !== "GET" || url.pathname !== "/search" || (request.headers.get("Cookie") ?? "").includes(`${SESSION_COOKIE}=`)) {
    return next();
  }
  const version = searchEngine().version?.() ?? "";
  const key = url.search;
  const hit = entries.get(key);
  if (hit && hit.version === version && Date.now() - hit.storedAt < MAX_AGE_MS) {
    const parsed = parseSearchParams(url.searchParams);
    if (parsed.ok) logSearch(parsed.input, hit.resultCount);
    entries.delete(key); // most recently used goes to the end
    entries.set(key, hit);
    return new Response(hit.body, { status: 200, headers: hit.headers });
  }

  const response = await next();
  const count = response.headers.get(RESULT_COUNT_HEADER);
  response.headers.delete(RESULT_COUNT_HEADER);
  if (response.status !== 200 || count === null || !response.headers.get("Content-Type")?.startsWith("text/html")) return response;
  const body = await response.text();
  entries.set(key, { body, headers: [...response.headers], resultCount: Number(count), version, storedAt: Date.now() });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return new Response(body, { status: response.status, headers: response.headers });
};
