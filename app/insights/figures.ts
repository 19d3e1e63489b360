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
function together(rows: Cell[], basis: Basis): number {
  const whos = rows.map((r) => r.who[basis]).filter((w): w is Who => w !== undefined);
  if (whos.every((w) => typeof w !== "number")) {
    const all = new Set<number>();
    for (const w of whos as ReadonlySet<number>[]) for (const id of w) all.add(id);
    return all.size;
  }
  return basis === "people" ? Math.max(0, ...whos.map(size)) : whos.reduce<number>((n, w) => n + size(w), 0);
}

const bases = (row: Cell) => Object.keys(row.who) as Basis[];
const tooFew = (rows: Cell[], policy: Policy) =>
  rows.length > 0 && bases(rows[0]!).some((b) => together(rows, b) < policy[b]);
// Built from nobody: a cell about no one gives no one away, so it needs no protection (it is
// still shown as "fewer than 5", which it is).
const empty = (cell: Cell) => bases(cell).every((b) => size(cell.who[b]!) === 0);

function hide(row: RawRow, withheld: Row["withheld"]): Row {
  return { key: row.key, label: row.label, values: withheld ? Object.fromEntries(Object.keys(row.values).map((k) => [k, null])) : { ...row.values }, withheld };
}

/** A figure as suppression sees it: who it is built from. */
export type Cell = { key: string; who: RawRow["who"] };
/** A linear relation between figures a reader can see: `total` is the sum of `members`. */
export type Line = { total: string; members: string[] };
export type Withheld = Map<string, NonNullable<Row["withheld"]>>;

/**
 * The suppression pattern of a set of figures tied together by sums (the rows of a table and its
 * total; or the cells of a category × month matrix, its rows' totals, its categories' totals and
 * the grand total):
 * 1. every figure built from fewer than the threshold is withheld ("few"), and whatever `given`
 *    already withholds;
 * 2. the standard iterative heuristic: for every line whose total is shown, if any of its members
 *    built from somebody is withheld and the withheld members together are built from fewer than
 *    the threshold, withhold the member built from the fewest people that is still shown
 *    ("complement"); with none left, the total ("few"); until nothing changes;
 * 3. an exact check that no figure withheld for being built from too few people can be worked
 *    out from the shown ones by any combination of the sums (a withheld figure is determined
 *    when, eliminating the lines over the withheld figures, a row of the reduced system names it
 *    alone): while one can, one more figure is withheld beside a determined one (a determined
 *    complement first, the usual way in), and 2 and 3 run again.
 * Figures built from nobody are taken as known (zero): an empty cell hides nothing and protects
 * nothing, so a reader who guesses the zeros learns no more than the check assumes.
 */
export function suppress(cells: ReadonlyMap<string, Cell>, lines: Line[], policy: Policy, given: Withheld = new Map()): Withheld {
  const withheld: Withheld = new Map(given);
  for (const cell of cells.values()) if (!withheld.has(cell.key) && tooFew([cell], policy)) withheld.set(cell.key, "few");
  const cellOf = (key: string) => cells.get(key)!;
  const unknown = (key: string) => withheld.has(key) && !empty(cellOf(key));
  const smallestShown = (keys: string[]) => keys.filter((k) => !withheld.has(k)).map(cellOf)
    .sort((a, b) => smallness(a, policy) - smallness(b, policy) || smallness(a, policy, "sum") - smallness(b, policy, "sum") || a.key.localeCompare(b.key))[0];
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        if (withheld.has(line.total)) continue;
        const hidden = line.members.filter(unknown).map(cellOf);
        if (hidden.length === 0 || !tooFew(hidden, policy)) continue;
        const next = smallestShown(line.members);
        withheld.set(next ? next.key : line.total, next ? "complement" : "few");
        changed = true;
      }
    }
    // Only a figure built from too few people must not be known; but when one is, the usual
    // culprit is a complement known exactly from another line, so that is mended first.
    const exposed = determined(lines, unknown);
    const sensitive = (k: string) => tooFew([cellOf(k)], policy);
    if (!exposed.some(sensitive)) return withheld;
    // A figure one line gives away on its own (the only one not known in it) is mended first,
    // a sensitive one before a complement; then a complement, then anything.
    const linesOf = (k: string) => lines.filter((l) => l.total === k || l.members.includes(k));
    const aloneIn = (k: string) => linesOf(k).filter((l) => [l.total, ...l.members].every((x) => x === k || !unknown(x)));
    const target = exposed.find((k) => sensitive(k) && aloneIn(k).length > 0) ?? exposed.find((k) => !sensitive(k) && aloneIn(k).length > 0)
      ?? exposed.find((k) => !sensitive(k)) ?? exposed.find(sensitive)!;
    // Withhold one more figure beside it: the smallest shown in the lines that give it away, else
    // in any of its lines.
    const its = linesOf(target);
    const alone = aloneIn(target);
    // A cell inside the lines before a total: a total withheld takes every view of it with it.
    const near = alone.length > 0 ? alone : its;
    const shownOf = (keys: string[]) => smallestShown(keys.filter((k) => k !== target && !empty(cellOf(k))));
    const next = shownOf(near.flatMap((l) => l.members)) ?? shownOf(near.map((l) => l.total));
    if (!next) return withheld; // nothing shown around it: it is determined by nothing a reader sees
    withheld.set(next.key, "complement");
  }
}

/**
 * The withheld figures a reader could work out exactly: Gaussian elimination of the lines (each
 * total minus its members is 0) over the withheld figures, the shown ones being known. A figure
 * is determined when a reduced row has it alone.
 */
function determined(lines: Line[], unknown: (key: string) => boolean): string[] {
  const keys = [...new Set(lines.flatMap((l) => [l.total, ...l.members]).filter(unknown))];
  if (keys.length === 0) return [];
  const column = new Map(keys.map((k, i) => [k, i]));
  const rows = lines.map((l) => {
    const row = new Map<number, number>();
    const put = (k: string, v: number) => { const c = column.get(k); if (c !== undefined) row.set(c, (row.get(c) ?? 0) + v); };
    put(l.total, 1);
    for (const m of l.members) put(m, -1);
    return row;
  }).filter((r) => r.size > 0);
  const pivots: Map<number, number>[] = [];
  for (const row of rows) {
    // Reduce against the pivots so far, then make it a pivot and reduce them by it.
    for (const p of pivots) {
      const [pc] = p.keys();
      const f = row.get(pc!);
      if (f) addScaled(row, p, -f);
    }
    const lead = [...row.entries()].find(([, v]) => Math.abs(v) > 1e-9);
    if (!lead) continue;
    for (const [c, v] of row) row.set(c, v / lead[1]);
    const ordered = new Map([[lead[0], 1], ...[...row].filter(([c]) => c !== lead[0])]);
    for (const p of pivots) {
      const f = p.get(lead[0]);
      if (f) addScaled(p, ordered, -f);
    }
    pivots.push(ordered);
  }
  return pivots.filter((p) => [...p.values()].filter((v) => Math.abs(v) > 1e-9).length === 1).map((p) => keys[[...p.keys()][0]!]!);
}

function addScaled(into: Map<number, number>, row: Map<number, number>, factor: number) {
  for (const [c, v] of row) {
    const next = (into.get(c) ?? 0) + factor * v;
    if (Math.abs(next) < 1e-9) into.delete(c);
    else into.set(c, next);
  }
}

const TOTAL = "\u0000total";

/**
 * Withholds what must be withheld in one table, by `suppress()` over its rows and total:
 * every row built from too few people (or providers, or searches); everything when the table
 * describes a category the area's table withholds; rows `given` by a pattern across tables
 * (crossPattern in cross.ts); and, when there is a total, more rows, smallest first,
 * until "the total minus the shown rows" describes at least the threshold — or the total itself.
 */
export function publish(table: RawTable, policy: Policy, given: { rows?: Withheld; total?: boolean } = {}): FigureTable {
  const cells = new Map<string, Cell>(table.rows.map((r) => [r.key, r]));
  const seed: Withheld = new Map(given.rows);
  if (table.withholdAll) for (const r of table.rows) seed.set(r.key, "few");
  if (table.total) {
    cells.set(TOTAL, { key: TOTAL, who: table.total.who });
    if (table.withholdAll || given.total) seed.set(TOTAL, "few");
  }
  const withheld = suppress(cells, table.total ? [{ total: TOTAL, members: table.rows.map((r) => r.key) }] : [], policy, seed);
  const threshold: FigureTable["threshold"] = {};
  for (const b of new Set(table.rows.flatMap(bases))) threshold[b] = policy[b];
  if (table.withholdAll) threshold.people = policy.people;
  return {
    id: table.id, title: table.title, caption: table.caption, columns: table.columns, chart: table.chart, threshold,
    rows: table.rows.map((r) => hide(r, withheld.get(r.key) ?? null)),
    total: table.total ? hide(table.total, withheld.has(TOTAL) ? "few" : null) : null,
  };
}

// The least informative row to give up first: the one built from the fewest people (or
// providers, searches), measured against each basis's threshold so that 3 providers and 5 people
// weigh the same; of two as small, the one smaller in all its bases together.
const smallness = (row: Cell, policy: Policy, by: "min" | "sum" = "min") => {
  const sizes = bases(row).map((b) => size(row.who[b]!) / policy[b]);
  return by === "min" ? Math.min(...sizes) : sizes.reduce((n, x) => n + x, 0);
};


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
