// The Meilisearch engine: a search server of its own, for when search should not share the web
// process's memory and CPU. Its index settings make it answer like the embedded engine (the
// shared contract suite runs unchanged against both); docs/decisions/003 says why each is set.
// Writes wait for Meilisearch's task and throw unless it succeeded, so the outbox only marks a
// change done once it is searchable.
import {
  type EnqueuedTaskPromise, Meilisearch, MeilisearchApiError, MeilisearchRequestError, type MultiSearchParams, type MultiSearchQuery, type RecordAny, type SearchParams, type SearchResponse,
  type Settings, type Task,
} from "meilisearch";
import { priceBandOf } from "../../app/directory/vocabulary";
import {
  type FacetCounts, type FacetName, facetNames, MILES_TO_METRES, type RejectedDocument, type SearchEngine, type SearchHit,
  type SearchRequest, type SearchResult, type ServiceDocument,
} from "../port";
import { haversineMiles, placeText, queryWords, stopWords } from "../text";
import { anyBox, circleCover } from "./meilisearch-geo";

/** What Meilisearch holds: the document, plus what it needs to search, filter, count and place it. */
type IndexedDocument = ServiceDocument & { place: string; tags: string[]; spot: string; _geo: { lat: number; lng: number } };

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
  // `spot` (a listing's coordinates as one string) so that a radius search can count the places in
  // the edge of its circle and name the ones inside it (docs/decisions/012).
  filterableAttributes: ["tags", "rating", "_geo", "spot"],
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
const toIndexed = (d: ServiceDocument): IndexedDocument =>
  ({ ...d, place: placeText(d), tags: tagsOf(d), spot: spotOf(d.lat, d.lng), _geo: { lat: d.lat, lng: d.lng } });

// Values are quoted and escaped, so no value (an unknown area from a URL) can change the expression.
const quote = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** Every filter except the place, which `placeFilter` works out. */
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

/** What one search cost: HTTP requests to Meilisearch, and Meilisearch's own processing time summed over them. */
export type SearchTiming = { requests: number; processingTimeMs: number };

// A radius is cut into this many strips of boxes (more: a thinner ring to check, but each box costs
// Meilisearch two range lookups) ...
const STRIPS = 8;
// ... and if the matches in the ring are in this many places or more, `_geoRadius` is cheaper. It is
// also faceting.maxValuesPerFacet, where Meilisearch stops counting a big ring's places.
const RING_LIMIT = 1000;
// A page sorted by distance is first looked for this close to the person, then (for 1,000 matches
// or more) this close (see `nearestFirst`).
const NEARBY_MILES = [1, 4] as const;
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
  private taskTimeoutMs: number;
  private readying: Promise<void> | undefined;
  private observe: MeilisearchEngineOptions["observe"];
  private warnedNoSpot = false;

  constructor({ host, apiKey, index = "services", taskTimeoutMs = 60_000, observe }: MeilisearchEngineOptions) {
    this.observe = observe;
    this.client = new Meilisearch({
      host,
      apiKey,
      timeout: 10_000,
      // Uncompressed: with any compression Meilisearch 1.21's answers reached Node about 40 ms
      // late (measured: 44 ms against 2 ms for the same 20 hits), and search pages are small.
      requestInit: { headers: { "Accept-Encoding": "identity" } },
    });
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
        const place = await this.placeFilter(q, filter, near, timing);
        if (place === null) return { hits: [], total: 0, facets: emptyFacets() }; // nothing can be that close
        filter.push(place);
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
      throw describe(error, this.client.config.host);
    } finally {
      this.observe?.(timing);
    }
  }

  /** One search request, counted in `timing`. */
  private async ask<T extends RecordAny = ServiceDocument>(timing: SearchTiming, q: string, params: SearchParams) {
    // `totalHits` (exact) is there when asked by page, as every request here is.
    const response: SearchResponse<T> & { totalHits?: number } = await this.client.index<T>(this.index).search(q, { ...SEARCH, ...params });
    timing.requests++;
    timing.processingTimeMs += response.processingTimeMs;
    return response;
  }

  /**
   * A page sorted by distance. Sorting 1,000 or more matches by distance makes Meilisearch read its
   * whole geo R-tree, as `_geoRadius` does. Most first pages lie within a mile of where the person
   * is, so the page is first asked for among the matches within a mile (few, so sorted cheaply),
   * in one multi-search with the counts over the whole circle. Every match within the mile was a
   * candidate and everything else is further away, so a whole page ending within the mile is the
   * right page. If it is not, and the circle holds 1,000 matches or more, the same is tried within
   * a few miles; only then (or at once, for fewer matches, which sort cheaply) is the page asked
   * for over the whole circle.
   */
  private async nearestFirst(q: string, filter: string[], sort: string[] | undefined, page: SearchParams, request: SearchRequest,
    near: NonNullable<SearchRequest["near"]>, timing: SearchTiming) {
    const within = (miles: number): SearchParams | null => {
      const closeBy = circleCover(near.lat, near.lng, miles, 4);
      return closeBy && { filter: [...filter, anyBox(closeBy.outer)!], sort, ...page };
    };
    const inIndex = { indexUid: this.index, q, ...SEARCH };
    const mile = Math.min(near.radiusMiles, NEARBY_MILES[0]);
    const first = within(mile);
    const queries: MultiSearchQuery[] = [{ ...inIndex, filter, facets: ["tags"], hitsPerPage: 0 }];
    if (first) queries.push({ ...inIndex, ...first });
    const { results } = await this.client.multiSearch<MultiSearchParams, ServiceDocument>({ queries });
    timing.requests++;
    for (const result of results) timing.processingTimeMs += result.processingTimeMs;
    const counted = results[0]!;
    const counts = { totalHits: counted.totalHits, facetDistribution: counted.facetDistribution };
    const wholePage = Math.min(request.pageSize, Math.max(0, (counted.totalHits ?? 0) - (request.page - 1) * request.pageSize));
    const settles = (hits: ServiceDocument[], miles: number) => {
      const last = hits.at(-1);
      return hits.length === wholePage && (!last || haversineMiles(near.lat, near.lng, last.lat, last.lng) <= miles);
    };
    if (results[1] && settles(results[1].hits, mile)) return { hits: results[1].hits, ...counts };
    const further = Math.min(near.radiusMiles, NEARBY_MILES[1]);
    const second = (counted.totalHits ?? 0) >= 1000 && further > mile ? within(further) : null;
    if (second) {
      const { hits } = await this.ask(timing, q, second);
      if (settles(hits, further)) return { hits, ...counts };
    }
    return { hits: (await this.ask(timing, q, { filter, sort, ...page })).hits, ...counts };
  }

  /**
   * The filter clause for "within this many miles", exact to the embedded engine's haversine, and
   * without `_geoRadius` where it can (./meilisearch-geo.ts): boxes wholly inside the circle, plus
   * the places in the thin ring between those and the boxes covering the circle that are within
   * the radius. Those are found by counting the ring's matches by `spot` (a facet count reads a
   * value per listing, far cheaper than fetching them as hits) and measuring each place. When the
   * ring holds more places than that is worth, `_geoRadius` is cheaper. Null when nothing can match.
   */
  private async placeFilter(q: string, filter: string[], near: NonNullable<SearchRequest["near"]>, timing: SearchTiming): Promise<string | null> {
    const radius = `_geoRadius(${near.lat}, ${near.lng}, ${Math.round(near.radiusMiles * MILES_TO_METRES)})`;
    const cover = circleCover(near.lat, near.lng, near.radiusMiles, STRIPS);
    if (!cover) return radius;
    const inner = anyBox(cover.inner);
    let ring;
    try {
      ring = await this.ask(timing, q, {
        filter: [...filter, anyBox(cover.outer)!, ...(inner ? [`NOT ${inner}`] : [])], facets: ["spot"], page: 1, hitsPerPage: 0,
      });
    } catch (error) {
      // An index built before `spot` existed: answer the slow way until it is rebuilt.
      if (!(error instanceof MeilisearchApiError && /`spot` is not filterable/.test(error.message))) throw error;
      if (!this.warnedNoSpot) console.warn(`Meilisearch index ${this.index} has no \`spot\` attribute: radius searches use _geoRadius until \`npm run search:reindex\``);
      this.warnedNoSpot = true;
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
    await this.applied(this.client.index(uid).updateSettings(indexSettings));
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
      const task = await this.applied(this.client.index<IndexedDocument>(uid).addDocuments(good.map(toIndexed), { primaryKey: "id" }));
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
