// The one way a figure leaves the insights capability: a table built by a section is passed
// through publish(), which withholds every row built from too few people (or providers), and
// then withholds more rows when a shown total would let someone work a withheld row out by
// subtraction. Tables, charts and CSV files are all drawn from what publish() returns, so none
// of them can show what another hides.

/** Whose number decides whether a row may be shown. */
export type Basis = "people" | "providers" | "searches";

/**
 * Who a row is built from: the distinct ids (so that the people behind several rows can be
 * counted without double counting), or a count when the things counted cannot overlap
 * (anonymous searches). Ids never leave this module: publish() returns numbers only.
 */
export type Who = ReadonlySet<number> | number;

/** "stars" is an average of 1–5 stars in hundredths (432 is 4.32). */
export type Format = "pence" | "count" | "percent" | "hhi" | "stars";
export type Column = { key: string; label: string; format: Format };

export type RawRow = { key: string; label: string; values: Record<string, number | null>; who: Partial<Record<Basis, Who>> };

export type RawTable = {
  id: string;
  title: string;
  /** One sentence saying what the rows are and where they come from. */
  caption: string;
  columns: Column[];
  rows: RawRow[];
  /** A total row: the rows add up to it, so withholding must stop it giving a hidden row away. */
  total?: RawRow;
  chart?: { kind: "bar" | "line"; column: string };
  /** Everything withheld: the table describes a category the area's table withholds. */
  withholdAll?: boolean;
};

export type Row = { key: string; label: string; values: Record<string, number | null>; withheld: null | "few" | "complement" };

export type FigureTable = Omit<RawTable, "rows" | "total" | "withholdAll"> & { rows: Row[]; total: Row | null; threshold: Partial<Record<Basis, number>> };

export type Policy = { people: number; providers: number; searches: number };

/** The smallest thresholds allowed: configuration may raise them, never lower them. */
export const FLOOR: Policy = { people: 5, providers: 3, searches: 5 };

export function policyFor(minPeople: number): Policy {
  const people = Math.max(FLOOR.people, Math.floor(minPeople));
  return { people, providers: FLOOR.providers, searches: people };
}

const size = (who: Who) => (typeof who === "number" ? who : who.size);

/**
 * How many distinct people (providers, searches) are behind these rows together, or a lower
 * bound of it. With the ids, exactly. With counts only: searches, and providers split by kind,
 * never overlap, so they add up; people may be in several rows, so the most any one row has is
 * all that is certain — a lower bound, which can only make publish() withhold more.
 */
function together(rows: RawRow[], basis: Basis): number {
  const whos = rows.map((r) => r.who[basis]).filter((w): w is Who => w !== undefined);
  if (whos.every((w) => typeof w !== "number")) {
    const all = new Set<number>();
    for (const w of whos as ReadonlySet<number>[]) for (const id of w) all.add(id);
    return all.size;
  }
  return basis === "people" ? Math.max(0, ...whos.map(size)) : whos.reduce<number>((n, w) => n + size(w), 0);
}

const bases = (row: RawRow) => Object.keys(row.who) as Basis[];
const tooFew = (rows: RawRow[], policy: Policy) =>
  rows.length > 0 && bases(rows[0]!).some((b) => together(rows, b) < policy[b]);

function hide(row: RawRow, withheld: Row["withheld"]): Row {
  return { key: row.key, label: row.label, values: withheld ? Object.fromEntries(Object.keys(row.values).map((k) => [k, null])) : { ...row.values }, withheld };
}

/**
 * Withholds what must be withheld:
 * 1. every row built from fewer than the threshold (of people, providers or searches);
 * 2. everything, when the table describes a category the area's table withholds;
 * 3. when there is a total and any row is withheld: more rows, smallest first, until the
 *    withheld rows together are built from at least the threshold (so "total minus the shown
 *    rows" describes enough people) — and the total itself if even all rows together are too few.
 */
export function publish(table: RawTable, policy: Policy): FigureTable {
  const withheld = new Map<string, Row["withheld"]>();
  for (const row of table.rows) {
    if (tooFew([row], policy) || table.withholdAll) withheld.set(row.key, "few");
  }
  let totalWithheld = table.total ? tooFew([table.total], policy) || !!table.withholdAll : false;
  if (table.total && !totalWithheld && withheld.size > 0) {
    const hidden = () => table.rows.filter((r) => withheld.has(r.key));
    const candidates = table.rows.filter((r) => !withheld.has(r.key))
      .sort((a, b) => smallness(a) - smallness(b) || a.key.localeCompare(b.key));
    while (tooFew(hidden(), policy) && candidates.length > 0) withheld.set(candidates.shift()!.key, "complement");
    if (tooFew(hidden(), policy)) totalWithheld = true;
  }
  const threshold: FigureTable["threshold"] = {};
  for (const b of new Set(table.rows.flatMap(bases))) threshold[b] = policy[b];
  if (table.withholdAll) threshold.people = policy.people;
  return {
    id: table.id, title: table.title, caption: table.caption, columns: table.columns, chart: table.chart, threshold,
    rows: table.rows.map((r) => hide(r, withheld.get(r.key) ?? null)),
    total: table.total ? hide(table.total, totalWithheld ? "few" : null) : null,
  };
}

// The least informative row to give up first: the one built from the fewest people.
const smallness = (row: RawRow) => Math.min(...bases(row).map((b) => size(row.who[b]!)));

/** The keys of the rows withheld in a published table, for tables that must agree with it. */
export const withheldKeys = (table: FigureTable) => new Set(table.rows.filter((r) => r.withheld).map((r) => r.key));

/** What a withheld cell says, wherever it is shown (page, chart, CSV). */
export function withheldText(threshold: FigureTable["threshold"]): string {
  if (threshold.people !== undefined && threshold.providers !== undefined) return `fewer than ${threshold.people} people or ${threshold.providers} providers`;
  if (threshold.people !== undefined) return `fewer than ${threshold.people}`;
  if (threshold.providers !== undefined) return `fewer than ${threshold.providers} providers`;
  return `fewer than ${threshold.searches ?? FLOOR.searches}`;
}

// ---- formatting and CSV (the same withheld cells, as text) -------------------------------------

/** A cell as the page shows it: withheld cells say so; an empty cell (no listed price) is a dash. */
export function formatCell(table: FigureTable, row: Row, column: Column): string {
  const value = row.values[column.key] ?? null;
  if (row.withheld) return withheldText(table.threshold);
  if (value === null) return "–";
  switch (column.format) {
    case "pence": return poundsText(value);
    case "percent": return `${(value / 10).toFixed(1)}%`;
    case "hhi": return String(Math.round(value));
    case "stars": return `${(value / 100).toFixed(1)} stars`;
    default: return value.toLocaleString("en-GB");
  }
}

function poundsText(pence: number) {
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${pence < 0 ? "-" : ""}£${pounds}.${String(abs % 100).padStart(2, "0")}`;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csvValue(table: FigureTable, row: Row, column: Column) {
  const value = row.values[column.key] ?? null;
  if (row.withheld) return withheldText(table.threshold);
  if (value === null) return "";
  return column.format === "pence" || column.format === "stars" ? (value / 100).toFixed(2) : column.format === "percent" ? (value / 10).toFixed(1) : String(Math.round(value));
}

/** The table as CSV: the same rows and the same withheld cells as the page. */
export function tableCsv(table: FigureTable): string {
  const header = [table.title, ...table.columns.map((c) => (c.format === "pence" ? `${c.label} (£)` : c.format === "percent" ? `${c.label} (%)` : c.label))];
  const lines = [header, ...[...table.rows, ...(table.total ? [table.total] : [])].map((r) => [r.label, ...table.columns.map((c) => csvValue(table, r, c))])];
  return `${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
