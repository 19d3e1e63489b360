// The embedded engine's filter side: every indexed service's filterable attributes held in typed
// arrays, so filters, facet counts, geo distance and sorting over 100,000 listings take a few
// milliseconds in process instead of hundreds in SQL. The database stays the truth: this is a
// cache that catches up on rows newer than the generation it has loaded.
import { accessibilityFeatures, days, deliveryModes, paymentRoutes, type Slugged } from "../../app/directory/vocabulary";
import type { FacetCounts, SearchFilters, SearchRequest } from "../port";
import { EARTH_RADIUS_MILES } from "../text";

export const MASKED = [
  { facet: "delivery", list: deliveryModes },
  { facet: "days", list: days },
  { facet: "accessibility", list: accessibilityFeatures },
  { facet: "payment", list: paymentRoutes },
] as const;
export const CODED = ["category", "area", "priceBand", "kind"] as const;
type Coded = (typeof CODED)[number];
type Masked = (typeof MASKED)[number]["facet"];

export const maskOf = (list: readonly Slugged[], values: readonly string[] = []) =>
  values.reduce((mask, v) => {
    const bit = list.findIndex((x) => x.slug === v);
    return bit < 0 ? mask : mask | (1 << bit);
  }, 0);

export const emptyFacets = (): FacetCounts => ({
  category: {}, area: {}, priceBand: {}, kind: {}, delivery: {}, days: {}, accessibility: {}, payment: {}, groupOffer: {},
});

/** One row as stored in search_documents, in column order. */
export type StoredRow = [
  id: number, deleted: number, category: string, area: string, kind: string, pricePence: number, priceBand: string,
  delivery: number, days: number, access: number, pay: number, lat: number, lng: number, rating: number | null, updatedMs: number,
  groupOffer: number,
];

/** Strings stored as small integers, so a facet count is an array increment. */
class Dictionary {
  readonly values: string[] = [];
  private codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

export type Candidates = { rows: Int32Array; rank: Float64Array | null } | null;

export class ColumnStore {
  size = 0;
  private capacity = 0;
  // Service ids are small dense integers, so a typed array maps them to rows faster than a Map.
  private rowOf = new Int32Array(0);
  private dict: Record<Coded, Dictionary> = { category: new Dictionary(), area: new Dictionary(), priceBand: new Dictionary(), kind: new Dictionary() };
  ids = new Int32Array(0);
  alive = new Uint8Array(0);
  coded: Record<Coded, Uint16Array> = { category: new Uint16Array(0), area: new Uint16Array(0), priceBand: new Uint16Array(0), kind: new Uint16Array(0) };
  masks: Record<Masked, Uint16Array> = { delivery: new Uint16Array(0), days: new Uint16Array(0), accessibility: new Uint16Array(0), payment: new Uint16Array(0) };
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  price = new Int32Array(0);
  rating = new Float64Array(0);
  updated = new Float64Array(0);
  groupOffer = new Uint8Array(0);

  private grow(min: number) {
    if (min <= this.capacity) return;
    const cap = Math.max(min, this.capacity * 2, 1024);
    const resize = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.ids = resize(this.ids);
    this.alive = resize(this.alive);
    for (const k of CODED) this.coded[k] = resize(this.coded[k]);
    for (const m of MASKED) this.masks[m.facet] = resize(this.masks[m.facet]);
    this.lat = resize(this.lat);
    this.lng = resize(this.lng);
    this.price = resize(this.price);
    this.rating = resize(this.rating);
    this.updated = resize(this.updated);
    this.groupOffer = resize(this.groupOffer);
    this.capacity = cap;
  }

  put([id, deleted, category, area, kind, pricePence, priceBand, delivery, dayMask, access, pay, lat, lng, rating, updatedMs, groupOffer]: StoredRow) {
    let row = this.row(id);
    if (row === undefined) {
      if (deleted) return;
      row = this.size++;
      this.grow(this.size);
      if (id >= this.rowOf.length) {
        const bigger = new Int32Array(Math.max(id + 1, this.rowOf.length * 2)).fill(-1);
        bigger.set(this.rowOf);
        this.rowOf = bigger;
      }
      this.rowOf[id] = row;
      this.ids[row] = id;
    }
    this.alive[row] = deleted ? 0 : 1;
    this.coded.category[row] = this.dict.category.code(category);
    this.coded.area[row] = this.dict.area.code(area);
    this.coded.kind[row] = this.dict.kind.code(kind);
    this.coded.priceBand[row] = this.dict.priceBand.code(priceBand);
    this.masks.delivery[row] = delivery;
    this.masks.days[row] = dayMask;
    this.masks.accessibility[row] = access;
    this.masks.payment[row] = pay;
    this.lat[row] = lat;
    this.lng[row] = lng;
    this.price[row] = pricePence;
    this.rating[row] = rating ?? Number.NaN;
    this.updated[row] = updatedMs;
    this.groupOffer[row] = groupOffer ? 1 : 0;
  }

  row(id: number): number | undefined {
    const row = id >= 0 && id < this.rowOf.length ? this.rowOf[id]! : -1;
    return row >= 0 ? row : undefined;
  }

  /**
   * Filters the candidates (or every row), counts facets over the matches and returns the
   * matching rows with their distance. Multi-valued filters need every value asked for.
   */
  match(filters: SearchFilters, near: SearchRequest["near"], candidates: Candidates) {
    const want = (k: Coded, value: string | undefined) => (value === undefined ? -1 : (this.dict[k].find(value) ?? -2));
    const wantCoded = {
      category: want("category", filters.category),
      area: want("area", filters.area),
      kind: want("kind", filters.kind),
      priceBand: want("priceBand", filters.free ? "free" : filters.priceBand),
    };
    if (filters.free && filters.priceBand && filters.priceBand !== "free") wantCoded.priceBand = -2;
    const result = { rows: [] as number[], distance: new Float64Array(0), rank: new Float64Array(0), facets: emptyFacets(), total: 0 };
    if (Object.values(wantCoded).includes(-2)) return result;
    const wantMask = MASKED.map((m) => maskOf(m.list, filters[m.facet]));
    const minRating = filters.minRating ?? Number.NEGATIVE_INFINITY;

    let latMin = -90, latMax = 90, lngMin = -180, lngMax = 180, cosLat = 1, radius = 0, lat0 = 0, lng0 = 0;
    if (near) {
      const dLat = (near.radiusMiles / EARTH_RADIUS_MILES) * (180 / Math.PI);
      cosLat = Math.cos((near.lat * Math.PI) / 180);
      const dLng = dLat / Math.max(0.01, cosLat);
      [latMin, latMax, lngMin, lngMax] = [near.lat - dLat, near.lat + dLat, near.lng - dLng, near.lng + dLng];
      [radius, lat0, lng0] = [near.radiusMiles, near.lat, near.lng];
    }

    const codedCounts = CODED.map((k) => new Int32Array(this.dict[k].values.length));
    const maskCounts = MASKED.map(() => new Int32Array(256));
    const n = candidates ? candidates.rows.length : this.size;
    const distance = new Float64Array(n);
    const rank = new Float64Array(n);
    const rows: number[] = [];
    const rad = Math.PI / 180;
    // Hoisted into locals: this loop runs once per candidate and is the engine's hot path.
    const { alive, lat, lng, rating } = this;
    const [cat, ar, band, kd] = CODED.map((k) => this.coded[k]);
    const [dm, ym, am, pm] = MASKED.map((m) => this.masks[m.facet]);
    const [catN, arN, bandN, kdN] = codedCounts;
    const [dmN, ymN, amN, pmN] = maskCounts;
    const [wCat, wAr, wKd, wBand] = [wantCoded.category, wantCoded.area, wantCoded.kind, wantCoded.priceBand];
    const [wDm, wYm, wAm, wPm] = wantMask as [number, number, number, number];
    const candidateRows = candidates?.rows;
    const candidateRank = candidates?.rank;
    const ratingFilter = filters.minRating !== undefined;
    const wantGroup = filters.groupOffer === true;
    const group = this.groupOffer;
    let groupN = 0;
    for (let i = 0; i < n; i++) {
      const r = candidateRows ? candidateRows[i]! : i;
      if (r < 0 || !alive[r]) continue;
      if (wCat >= 0 && cat![r] !== wCat) continue;
      if (wAr >= 0 && ar![r] !== wAr) continue;
      if (wKd >= 0 && kd![r] !== wKd) continue;
      if (wBand >= 0 && band![r] !== wBand) continue;
      if ((dm![r]! & wDm) !== wDm || (ym![r]! & wYm) !== wYm || (am![r]! & wAm) !== wAm || (pm![r]! & wPm) !== wPm) continue;
      if (ratingFilter && !(rating[r]! >= minRating)) continue;
      if (wantGroup && !group[r]) continue;
      let d = 0;
      if (near) {
        const la = lat[r]!, ln = lng[r]!;
        if (la < latMin || la > latMax || ln < lngMin || ln > lngMax) continue;
        const h = Math.sin(((la - lat0) * rad) / 2) ** 2 + cosLat * Math.cos(la * rad) * Math.sin(((ln - lng0) * rad) / 2) ** 2;
        d = 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
        if (d > radius) continue;
      }
      distance[rows.length] = d;
      rank[rows.length] = candidateRank ? candidateRank[i]! : 0;
      rows.push(r);
      catN![cat![r]!]!++;
      arN![ar![r]!]!++;
      bandN![band![r]!]!++;
      kdN![kd![r]!]!++;
      dmN![dm![r]!]!++;
      ymN![ym![r]!]!++;
      amN![am![r]!]!++;
      pmN![pm![r]!]!++;
      groupN += group[r]!;
    }
    if (groupN) result.facets.groupOffer.yes = groupN;

    CODED.forEach((k, ki) => {
      codedCounts[ki]!.forEach((count, code) => { if (count) result.facets[k][this.dict[k].values[code]!] = count; });
    });
    MASKED.forEach((m, mi) => {
      maskCounts[mi]!.forEach((count, mask) => {
        if (!count) return;
        m.list.forEach((item, bit) => { if (mask & (1 << bit)) result.facets[m.facet][item.slug] = (result.facets[m.facet][item.slug] ?? 0) + count; });
      });
    });
    Object.assign(result, { rows, distance, rank, total: rows.length });
    return result;
  }
}

/** The first `k` items of `items` in `compare` order, without sorting everything (a bounded heap). */
export function topK<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k >= items.length / 4) return items.slice().sort(compare).slice(0, k);
  // Max-heap of the best k seen so far: its root is the worst of them.
  const heap: T[] = [];
  const worse = (a: T, b: T) => compare(a, b) > 0;
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) return;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) { heap.push(item); up(heap.length - 1); }
    else if (compare(item, heap[0]!) < 0) { heap[0] = item; down(0); }
  }
  return heap.sort(compare);
}
