// The default engine: SQLite FTS5 in the application's own database file, so a fresh clone
// searches with no server. Words are matched by FTS5 (field-weighted relevance, prefix, typo
// tolerance from the index's own vocabulary); filters, facets, geo and sorting run over an
// in-process column cache of search_documents (./columns.ts). See docs/decisions/002.
import type Database from "better-sqlite3";
import { priceBandOf } from "../../app/directory/vocabulary";
import type { SearchEngine, SearchHit, SearchRequest, SearchResult, ServiceDocument } from "../port";
import { indexWords, queryWords, typoBudget, withinEdits } from "../text";
import { type Candidates, ColumnStore, emptyFacets, MASKED, maskOf, type StoredRow, topK } from "./columns";

// What a word is worth by the field it is found in: title > organisation > category > place;
// anywhere else (the description) is worth 1.
const FIELD_WEIGHTS = [["title", 16], ["organisation", 8], ["category", 4], ["place", 2]] as const;
// More than the field weights of every word together (16 x MAX_WORDS), so a close spelling always ranks after the word as typed.
const TYPO_PENALTY = 1000;

// An open group offer is read from the stored document rather than a column of its own, so the
// table (a custom migration) did not have to change for it.
const ROW_COLUMNS = `service_id, deleted, category, area, kind, price_pence, price_band, delivery_mask, days_mask,
  access_mask, pay_mask, lat, lng, rating, updated_ms, COALESCE(json_extract(doc, '$.groupOffer'), 0)`;

const countCommas = (s: string) => {
  let n = 0;
  for (let i = s.indexOf(","); i >= 0; i = s.indexOf(",", i + 1)) n++;
  return n;
};

const ftsText = (d: ServiceDocument) => ({
  title: d.title,
  organisation: d.organisationName,
  category: d.category.replace(/-/g, " "),
  place: `${d.townName} ${d.areaName} ${d.postcode ?? ""}`,
  description: d.description,
});

/** The words the index knows, for prefix checks and typo lookups without a query. */
class Vocabulary {
  private terms = new Set<string>();
  private sorted: string[] = [];
  private byLength = new Map<number, string[]>();
  private cache = new Map<string, WordTerms>();

  reset(terms: string[]) {
    this.cache.clear();
    this.terms = new Set();
    this.sorted = [];
    this.byLength = new Map();
    this.add(terms);
  }

  add(words: Iterable<string>) {
    const fresh = [...new Set(words)].filter((w) => !this.terms.has(w));
    if (fresh.length === 0) return;
    this.cache.clear();
    for (const w of fresh) {
      this.terms.add(w);
      const bucket = this.byLength.get(w.length);
      if (bucket) bucket.push(w);
      else this.byLength.set(w.length, [w]);
    }
    this.sorted = [...this.sorted, ...fresh].sort();
  }

  private hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo]!.startsWith(prefix);
  }

  /**
   * FTS5 terms for one word: `exact` is the word itself (or, while it is typed, the prefix) if the
   * index holds it; `typos` are the other known words it may be a mistyping of. Close spellings
   * are always included, as Meilisearch does, and ranked after exact matches (docs/decisions/012).
   */
  alternatives(word: string, prefix: boolean): WordTerms {
    const key = `${prefix ? "*" : ""}${word}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const found = { exact: (prefix ? this.hasPrefix(word) : this.terms.has(word)) ? (prefix ? `"${word}"*` : `"${word}"`) : null, typos: this.typosOf(word, prefix) };
    if (this.cache.size >= 2000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }

  private typosOf(word: string, prefix: boolean): string[] {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const found: string[] = [];
    const longest = prefix ? 60 : word.length + budget;
    for (let len = Math.max(1, word.length - budget); len <= longest; len++) {
      for (const term of this.byLength.get(len) ?? []) {
        // While typing, "befrend" should find "befriending": compare the start of each word.
        const candidate = prefix ? term.slice(0, word.length) : term;
        if (candidate === word) continue; // the word itself, or a word it begins
        // As in Meilisearch, a mistake in the first letter counts as two.
        const allowed = candidate[0] === word[0] ? budget : budget - 1;
        if (allowed > 0 && withinEdits(word, candidate, allowed)) found.push(`"${term}"`);
        if (found.length >= 40) return found;
      }
    }
    return found;
  }
}

/** FTS5 terms for one typed word: exactly as typed (if the index holds it) and close spellings. */
type WordTerms = { exact: string | null; typos: string[] };
/** One word of a search as FTS5 sees it: any of its terms, and its exact term alone (to rank typos after). */
type WordGroup = { any: string; exact: string | null; typos: boolean };

export class EmbeddedEngine implements SearchEngine {
  readonly name = "embedded";
  private columns = new ColumnStore();
  private vocabulary = new Vocabulary();
  private loaded = { epoch: -1, generation: -1 };
  private recent = new Map<string, NonNullable<Candidates>>();

  constructor(private sqlite: Database.Database) {}

  private meta() {
    this.metaQuery ??= this.sqlite.prepare("SELECT key, value FROM search_meta").raw();
    return Object.fromEntries(this.metaQuery.all() as [string, number][]);
  }
  private metaQuery: Database.Statement | undefined;

  version() {
    const meta = this.meta();
    return `${meta.epoch ?? 0}.${meta.generation ?? 0}`;
  }

  /** Brings the in-process cache up to the index as committed: a full load after a rebuild, else only newer rows. */
  refresh() {
    const meta = this.meta();
    const epoch = meta.epoch ?? 0;
    const generation = meta.generation ?? 0;
    if (epoch !== this.loaded.epoch) {
      this.columns = new ColumnStore();
      for (const row of this.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM search_documents`).raw().iterate()) {
        this.columns.put(row as StoredRow);
      }
      this.vocabulary.reset(this.sqlite.prepare("SELECT term FROM search_fts_vocab").pluck().all() as string[]);
    } else if (generation !== this.loaded.generation) {
      const rows = this.sqlite.prepare(`SELECT ${ROW_COLUMNS}, doc FROM search_documents WHERE version > ?`)
        .raw().all(this.loaded.generation) as [...StoredRow, string][];
      for (const row of rows) {
        this.columns.put(row.slice(0, 16) as StoredRow);
        if (!row[1]) this.vocabulary.add(Object.values(ftsText(JSON.parse(row[16]) as ServiceDocument)).flatMap(indexWords));
      }
    }
    if (epoch !== this.loaded.epoch || generation !== this.loaded.generation) this.recent.clear();
    this.loaded = { epoch, generation };
  }

  /** One FTS5 group per word (the word or its prefix, and close spellings); null when a word can match nothing. */
  private wordGroups(text: string): WordGroup[] | null {
    const { words, lastIsPrefix } = queryWords(text);
    const groups: WordGroup[] = [];
    for (const [i, word] of words.entries()) {
      const { exact, typos } = this.vocabulary.alternatives(word, lastIsPrefix && i === words.length - 1);
      const terms = exact ? [exact, ...typos] : typos;
      if (terms.length === 0) return null;
      groups.push({ any: `(${terms.join(" OR ")})`, exact, typos: typos.length > 0 });
    }
    return groups;
  }

  /** Store rows of the services matching an FTS5 expression (-1 for any the cache does not hold). */
  private matchingRows(expression: string): Int32Array {
    // One string across the boundary is several times faster than a row per match.
    const list = (this.sqlite.prepare("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?")
      .pluck().get(expression) as string | null) ?? "";
    const rows = new Int32Array(list ? countCommas(list) + 1 : 0);
    let id = 0;
    let n = 0;
    for (let i = 0; i <= list.length; i++) {
      const c = i < list.length ? list.charCodeAt(i) : 44;
      if (c === 44) {
        rows[n++] = this.columns.row(id) ?? -1;
        id = 0;
      } else id = id * 10 + (c - 48);
    }
    return rows.subarray(0, n);
  }

  /**
   * Services matching every word, with a relevance score in the spirit of Meilisearch's
   * "attribute" rule: each word scores by the most important field it appears in. (FTS5's bm25()
   * costs about 30 ms per 50,000 matches; these column-filtered lookups cost a few.)
   */
  private candidates(groups: WordGroup[], ranked: boolean): Candidates {
    // A results page asks for the same words several times (facet counts for single-choice
    // filters, a relaxed search): keep the last few answers until the index changes.
    const key = `${ranked}|${groups.map((g) => g.any).join(" AND ")}`;
    const cached = this.recent.get(key);
    if (cached) return cached;
    const found = this.findCandidates(groups, ranked);
    if (this.recent.size >= 16) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, found);
    return found;
  }

  private findCandidates(groups: WordGroup[], ranked: boolean): NonNullable<Candidates> {
    const rows = this.matchingRows(groups.map((g) => g.any).join(" AND "));
    if (!ranked) return { rows, rank: null };
    const score = new Float64Array(this.columns.size);
    for (const group of groups) {
      const best = new Uint8Array(this.columns.size);
      for (const [column, weight] of FIELD_WEIGHTS) {
        for (const row of this.matchingRows(`{${column}} : ${group.any}`)) {
          if (row >= 0 && best[row]! < weight) best[row] = weight;
        }
      }
      // Like Meilisearch's `typo` rule, before field weights: a service with the word as typed comes
      // before one with only a close spelling of it, wherever in the service each is.
      let exact: Uint8Array | null = null;
      if (group.typos && group.exact) {
        exact = new Uint8Array(this.columns.size);
        for (const row of this.matchingRows(group.exact)) if (row >= 0) exact[row] = 1;
      }
      for (const row of rows) {
        if (row < 0) continue;
        score[row]! += best[row]! || 1;
        if (group.exact === null || (exact && !exact[row])) score[row]! -= TYPO_PENALTY;
      }
    }
    // Lower sorts first, like a rank.
    const rank = new Float64Array(rows.length);
    rows.forEach((row, i) => { rank[i] = row >= 0 ? -score[row]! : 0; });
    return { rows, rank };
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    return this.searchNow(request);
  }

  searchNow(request: SearchRequest): SearchResult {
    this.refresh();
    const groups = this.wordGroups(request.text);
    if (groups === null) return { hits: [], total: 0, facets: emptyFacets() };
    const match = groups.length > 0;
    const near = request.near;
    // Scoring costs a little per match; skip it when distance alone decides the order.
    const candidates = match ? this.candidates(groups, request.sort !== "distance" || !near) : null;
    const found = this.columns.match(request.filters, near, candidates);

    const c = this.columns;
    const ids = c.ids, price = c.price, rating = c.rating, updated = c.updated;
    const byRank = (a: number, b: number) => found.rank[a]! - found.rank[b]! || ids[found.rows[a]!]! - ids[found.rows[b]!]!;
    const byRating = (a: number, b: number) => {
      const ra = rating[found.rows[a]!]!, rb = rating[found.rows[b]!]!;
      if (Number.isNaN(ra) !== Number.isNaN(rb)) return Number.isNaN(ra) ? 1 : -1;
      return (Number.isNaN(ra) ? 0 : rb - ra);
    };
    const compare = {
      relevance: match ? byRank : (a: number, b: number) => byRating(a, b) || updated[found.rows[b]!]! - updated[found.rows[a]!]! || byRank(a, b),
      distance: near ? (a: number, b: number) => found.distance[a]! - found.distance[b]! || byRank(a, b) : byRank,
      price: (a: number, b: number) => price[found.rows[a]!]! - price[found.rows[b]!]! || byRank(a, b),
      rating: (a: number, b: number) => byRating(a, b) || byRank(a, b),
    }[request.sort];

    const start = (request.page - 1) * request.pageSize;
    if (start >= found.total || request.pageSize === 0) return { hits: [], total: found.total, facets: found.facets };
    const order = topK(Array.from({ length: found.total }, (_, i) => i), start + request.pageSize, compare).slice(start);
    const pageIds = order.map((i) => ids[found.rows[i]!]!);
    const docs = new Map(
      (this.sqlite.prepare(`SELECT service_id, doc FROM search_documents WHERE service_id IN (${pageIds.map(() => "?").join(",")})`)
        .raw().all(...pageIds) as [number, string][]).map(([id, doc]) => [id, doc]),
    );
    const hits: SearchHit[] = order.map((i) => ({
      ...(JSON.parse(docs.get(ids[found.rows[i]!]!)!) as ServiceDocument),
      distanceMiles: near ? found.distance[i]! : null,
    }));
    return { hits, total: found.total, facets: found.facets };
  }

  private write(docs: ServiceDocument[], removeIds: number[], tables = { docs: "search_documents", fts: "search_fts" }) {
    const generation = (this.sqlite.prepare("UPDATE search_meta SET value = value + 1 WHERE key = 'generation' RETURNING value")
      .pluck().get() as number);
    const delFts = this.sqlite.prepare(`DELETE FROM ${tables.fts} WHERE rowid = ?`);
    const tombstone = this.sqlite.prepare(`UPDATE ${tables.docs} SET deleted = 1, version = ? WHERE service_id = ?`);
    const insFts = this.sqlite.prepare(
      `INSERT INTO ${tables.fts} (rowid, title, organisation, category, place, description) VALUES (?, ?, ?, ?, ?, ?)`);
    const insDoc = this.sqlite.prepare(`INSERT OR REPLACE INTO ${tables.docs} (service_id, version, deleted, doc, category,
      area, kind, price_pence, price_band, delivery_mask, days_mask, access_mask, pay_mask, lat, lng, rating, updated_ms)
      VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const id of removeIds) {
      delFts.run(id);
      tombstone.run(generation, id);
    }
    for (const d of docs) {
      const t = ftsText(d);
      delFts.run(d.id);
      insFts.run(d.id, t.title, t.organisation, t.category, t.place, t.description);
      const [delivery, dayMask, access, pay] = MASKED.map((m) => maskOf(m.list, d[m.facet]));
      insDoc.run(d.id, generation, JSON.stringify(d), d.category, d.area, d.organisationKind, d.pricePence,
        priceBandOf(d.pricePence, d.priceUnit), delivery, dayMask, access, pay, d.lat, d.lng, d.rating, Date.parse(d.updatedAt));
    }
  }

  async upsert(docs: ServiceDocument[]) {
    this.sqlite.transaction(() => this.write(docs, []))();
    return {};
  }

  async remove(ids: number[]) {
    this.sqlite.transaction(() => this.write([], ids))();
    return {};
  }

  /**
   * Builds fresh tables beside the live ones (from the live tables' own DDL), then swaps them in
   * one transaction: readers see the old index until the commit, and the new one after it.
   */
  async reindex(batches: AsyncIterable<ServiceDocument[]> | Iterable<ServiceDocument[]>) {
    const ddl = (name: string) => this.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) as string;
    const renamed = (sql: string, name: string) => sql.replace(/^(CREATE (?:VIRTUAL )?TABLE\s+)[`"]?\w+[`"]?/, `$1${name}`);
    const indexes = this.sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_documents' AND sql IS NOT NULL")
      .pluck().all() as string[];
    const next = { docs: "search_documents_next", fts: "search_fts_next" };
    this.sqlite.exec(`DROP TABLE IF EXISTS ${next.docs}; DROP TABLE IF EXISTS ${next.fts};`);
    this.sqlite.exec(renamed(ddl("search_documents"), next.docs));
    this.sqlite.exec(renamed(ddl("search_fts"), next.fts));
    for await (const batch of batches) this.sqlite.transaction(() => this.write(batch, [], next))();
    this.sqlite.transaction(() => {
      this.sqlite.exec(`DROP TABLE search_documents; DROP TABLE search_fts;
        ALTER TABLE ${next.docs} RENAME TO search_documents; ALTER TABLE ${next.fts} RENAME TO search_fts;`);
      for (const sql of indexes) this.sqlite.exec(sql);
      this.sqlite.prepare("UPDATE search_meta SET value = value + 1 WHERE key = 'epoch'").run();
    })();
  }
}
