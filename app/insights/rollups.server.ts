// The rollups commissioners' figures are read from, and how they are kept true.
// - Spend on orders: recordSpend() runs inside the order transaction that confirms a visit
//   (confirmation is final, so a visit is counted once and never taken back).
// - Spend outside orders (hours an ISF provider records, direct-payment spending recorded on the
//   budget): the ledger's journals are append-only, so catchUpLedger() reads "spend" journals and
//   their reversals from a watermark (journal id), one transaction per batch; a reversal takes
//   its spend back out of the original's month.
// - Declines: recordDecline() runs inside the transaction that declines an order.
// - Searches: the search log is append-only, so catchUpSearches() reads it from a watermark
//   (row id) and adds what is new, in one transaction; running it twice changes nothing.
// recomputeRollups() builds every rollup from the source tables; verifyRollups() compares.
// Insights is a read model over the other capabilities: it reads their tables and writes only
// its own.
import { db, type Tx } from "../../db/client";

export const FEW_RESULTS = 3;

// One connection per process: the raw handle is inside the caller's transaction too.
const raw = (_tx: Tx) => db.$client;
const monthOf = (day: string) => day.slice(0, 7);
const bit = (month: string) => 1 << (Number(month.slice(5, 7)) - 1);
const yearOf = (month: string) => Number(month.slice(0, 4));

/** Price per unit actually paid: what was charged over what was delivered, in whole pence. */
export const unitPricePaid = (chargedPence: number, quantityHundredths: number) =>
  Math.floor((chargedPence * 200 + quantityHundredths) / (2 * quantityHundredths));

// Where a purchase happened (the service's town and its council), who sold it and how it was paid.
const SPEND_FACTS = `
  SELECT t.area_slug AS area, s.town_slug AS town, org.kind AS kind, o.organisation_id AS organisationId, o.category AS category,
         o.unit AS unit, o.buyer_id AS buyerId, COALESCE(b.arrangement, 'self-funded') AS arrangement,
         v.charged_pence AS charged, v.delivered_quantity_hundredths AS quantity, COALESCE(v.delivered_on, v.date) AS day
  FROM occurrences v
  JOIN orders o ON o.id = v.order_id
  JOIN services s ON s.id = o.service_id
  JOIN towns t ON t.slug = s.town_slug
  JOIN organisations org ON org.id = o.organisation_id
  LEFT JOIN budget_accounts b ON b.id = o.budget_account_id`;
const SPENT = `v.status IN ('confirmed', 'invoiced', 'paid') AND v.charged_pence > 0 AND v.delivered_quantity_hundredths > 0`;

type SpendFact = { area: string; town: string; kind: string; organisationId: number; category: string; unit: string; buyerId: number; arrangement: string; charged: number; quantity: number; day: string };

/**
 * Spend recorded on a budget outside orders: a "spend" journal (an ISF provider's hours x rate or
 * an amount, or direct-payment spending such as PA wages). Counted in the budget's council area,
 * in the month of `effective_on`; the town is the paid organisation's town when it is in that
 * area, else NOT_RECORDED; with no organisation the kind is PAID_DIRECTLY and the provider 0.
 * Hours x rate is priced per hour; an amount has unit "amount" and no price.
 */
export const NOT_RECORDED = "not-recorded";
export const AMOUNT = "amount";
export const PAID_DIRECTLY = "paid-directly";
const LEDGER_FACTS = `
  SELECT b.area_slug AS area, COALESCE(t.slug, '${NOT_RECORDED}') AS town, COALESCE(org.kind, '${PAID_DIRECTLY}') AS kind, COALESCE(org.id, 0) AS organisationId,
         COALESCE(json_extract(j.detail, '$.category'), 'other') AS category,
         CASE WHEN json_extract(j.detail, '$.hours') > 0 THEN 'hour' ELSE '${AMOUNT}' END AS unit, b.holder_id AS buyerId, b.arrangement AS arrangement,
         (SELECT SUM(p.amount_pence) FROM postings p WHERE p.journal_id = j.id AND p.amount_pence > 0) AS charged,
         CASE WHEN json_extract(j.detail, '$.hours') > 0 THEN CAST(round(json_extract(j.detail, '$.hours') * 100) AS INTEGER) ELSE 0 END AS quantity,
         j.effective_on AS day
  FROM journals j
  JOIN budget_accounts b ON b.id = j.budget_account_id
  LEFT JOIN organisations org ON org.id = json_extract(j.detail, '$.organisationId')
  LEFT JOIN towns t ON t.slug = org.town_slug AND t.area_slug = b.area_slug
  WHERE j.kind = 'spend'`;
// A spend counts unless it was reversed (corrected); a reversal of a reversal does not bring it back.
const UNREVERSED = "NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)";
// Every spend the rollups count, from orders and from the ledger, in the same columns.
const ALL_SPEND = `${SPEND_FACTS} WHERE ${SPENT} UNION ALL ${LEDGER_FACTS} AND ${UNREVERSED}`;

/** Counts a confirmed visit: call inside the transaction that confirmed it, after the update. */
export function recordSpend(tx: Tx, occurrenceId: number) {
  const fact = raw(tx).prepare(`${SPEND_FACTS} WHERE v.id = ? AND ${SPENT}`).get(occurrenceId) as SpendFact | undefined;
  if (fact) addSpend(fact);
}

/** Adds one spend (a visit or a ledger spend line) to every spend rollup. */
function addSpend(fact: SpendFact) {
  const c = db.$client;
  const month = monthOf(fact.day);
  c.prepare(`INSERT INTO insight_spend_months (area_slug, month, category, town_slug, organisation_id, organisation_kind, unit, arrangement, spend_pence, visits, quantity_hundredths)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
    ON CONFLICT DO UPDATE SET spend_pence = spend_pence + excluded.spend_pence, visits = visits + 1, quantity_hundredths = quantity_hundredths + excluded.quantity_hundredths`)
    .run(fact.area, month, fact.category, fact.town, fact.organisationId, fact.kind, fact.unit, fact.arrangement, fact.charged, fact.quantity);
  // Before this person's month is marked: were they already counted this month, in all, in the category, in the unit?
  const seen = c.prepare(`SELECT COALESCE(MAX((months_mask & @bit) <> 0), 0) AS anything, COALESCE(MAX(category = @category AND (months_mask & @bit) <> 0), 0) AS inCategory,
      COALESCE(MAX(category = @category AND unit = @unit AND (months_mask & @bit) <> 0), 0) AS inUnit
    FROM insight_buyer_years WHERE area_slug = @area AND buyer_id = @buyer AND year = @year`)
    .get({ bit: bit(month), category: fact.category, unit: fact.unit, area: fact.area, buyer: fact.buyerId, year: yearOf(month) }) as { anything: number; inCategory: number; inUnit: number };
  const count = c.prepare(`INSERT INTO insight_people_months (area_slug, month, slice, people) VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET people = people + 1`);
  if (!seen.anything) count.run(fact.area, month, "all");
  if (!seen.inCategory) count.run(fact.area, month, `category:${fact.category}`);
  if (!seen.inUnit) count.run(fact.area, month, `unit:${fact.category}|${fact.unit}`);
  c.prepare(`INSERT INTO insight_buyer_years (area_slug, year, category, town_slug, unit, buyer_id, months_mask) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET months_mask = months_mask | excluded.months_mask`)
    .run(fact.area, yearOf(month), fact.category, fact.town, fact.unit, fact.buyerId, bit(month));
  if (fact.quantity > 0) {
    c.prepare(`INSERT INTO insight_price_months (area_slug, month, category, unit, price_pence, visits) VALUES (?, ?, ?, ?, ?, 1)
      ON CONFLICT DO UPDATE SET visits = visits + 1`)
      .run(fact.area, month, fact.category, fact.unit, unitPricePaid(fact.charged, fact.quantity));
  }
}

/**
 * Takes a reversed ledger spend back out, in the month it was counted in. The person stops
 * counting in a month (overall, in the category, in the unit, in the cell) when nothing else they
 * bought there is left: their confirmed visits, and ledger spends before `reversalId` that no
 * reversal before it (or it) took back — the same answer the recomputation gives once every
 * journal up to it has been read.
 */
function takeBack(fact: SpendFact, reversalId: number) {
  const c = db.$client;
  const month = monthOf(fact.day);
  const cell = { area: fact.area, month, category: fact.category, town: fact.town, org: fact.organisationId, unit: fact.unit, arrangement: fact.arrangement };
  c.prepare(`UPDATE insight_spend_months SET spend_pence = spend_pence - @charged, visits = visits - 1, quantity_hundredths = quantity_hundredths - @quantity
    WHERE area_slug = @area AND month = @month AND category = @category AND town_slug = @town AND organisation_id = @org AND unit = @unit AND arrangement = @arrangement`)
    .run({ ...cell, charged: fact.charged, quantity: fact.quantity });
  c.prepare("DELETE FROM insight_spend_months WHERE area_slug = ? AND month = ? AND visits = 0 AND spend_pence = 0 AND quantity_hundredths = 0").run(fact.area, month);
  if (fact.quantity > 0) {
    c.prepare("UPDATE insight_price_months SET visits = visits - 1 WHERE area_slug = ? AND month = ? AND category = ? AND unit = ? AND price_pence = ?")
      .run(fact.area, month, fact.category, fact.unit, unitPricePaid(fact.charged, fact.quantity));
    c.prepare("DELETE FROM insight_price_months WHERE area_slug = ? AND month = ? AND visits = 0").run(fact.area, month);
  }
  const left = c.prepare(`WITH f AS (${SPEND_FACTS} WHERE o.buyer_id = @buyer AND ${SPENT}
      UNION ALL ${LEDGER_FACTS} AND b.holder_id = @buyer AND j.id < @reversal
        AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id AND r.id <= @reversal))
    SELECT COUNT(*) > 0 AS anything, COALESCE(MAX(category = @category), 0) AS inCategory, COALESCE(MAX(category = @category AND unit = @unit), 0) AS inUnit,
      COALESCE(MAX(category = @category AND unit = @unit AND town = @town), 0) AS inCell
    FROM f WHERE area = @area AND substr(day, 1, 7) = @month`)
    .get({ buyer: fact.buyerId, reversal: reversalId, area: fact.area, month, category: fact.category, unit: fact.unit, town: fact.town }) as Record<"anything" | "inCategory" | "inUnit" | "inCell", number>;
  const uncount = c.prepare("UPDATE insight_people_months SET people = people - 1 WHERE area_slug = ? AND month = ? AND slice = ?");
  if (!left.anything) uncount.run(fact.area, month, "all");
  if (!left.inCategory) uncount.run(fact.area, month, `category:${fact.category}`);
  if (!left.inUnit) uncount.run(fact.area, month, `unit:${fact.category}|${fact.unit}`);
  c.prepare("DELETE FROM insight_people_months WHERE area_slug = ? AND month = ? AND people = 0").run(fact.area, month);
  if (!left.inCell) {
    const key = [fact.area, yearOf(month), fact.category, fact.town, fact.unit, fact.buyerId] as const;
    c.prepare("UPDATE insight_buyer_years SET months_mask = months_mask & ~? WHERE area_slug = ? AND year = ? AND category = ? AND town_slug = ? AND unit = ? AND buyer_id = ?").run(bit(month), ...key);
    c.prepare("DELETE FROM insight_buyer_years WHERE area_slug = ? AND year = ? AND category = ? AND town_slug = ? AND unit = ? AND buyer_id = ? AND months_mask = 0").run(...key);
  }
}

const LEDGER_WATERMARK = "journals";
const watermark = (name: string) => (db.$client.prepare("SELECT last_id FROM insight_watermarks WHERE name = ?").pluck().get(name) as number | undefined) ?? 0;
const setWatermark = (name: string, id: number) => db.$client.prepare(`INSERT INTO insight_watermarks (name, last_id, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  ON CONFLICT DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at`).run(name, id);
const lastJournal = () => (db.$client.prepare("SELECT COALESCE(MAX(id), 0) FROM journals").pluck().get() as number);

/**
 * Adds ledger spends (and takes reversed ones back out) posted since the last run, in journal
 * order; safe to run at any time, from any process. Cheap when nothing is new (no transaction).
 */
export function catchUpLedger(batch = 10_000): number {
  const c = db.$client;
  if (lastJournal() <= watermark(LEDGER_WATERMARK)) return 0;
  let read = 0;
  for (;;) {
    const n = db.transaction(() => {
      const from = watermark(LEDGER_WATERMARK);
      const top = lastJournal();
      const rows = c.prepare(`SELECT j.id, j.kind, j.reverses_journal_id AS reverses FROM journals j
        WHERE j.id > ? AND j.id <= ? AND (j.kind = 'spend' OR (j.kind = 'reversal' AND EXISTS (SELECT 1 FROM journals o WHERE o.id = j.reverses_journal_id AND o.kind = 'spend')))
        ORDER BY j.id LIMIT ?`).all(from, top, batch) as { id: number; kind: string; reverses: number | null }[];
      const fact = c.prepare(`${LEDGER_FACTS} AND j.id = ?`);
      for (const r of rows) {
        const f = fact.get(r.kind === "spend" ? r.id : r.reverses) as SpendFact | undefined;
        if (!f) continue;
        if (r.kind === "spend") addSpend(f);
        else takeBack(f, r.id);
      }
      setWatermark(LEDGER_WATERMARK, rows.length === batch ? rows.at(-1)!.id : top);
      return rows.length;
    }, { behavior: "immediate" });
    read += n;
    if (n < batch) return read;
  }
}

// A declined order counts in the month it was declined (its last update: declining is final).
const DECLINE_FACTS = `
  SELECT t.area_slug AS area, s.town_slug AS town, o.category AS category, o.buyer_id AS buyerId, substr(o.updated_at, 1, 7) AS month,
    COALESCE(o.decline_reason, 'other') AS reason
  FROM orders o JOIN services s ON s.id = o.service_id JOIN towns t ON t.slug = s.town_slug
  WHERE o.status = 'declined'`;

/** Counts a declined order request: call inside the transaction that declined it, after the update. */
export function recordDecline(tx: Tx, orderId: number) {
  const c = raw(tx);
  const fact = c.prepare(`${DECLINE_FACTS} AND o.id = ?`).get(orderId) as { area: string; town: string; category: string; buyerId: number; month: string; reason: string } | undefined;
  if (!fact) return;
  c.prepare(`INSERT INTO insight_decline_years (area_slug, year, category, town_slug, buyer_id, months_mask, declines) VALUES (?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET months_mask = months_mask | excluded.months_mask, declines = declines + 1`)
    .run(fact.area, yearOf(fact.month), fact.category, fact.town, fact.buyerId, bit(fact.month));
  c.prepare(`INSERT INTO insight_decline_reason_years (area_slug, year, category, reason, buyer_id, months_mask, declines) VALUES (?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET months_mask = months_mask | excluded.months_mask, declines = declines + 1`)
    .run(fact.area, yearOf(fact.month), fact.category, fact.reason, fact.buyerId, bit(fact.month));
}

// ---- searches, from a watermark ---------------------------------------------------------------

type SearchRow = { id: number; at: string; filters: string; areaSlug: string | null; townSlug: string | null; resultCount: number };
type SearchCell = { area: string; month: string; category: string; town: string; searches: number; noResults: number; fewResults: number };

/** The one category a search asked for, or "any" when it asked for none or several. */
function searchedCategory(filters: string): string {
  try {
    const category = (JSON.parse(filters) as Record<string, unknown>).category;
    if (typeof category === "string") return category;
    if (Array.isArray(category) && category.length === 1 && typeof category[0] === "string") return category[0];
  } catch {
    // A row we cannot read counts as a search for anything.
  }
  return "any";
}

function townArea(): Map<string, string> {
  return new Map((db.$client.prepare("SELECT slug, area_slug AS area FROM towns").all() as { slug: string; area: string }[]).map((t) => [t.slug, t.area]));
}

function aggregateSearches(rows: Iterable<SearchRow>, areas: Map<string, string>): Map<string, SearchCell> {
  const cells = new Map<string, SearchCell>();
  for (const r of rows) {
    const area = r.areaSlug ?? (r.townSlug ? areas.get(r.townSlug) : undefined);
    if (!area) continue;
    const cell = { area, month: monthOf(r.at), category: searchedCategory(r.filters), town: r.townSlug ?? "any" };
    const k = `${cell.area}|${cell.month}|${cell.category}|${cell.town}`;
    const c = cells.get(k) ?? { ...cell, searches: 0, noResults: 0, fewResults: 0 };
    c.searches++;
    if (r.resultCount === 0) c.noResults++;
    else if (r.resultCount <= FEW_RESULTS) c.fewResults++;
    cells.set(k, c);
  }
  return cells;
}

const SEARCHES = "SELECT id, at, filters, area_slug AS areaSlug, town_slug AS townSlug, result_count AS resultCount FROM search_log";

/** Adds searches logged since the last run; safe to run at any time, from any process. */
export function catchUpSearches(batch = 50_000): number {
  const c = db.$client;
  const areas = townArea();
  let added = 0;
  for (;;) {
    const n = db.transaction(() => {
      const from = watermark("search_log");
      const rows = c.prepare(`${SEARCHES} WHERE id > ? ORDER BY id LIMIT ?`).all(from, batch) as SearchRow[];
      if (rows.length === 0) return 0;
      const upsert = c.prepare(`INSERT INTO insight_search_months (area_slug, month, category, town_slug, searches, no_results, few_results) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET searches = searches + excluded.searches, no_results = no_results + excluded.no_results, few_results = few_results + excluded.few_results`);
      for (const s of aggregateSearches(rows, areas).values()) upsert.run(s.area, s.month, s.category, s.town, s.searches, s.noResults, s.fewResults);
      setWatermark("search_log", rows.at(-1)!.id);
      return rows.length;
    }, { behavior: "immediate" });
    added += n;
    if (n < batch) return added;
  }
}

// ---- recomputation and verification -----------------------------------------------------------

export type Rollups = Record<"spend" | "buyers" | "people" | "prices" | "declines" | "declineReasons" | "searches", string[]>;

const line = (r: Record<string, unknown>) => Object.values(r).join("|");
const sorted = (rows: Record<string, unknown>[]) => rows.map(line).sort();

/** Every rollup as stored, one line per row, in a stable order. */
export function storedRollups(): Rollups {
  const c = db.$client;
  return {
    spend: sorted(c.prepare("SELECT area_slug, month, category, town_slug, organisation_id, organisation_kind, unit, arrangement, spend_pence, visits, quantity_hundredths FROM insight_spend_months").all() as never),
    buyers: sorted(c.prepare("SELECT area_slug, year, category, town_slug, unit, buyer_id, months_mask FROM insight_buyer_years").all() as never),
    people: sorted(c.prepare("SELECT area_slug, month, slice, people FROM insight_people_months").all() as never),
    prices: sorted(c.prepare("SELECT area_slug, month, category, unit, price_pence, visits FROM insight_price_months").all() as never),
    declines: sorted(c.prepare("SELECT area_slug, year, category, town_slug, buyer_id, months_mask, declines FROM insight_decline_years").all() as never),
    declineReasons: sorted(c.prepare("SELECT area_slug, year, category, reason, buyer_id, months_mask, declines FROM insight_decline_reason_years").all() as never),
    searches: sorted(c.prepare("SELECT area_slug, month, category, town_slug, searches, no_results, few_results FROM insight_search_months").all() as never),
  };
}

// The recomputation of each rollup table, as a SELECT in the table's column order.
const FROM_SCRATCH = {
  insight_spend_months: `WITH f AS (${ALL_SPEND})
    SELECT area, substr(day, 1, 7) AS month, category, town, organisationId, kind, unit, arrangement, SUM(charged), COUNT(*), SUM(quantity)
    FROM f GROUP BY area, month, category, town, organisationId, unit, arrangement`,
  insight_buyer_years: `WITH f AS (${ALL_SPEND})
    SELECT area, CAST(substr(day, 1, 4) AS INTEGER), category, town, unit, buyerId, SUM(DISTINCT 1 << (CAST(substr(day, 6, 2) AS INTEGER) - 1))
    FROM f GROUP BY area, substr(day, 1, 4), category, town, unit, buyerId`,
  insight_people_months: `WITH f AS (${ALL_SPEND}), p AS (SELECT area, substr(day, 1, 7) AS month, category, unit, buyerId FROM f)
    SELECT area, month, 'all', COUNT(DISTINCT buyerId) FROM p GROUP BY area, month
    UNION ALL SELECT area, month, 'category:' || category, COUNT(DISTINCT buyerId) FROM p GROUP BY area, month, category
    UNION ALL SELECT area, month, 'unit:' || category || '|' || unit, COUNT(DISTINCT buyerId) FROM p GROUP BY area, month, category, unit`,
  insight_price_months: `WITH f AS (${ALL_SPEND})
    SELECT area, substr(day, 1, 7) AS month, category, unit, unit_price_paid(charged, quantity) AS price, COUNT(*)
    FROM f WHERE quantity > 0 GROUP BY area, month, category, unit, price`,
  insight_decline_years: `WITH d AS (${DECLINE_FACTS})
    SELECT area, CAST(substr(month, 1, 4) AS INTEGER), category, town, buyerId, SUM(DISTINCT 1 << (CAST(substr(month, 6, 2) AS INTEGER) - 1)), COUNT(*)
    FROM d GROUP BY area, substr(month, 1, 4), category, town, buyerId`,
  insight_decline_reason_years: `WITH d AS (${DECLINE_FACTS})
    SELECT area, CAST(substr(month, 1, 4) AS INTEGER), category, reason, buyerId, SUM(DISTINCT 1 << (CAST(substr(month, 6, 2) AS INTEGER) - 1)), COUNT(*)
    FROM d GROUP BY area, substr(month, 1, 4), category, reason, buyerId`,
};

function connection() {
  const c = db.$client;
  c.function("unit_price_paid", { deterministic: true }, (charged: unknown, quantity: unknown) => unitPricePaid(Number(charged), Number(quantity)));
  return c;
}

/** Every rollup computed from scratch from orders, visits, the ledger's spend journals and the search log. */
export function recomputeRollups(): Rollups {
  const c = connection();
  return {
    spend: sorted(c.prepare(FROM_SCRATCH.insight_spend_months).all() as never),
    buyers: sorted(c.prepare(FROM_SCRATCH.insight_buyer_years).all() as never),
    people: sorted(c.prepare(FROM_SCRATCH.insight_people_months).all() as never),
    prices: sorted(c.prepare(FROM_SCRATCH.insight_price_months).all() as never),
    declines: sorted(c.prepare(FROM_SCRATCH.insight_decline_years).all() as never),
    declineReasons: sorted(c.prepare(FROM_SCRATCH.insight_decline_reason_years).all() as never),
    searches: sorted([...aggregateSearches(c.prepare(SEARCHES).iterate() as Iterable<SearchRow>, townArea()).values()] as never),
  };
}

/** The rows where stored and recomputed rollups differ (empty when they agree). */
export function verifyRollups(): Partial<Record<keyof Rollups, { missing: string[]; unexpected: string[] }>> {
  catchUpSearches();
  catchUpLedger();
  const stored = storedRollups();
  const fresh = recomputeRollups();
  const out: ReturnType<typeof verifyRollups> = {};
  for (const k of Object.keys(fresh) as (keyof Rollups)[]) {
    const have = new Set(stored[k]);
    const want = new Set(fresh[k]);
    const missing = fresh[k].filter((l) => !have.has(l));
    const unexpected = stored[k].filter((l) => !want.has(l));
    if (missing.length || unexpected.length) out[k] = { missing, unexpected };
  }
  return out;
}

/** Replaces every rollup with a recomputation (after a bulk load, or to repair). */
export function rebuildRollups() {
  const c = connection();
  db.transaction(() => {
    for (const t of ["insight_search_months", "insight_watermarks", ...Object.keys(FROM_SCRATCH)]) c.exec(`DELETE FROM ${t}`);
    for (const [table, select] of Object.entries(FROM_SCRATCH)) c.exec(`INSERT INTO ${table} ${select}`);
    // The recomputation read every journal there is: the ledger catch-up starts after them.
    setWatermark(LEDGER_WATERMARK, lastJournal());
  }, { behavior: "immediate" });
  catchUpSearches();
}
