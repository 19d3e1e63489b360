// The Meilisearch engine: a search server of its own, for when search should not share the web
// process's memory and CPU. Its index settings make it answer like the embedded engine (the
// shared contract suite runs unchanged against both); docs/decisions/003 says why each is set.
// Writes wait for Meilisearch's task and throw unless it succeeded, so the outbox only marks a
// change done once it is searchable.
import {
  type EnqueuedTaskPromise, Meilisearch, MeilisearchApiError, MeilisearchRequestError, type RecordAny, type SearchParams, type SearchResponse,
  type Settings, type Task,
} from "meilisearch";
import { priceBandOf } from "../../app/directory/vocabulary";
import {
  type FacetCounts, type FacetName, facetNames, MILES_TO_METRES, type RejectedDocument, type SearchEngine, type SearchHit,
  type SearchRequest, type SearchResult, type ServiceDocument,
} from "../port";
import { haversineMiles, placeText, queryWords, stopWords } from "../text";
import { type CellCover, cellCover, cellsOf } from "./meilisearch-geo";
import { jsonPoster, type Post } from "./meilisearch-http";

/** What Meilisearch holds: the document, plus what it needs to search, filter, count and place it. */
type IndexedDocument = ServiceDocument & { place: string; tags: string[]; cells: string[]; spot: string; _geo: { lat: number; lng: number } } & Record<string, unknown>;

/** A place searches start from (a town's centre: postcodes are placed at their town's), by a short name. */
export type Centre = { key: string; lat: number; lng: number };

// Every filter and facet value lives in one list of "facet:value" tags rather than eight
// attributes. When few documents match, Meilisearch counts facets document by document and
// attribute by attribute: with one attribute those searches took a third of the time.
const tag = (facet: FacetName, value: string) => `${facet}:${value}`;
const tagsOf = (d: ServiceDocument) => [
  tag("category", d.category),
  tag("area", d.area),
  tag("priceBand", priceBandOf(d.pricePence, d.priceUnit)),
  tag("kind", d.organisationKind),
  ...d.delivery.map((v) => tag("delivery", v)),
  ...d.days.map((v) => tag("days", v)),
  ...d.accessibility.map((v) => tag("accessibility", v)),
  ...d.payment.map((v) => tag("payment", v)),
  ...(d.groupOffer ? [tag("groupOffer", "yes")] : []),
];

export const indexSettings = {
  // A word is worth most in the title, then the organisation's name, the category, the place, and
  // last the description: the same order as the embedded engine's field weights.
  searchableAttributes: ["title", "organisationName", "category", "place", "description"],
  // `cells` (the grid cells a listing lies in) and `spot` (its coordinates as one string), so that a
  // radius search is a filter by cells with the places on the circle's edge counted and named; and
  // from a known centre, the listing's distance from it (`near_…`, added by `settingsFor`).
  // docs/decisions/012. `_geo` for sorting by distance, and `_geoRadius` where nothing else helps.
  filterableAttributes: ["tags", "rating", "_geo", "cells", "spot"],
  sortableAttributes: ["pricePence", "rating", "updatedAt", "_geo"],
  // `sort` first: when a person asks for cheapest, best rated or nearest, that order decides and
  // relevance only breaks ties, as in the embedded engine. With no sort asked for it does nothing.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  // Whether words are in the same field, not how far apart: the embedded engine ignores proximity
  // altogether, and word-by-word proximity is the costliest part of indexing.
  proximityPrecision: "byAttribute",
  stopWords: [...stopWords],
  // Meilisearch's defaults, written down because the contract depends on them: one typo from five
  // letters, two from nine, none in shorter words (so "arts" never drifts to "acts").
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // Totals and paging must count every match: an empty search over the whole region is a real
  // question ("what is there?"), and the default cap of 1,000 would under-report it.
  pagination: { maxTotalHits: 1_000_000 },
  // More than there are tags (every category, council area, day...), so every count comes back; and
  // the most places a radius search measures one by one (RING_LIMIT): beyond it Meilisearch stops
  // counting, which bounds what a big ring costs.
  faceting: { maxValuesPerFacet: 1000 },
  // Nobody searches within facet values here; not building that index saves indexing time.
  facetSearch: false,
  // Listings are written in English; naming it skips language detection on every field and query.
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["eng"] }],
} satisfies Settings;

export type MeilisearchEngineOptions = {
  host: string;
  /** The master key or an admin key: it writes. It never leaves the server. */
  apiKey: string;
  /** The live index's name; rebuilds swap a new index in under it. */
  index?: string;
  /** How long a write waits for Meilisearch to apply it before the outbox retries it later. */
  taskTimeoutMs?: number;
  /**
   * The places searches start from. A listing's distance from each (within 25 miles) is written on
   * it, so a search from one of them within a whole number of miles is a plain tag filter, without
   * a request to find the circle's edge. Searches from elsewhere use grid cells. Changing the list
   * needs `npm run search:reindex`.
   */
  centres?: readonly Centre[];
  /** Told what each search cost (the benchmark uses it to set Meilisearch's own time beside the adapter's). */
  observe?: (timing: SearchTiming) => void;
};

/** Meilisearch applied nothing from this task; sending the same again later may work. */
export class MeilisearchTaskFailed extends Error {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error ? `${task.error.code}: ${task.error.message}` : "no error given"}`);
    this.name = "MeilisearchTaskFailed";
  }
}

// Refusals caused by a document's own content: sending the same document again cannot succeed.
const isDocumentError = (code: string | undefined) => !!code && (code.startsWith("invalid_document_") || code === "missing_document_id");
const notFound = (error: unknown) => error instanceof MeilisearchApiError && error.cause?.code === "index_not_found";

/** Problems Meilisearch would accept silently but that would put a service in the wrong place. */
function coordinatesProblem({ lat, lng }: ServiceDocument): string | null {
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) return `latitude ${lat} is not between -90 and 90`;
  if (!(Number.isFinite(lng) && lng >= -180 && lng <= 180)) return `longitude ${lng} is not between -180 and 180`;
  return null;
}

/** Where a listing is, as one facet value ("53.79971,-1.54921"): a radius search counts these to measure them. */
const spotOf = (lat: number, lng: number) => `${lat},${lng}`;
const toIndexed = (d: ServiceDocument, centres: Centres | null): IndexedDocument => ({
  ...d, place: placeText(d), tags: tagsOf(d), cells: cellsOf(d.lat, d.lng), spot: spotOf(d.lat, d.lng), _geo: { lat: d.lat, lng: d.lng },
  ...(centres && { [centres.attribute]: nearOf(d, centres.list) }),
});

/**
 * The known centres, and the attribute their distances are written in. Its name carries a hash of
 * the list, so an index built for other centres (a town added since) has no such filterable
 * attribute: Meilisearch refuses the filter and the engine searches by cells, exactly, until
 * the index is rebuilt, rather than trusting distances that were never written.
 */
type Centres = { list: readonly Centre[]; attribute: string; keyAt: Map<string, string> };
function centresOf(list: readonly Centre[]): Centres | null {
  if (list.length === 0) return null;
  let hash = 0x811c9dc5; // FNV-1a
  for (const ch of JSON.stringify([CENTRE_MILES, list.map((c) => [c.key, c.lat, c.lng])])) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return { list, attribute: `near_${hash.toString(36)}`, keyAt: new Map(list.map((c) => [`${c.lat},${c.lng}`, c.key])) };
}

/** The index settings for an engine with these centres. */
const settingsFor = (centres: Centres | null): Settings =>
  ({ ...indexSettings, filterableAttributes: [...indexSettings.filterableAttributes, ...(centres ? [centres.attribute] : [])] });

/**
 * "leeds:7" for a listing 6.2 miles from the centre called "leeds": the distance rounded up to a
 * whole mile, for every known centre within CENTRE_MILES. A listing is within r whole miles exactly
 * when its rounded-up distance is r or less, so the filter `near IN ["leeds:0" ... "leeds:r"]` is
 * exact (measured as the embedded engine measures, centre first).
 */
function nearOf(d: ServiceDocument, centres: readonly Centre[]): string[] {
  const near: string[] = [];
  for (const c of centres) {
    const miles = haversineMiles(c.lat, c.lng, d.lat, d.lng);
    if (miles <= CENTRE_MILES) near.push(`${c.key}:${Math.ceil(miles)}`);
  }
  return near;
}
const withinOf = (centres: Centres, centre: string, miles: number) =>
  `${centres.attribute} IN [${Array.from({ length: miles + 1 }, (_, m) => quote(`${centre}:${m}`)).join(", ")}]`;

// Values are quoted and escaped, so no value (an unknown area from a URL) can change the expression.
const quote = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** Every filter except the place, which `place` works out. */
export function filterOf({ filters: f }: SearchRequest): string[] {
  const clauses: string[] = [];
  const has = (facet: FacetName, value: string | undefined) => {
    if (value !== undefined) clauses.push(`tags = ${quote(tag(facet, value))}`);
  };
  has("category", f.category);
  has("area", f.area);
  has("kind", f.kind);
  has("priceBand", f.priceBand);
  has("priceBand", f.free ? "free" : undefined);
  // Every value asked for must be present: one clause each, and clauses are ANDed.
  for (const value of f.delivery ?? []) has("delivery", value);
  for (const value of f.days ?? []) has("days", value);
  for (const value of f.accessibility ?? []) has("accessibility", value);
  for (const value of f.payment ?? []) has("payment", value);
  has("groupOffer", f.groupOffer ? "yes" : undefined);
  if (f.minRating !== undefined) clauses.push(`rating >= ${Number(f.minRating)}`);
  return clauses;
}

export function sortOf({ sort, near }: SearchRequest, hasWords: boolean): string[] | undefined {
  if (sort === "price") return ["pricePence:asc"];
  if (sort === "rating") return ["rating:desc"]; // Meilisearch puts documents without a rating last
  if (sort === "distance" && near) return [`_geoPoint(${near.lat}, ${near.lng}):asc`];
  // With no words there is no relevance to rank by: best rated, then most recently checked.
  if (sort === "relevance" && !hasWords) return ["rating:desc", "updatedAt:desc"];
  return undefined;
}

// Circles people search are few (towns and postcodes at a handful of distances): their cells are kept.
const covers = new Map<string, CellCover | null>();
function coverOf(lat: number, lng: number, miles: number) {
  const key = `${lat},${lng},${miles}`;
  let cover = covers.get(key);
  if (cover === undefined) {
    cover = cellCover(lat, lng, miles);
    if (covers.size >= 2000) covers.delete(covers.keys().next().value!);
    covers.set(key, cover);
  }
  return cover;
}

/** One filter clause true for listings in any of these grid cells (null for none). */
const inCells = (cells: string[]) => (cells.length === 0 ? null : `cells IN [${cells.map(quote).join(", ")}]`);

/** What one search cost: HTTP requests to Meilisearch, and Meilisearch's own processing time summed over them. */
export type SearchTiming = { requests: number; processingTimeMs: number };

// If the matches in a circle's edge cells are in this many places or more, `_geoRadius` is cheaper.
// It is also faceting.maxValuesPerFacet, where Meilisearch stops counting the edge's places.
const RING_LIMIT = 1000;
// A page sorted by distance is first looked for this close to the place, then (for 1,000 matches or
// more) this close (see `nearestFirst`).
const NEARBY_MILES = [2, 6] as const;
// How far from each known centre a listing's distance is written on it (see `centres`).
const CENTRE_MILES = 25;
// Every search: every word must match (as in the embedded engine), and the text is English.
const SEARCH = { matchingStrategy: "all", locales: ["eng"] } as const satisfies SearchParams;

// A hit is the document as the app gave it: the fields only the index needs (place, tags, spot, _geo)
// are not sent back. Listed as an object so that a field added to ServiceDocument must be added here.
const documentFieldSet: Record<keyof ServiceDocument, true> = {
  id: true, title: true, description: true, category: true, organisationId: true, organisationName: true,
  organisationKind: true, town: true, townName: true, area: true, areaName: true, postcode: true, lat: true, lng: true,
  pricePence: true, priceUnit: true, delivery: true, days: true, accessibility: true, payment: true, vetting: true,
  rating: true, ratingCount: true, updatedAt: true, groupOffer: true,
};
const documentFields = Object.keys(documentFieldSet);

const emptyFacets = (): FacetCounts =>
  Object.fromEntries(facetNames.map((name) => [name, {}])) as FacetCounts;

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  readonly index: string;
  private client: Meilisearch;
  /** Searches go this way (./meilisearch-http.ts); everything else through `client`. */
  private post: Post;
  private taskTimeoutMs: number;
  private readying: Promise<void> | undefined;
  private observe: MeilisearchEngineOptions["observe"];
  private centres: Centres | null;
  // Until when searches do without cells or centres, after the live index was found to lack them
  // (built by an earlier version, or for other centres). Tried again after a minute, since a
  // rebuild in another process (`npm run search:reindex`) may have swapped in one that has them.
  private slowUntil = { cells: 0, centres: 0 };

  constructor({ host, apiKey, index = "services", taskTimeoutMs = 60_000, observe, centres = [] }: MeilisearchEngineOptions) {
    this.observe = observe;
    this.centres = centresOf(centres);
    this.client = new Meilisearch({
      host,
      apiKey,
      timeout: 10_000,
      // Uncompressed: with any compression Meilisearch 1.21's answers reached Node about 40 ms
      // late (measured: 44 ms against 2 ms for the same 20 hits), and search pages are small.
      requestInit: { headers: { "Accept-Encoding": "identity" } },
    });
    this.post = jsonPoster(host, apiKey, 10_000);
    this.index = index;
    this.taskTimeoutMs = taskTimeoutMs;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const { words, lastIsPrefix } = queryWords(request.text);
    // Only the words, never the person's raw text, so quotes and "-" cannot become query syntax.
    // A trailing space tells Meilisearch the last word is finished, so it is not a prefix.
    const q = words.length === 0 ? "" : `${words.join(" ")}${lastIsPrefix ? "" : " "}`;
    const timing: SearchTiming = { requests: 0, processingTimeMs: 0 };
    try {
      const filter = filterOf(request);
      const near = request.near;
      const sort = sortOf(request, words.length > 0);
      const page = { page: request.page, hitsPerPage: request.pageSize, attributesToRetrieve: documentFields };
      let response: Pick<SearchResponse<ServiceDocument>, "hits" | "totalHits" | "facetDistribution">;
      if (near) {
        const circle = await this.circle(q, filter, near, timing);
        if (circle === null) return { hits: [], total: 0, facets: emptyFacets() }; // nothing can be that close
        filter.push(circle);
      }
      if (near && request.sort === "distance") {
        response = await this.nearestFirst(q, filter, sort, page, request, near, timing);
      } else {
        response = await this.ask(timing, q, { filter, sort, facets: ["tags"], ...page });
      }

      const facets = emptyFacets();
      for (const [tagged, count] of Object.entries(response.facetDistribution?.tags ?? {})) {
        const colon = tagged.indexOf(":");
        const name = tagged.slice(0, colon) as FacetName;
        if (name in facets) facets[name][tagged.slice(colon + 1)] = count;
      }
      const hits: SearchHit[] = response.hits.map((doc) => ({
        ...doc,
        // Worked out here rather than taken from _geoDistance, which Meilisearch only gives when sorting by distance.
        distanceMiles: near ? haversineMiles(near.lat, near.lng, doc.lat, doc.lng) : null,
      }));
      return { hits, total: response.totalHits ?? 0, facets };
    } catch (error) {
      // Nothing indexed yet, as with an empty embedded index.
      if (notFound(error)) return { hits: [], total: 0, facets: emptyFacets() };
      // An index built for other centres, or none: search by cells until it is rebuilt.
      if (this.centres && Date.now() >= this.slowUntil.centres && error instanceof MeilisearchApiError && error.message.includes(`\`${this.centres.attribute}\` is not filterable`)) {
        console.warn(`Meilisearch index ${this.index} was built for other search centres: searches from towns use cells until \`npm run search:reindex\``);
        this.slowUntil.centres = Date.now() + 60_000;
        return this.search(request);
      }
      throw describe(error, this.client.config.host);
    } finally {
      this.observe?.(timing);
    }
  }

  /** One search request, counted in `timing`. */
  private async ask<T extends RecordAny = ServiceDocument>(timing: SearchTiming, q: string, params: SearchParams) {
    // `totalHits` (exact) is there when asked by page, as every request here is.
    const response = await this.post<SearchResponse<T> & { totalHits?: number }>(`indexes/${encodeURIComponent(this.index)}/search`, { q, ...SEARCH, ...params });
    timing.requests++;
    timing.processingTimeMs += response.processingTimeMs;
    return response;
  }

  /**
   * A page sorted by distance. Sorting 1,000 or more matches by distance makes Meilisearch read its
   * whole geo R-tree (6-20 ms); fewer it measures one by one. Most first pages lie within a couple
   * of miles of the place, so the counts over the whole circle and the page among the matches
   * within 2 miles are asked for together. Every match within 2 miles was a candidate and
   * everything else is further away, so a whole page ending within 2 miles is the right page. If
   * it is not, and the circle holds 1,000 matches or more, the same is tried within 6 miles; only
   * then (or at once, for fewer matches, which sort cheaply) is the page asked for over the whole
   * circle.
   */
  private async nearestFirst(q: string, filter: string[], sort: string[] | undefined, page: SearchParams, request: SearchRequest,
    near: NonNullable<SearchRequest["near"]>, timing: SearchTiming) {
    const [closest, further] = NEARBY_MILES.map((miles) => Math.min(near.radiusMiles, miles)) as [number, number];
    const within = (miles: number): SearchParams | null => {
      const clause = miles < near.radiusMiles ? this.within(near, miles) : null;
      return clause === null ? null : { filter: [...filter, clause], sort, ...page };
    };
    // A small circle is its own "close by". Two requests at once rather than one multi-search:
    // Meilisearch answers them on two threads, so the page costs no time beside the counts.
    const first = within(closest);
    const [counted, nearby] = await Promise.all([
      this.ask(timing, q, { filter, facets: ["tags"], page: 1, hitsPerPage: 0 }),
      this.ask(timing, q, first ?? { filter, sort, ...page }),
    ]);
    const counts = { totalHits: counted.totalHits, facetDistribution: counted.facetDistribution };
    const wholePage = Math.min(request.pageSize, Math.max(0, (counted.totalHits ?? 0) - (request.page - 1) * request.pageSize));
    const settles = (hits: ServiceDocument[], miles: number) => {
      const last = hits.at(-1);
      return hits.length === wholePage && (!last || haversineMiles(near.lat, near.lng, last.lat, last.lng) <= miles);
    };
    if (!first || settles(nearby.hits, closest)) return { hits: nearby.hits, ...counts };
    const second = (counted.totalHits ?? 0) >= 1000 ? within(further) : null;
    if (second) {
      const { hits } = await this.ask(timing, q, second);
      if (settles(hits, further)) return { hits, ...counts };
    }
    return { hits: (await this.ask(timing, q, { filter, sort, ...page })).hits, ...counts };
  }

  /** A filter clause true for every listing within `miles` (and perhaps a few more) of the place: cheap to evaluate. */
  private within(near: NonNullable<SearchRequest["near"]>, miles: number): string | null {
    const centre = this.centreAt(near, miles);
    if (centre) return withinOf(this.centres!, centre, miles);
    const cover = Date.now() < this.slowUntil.cells ? null : coverOf(near.lat, near.lng, miles);
    return cover && inCells([...cover.inner, ...cover.edge]);
  }

  /** The known centre at this place, if `miles` from it is written on the listings (see `centres`). */
  private centreAt(near: { lat: number; lng: number }, miles: number): string | null {
    if (!this.centres || Date.now() < this.slowUntil.centres || !Number.isInteger(miles) || miles < 0 || miles > CENTRE_MILES) return null;
    return this.centres.keyAt.get(`${near.lat},${near.lng}`) ?? null;
  }

  /**
   * "Within this many miles" as one filter clause, exact to the embedded engine's haversine, without
   * `_geoRadius` where it can. From a known centre, a whole number of miles up to CENTRE_MILES, it is
   * written on every listing: no request. Otherwise by grid cells (./meilisearch-geo.ts): the cells
   * wholly inside the circle, plus the places in its edge cells that are within the radius. Those
   * are found by counting the edge's matches by `spot` (a facet count reads a value per listing,
   * far cheaper than fetching them as hits) and measuring each place. When the edge holds more
   * places than that is worth, `_geoRadius` is cheaper. Null when nothing can match.
   */
  private async circle(q: string, filter: string[], near: NonNullable<SearchRequest["near"]>, timing: SearchTiming): Promise<string | null> {
    const centre = this.centreAt(near, near.radiusMiles);
    if (centre) return withinOf(this.centres!, centre, near.radiusMiles);
    const radius = `_geoRadius(${near.lat}, ${near.lng}, ${Math.round(near.radiusMiles * MILES_TO_METRES)})`;
    const cover = Date.now() < this.slowUntil.cells ? null : coverOf(near.lat, near.lng, near.radiusMiles);
    if (!cover) return radius;
    const inner = inCells(cover.inner);
    const edge = inCells(cover.edge);
    if (!edge) return inner;
    let ring;
    try {
      ring = await this.ask(timing, q, { filter: [...filter, edge], facets: ["spot"], page: 1, hitsPerPage: 0 });
    } catch (error) {
      // An index built before `cells` existed: answer the slow way until it is rebuilt.
      if (!(error instanceof MeilisearchApiError && /`(cells|spot)` is not filterable/.test(error.message))) throw error;
      console.warn(`Meilisearch index ${this.index} has no \`cells\` attribute: radius searches use _geoRadius until \`npm run search:reindex\``);
      this.slowUntil.cells = Date.now() + 60_000;
      return radius;
    }
    const spots = Object.entries(ring.facetDistribution?.spot ?? {});
    // Meilisearch returns at most maxValuesPerFacet places: if some are missing, measure none.
    if (spots.length >= RING_LIMIT || spots.reduce((sum, [, n]) => sum + n, 0) !== ring.totalHits) return radius;
    const inside = spots.map(([spot]) => spot).filter((spot) => {
      const [lat, lng] = spot.split(",").map(Number) as [number, number];
      return haversineMiles(near.lat, near.lng, lat, lng) <= near.radiusMiles;
    });
    const named = inside.length > 0 ? `spot IN [${inside.map(quote).join(", ")}]` : null;
    if (inner && named) return `(${inner} OR ${named})`;
    return inner ?? named;
  }

  async upsert(docs: ServiceDocument[]) {
    if (docs.length === 0) return {};
    try {
      await this.ready();
      const sent = await this.addDocuments(this.index, docs);
      return { taskId: sent.taskIds.join(",") || undefined, rejected: sent.rejected };
    } catch (error) {
      throw describe(error, this.client.config.host);
    }
  }

  async remove(ids: number[]) {
    if (ids.length === 0) return {};
    try {
      await this.ready();
      const task = await this.applied(this.client.index(this.index).deleteDocuments(ids));
      return { taskId: String(task.uid) };
    } catch (error) {
      throw describe(error, this.client.config.host);
    }
  }

  /**
   * Builds a new index beside the live one, then swaps them in one Meilisearch task: searches
   * answer from the old index until the swap and from the new one after it, never from neither.
   */
  async reindex(batches: AsyncIterable<ServiceDocument[]> | Iterable<ServiceDocument[]>) {
    const next = `${this.index}_${Date.now()}`;
    await this.createConfigured(next);
    try {
      const { rejected } = await this.addAll(next, batches);
      if (rejected.length > 0) {
        console.warn(`search rebuild: Meilisearch refused ${rejected.length} document(s), left out: ${
          rejected.slice(0, 5).map((r) => `#${r.id} (${r.reason})`).join("; ")}`);
      }
      await this.swapIn(next);
    } catch (error) {
      await this.client.deleteIndexIfExists(next).catch(() => undefined);
      throw describe(error, this.client.config.host);
    }
  }

  /** The live index exists with our settings before the first write (adding documents would create it bare). */
  private ready(): Promise<void> {
    this.readying ??= this.ensureLiveIndex().catch((error: unknown) => {
      this.readying = undefined;
      throw error;
    });
    return this.readying;
  }

  private async ensureLiveIndex() {
    try {
      await this.client.getRawIndex(this.index);
    } catch (error) {
      if (!notFound(error)) throw error;
      await this.createConfigured(this.index);
    }
  }

  private async createConfigured(uid: string) {
    try {
      await this.applied(this.client.createIndex(uid, { primaryKey: "id" }));
    } catch (error) {
      // Another process created it first; settings below are the same either way.
      if (!(error instanceof MeilisearchTaskFailed && error.task.error?.code === "index_already_exists")) throw error;
    }
    await this.applied(this.client.index(uid).updateSettings(settingsFor(this.centres)));
  }

  private async swapIn(next: string) {
    const liveExists = await this.client.getRawIndex(this.index).then(() => true, (error: unknown) => {
      if (notFound(error)) return false;
      throw error;
    });
    if (!liveExists) {
      await this.applied(this.client.swapIndexes([{ indexes: [next, this.index], rename: true }]));
    } else {
      await this.applied(this.client.swapIndexes([{ indexes: [this.index, next], rename: false }]));
      // `next` now holds the old documents. Failing to delete it leaves litter, not a wrong answer.
      await this.applied(this.client.deleteIndex(next)).catch((error: unknown) => {
        console.warn(`search rebuild: could not delete the old index ${next}: ${error instanceof Error ? error.message : error}`);
      });
    }
    this.readying = Promise.resolve();
    this.slowUntil = { cells: 0, centres: 0 };
  }

  /** Waits for a task and throws unless Meilisearch applied it. */
  private async applied(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: 20 });
    if (task.status !== "succeeded") throw new MeilisearchTaskFailed(task);
    return task;
  }

  /**
   * Adds documents, leaving out any that Meilisearch refuses for their own content: our own checks
   * first, then halving a refused batch until the culprits stand alone, so one bad listing never
   * holds back the rest. Any other failure throws, and the whole batch is tried again later.
   */
  private async addDocuments(uid: string, docs: ServiceDocument[], sent = { taskIds: [] as number[], rejected: [] as RejectedDocument[] }) {
    const good: ServiceDocument[] = [];
    for (const doc of docs) {
      const problem = coordinatesProblem(doc);
      if (problem) sent.rejected.push({ id: doc.id, reason: problem });
      else good.push(doc);
    }
    if (good.length === 0) return sent;
    try {
      const task = await this.applied(this.client.index<IndexedDocument>(uid).addDocuments(good.map((d) => toIndexed(d, this.centres)), { primaryKey: "id" }));
      sent.taskIds.push(task.uid);
    } catch (error) {
      if (!(error instanceof MeilisearchTaskFailed && isDocumentError(error.task.error?.code))) throw error;
      sent.taskIds.push(error.task.uid);
      if (good.length === 1) {
        sent.rejected.push({ id: good[0]!.id, reason: error.task.error!.message });
      } else {
        const half = Math.ceil(good.length / 2);
        await this.addDocuments(uid, good.slice(0, half), sent);
        await this.addDocuments(uid, good.slice(half), sent);
      }
    }
    return sent;
  }

  /** Sends a rebuild's batches a few at a time, so Meilisearch indexes one while the next is read and sent. */
  private async addAll(uid: string, batches: AsyncIterable<ServiceDocument[]> | Iterable<ServiceDocument[]>) {
    const sent = { taskIds: [] as number[], rejected: [] as RejectedDocument[] };
    const inFlight: Promise<unknown>[] = [];
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      const sending = this.addDocuments(uid, batch, sent);
      // Marked as handled now; the await below still throws if it failed.
      sending.catch(() => undefined);
      inFlight.push(sending);
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return sent;
  }
}

/** Says which server could not be reached, rather than the client's bare "request failed". */
function describe(error: unknown, host: string): unknown {
  if (error instanceof MeilisearchRequestError) {
    const cause = error.cause as { code?: string; cause?: { code?: string }; message?: string } | undefined;
    const why = cause?.cause?.code ?? cause?.code ?? cause?.message ?? "no answer";
    return new Error(`Meilisearch at ${host} is unreachable (${why})`, { cause: error });
  }
  return error;
}
