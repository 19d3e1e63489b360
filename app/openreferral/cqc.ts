// Reading the CQC care directory CSV. The weekly "CQC care directory" file opens with a short
// title block, then a heading row (Name, Address, Postcode, Service types, Date of latest
// check, Local authority, CQC Location ID (for office use only), …); ratings come from CQC's
// "care directory with ratings" file (headings such as Location ID, Latest Rating, Publication
// Date). We find the heading row and read columns by heading, accepting either file's names,
// so a file with the ratings joined on (as our fixture has) reads in one go.
import { z } from "zod";
import { normalisePostcode } from "../directory/region";
import { cqcRatings, type CqcRating } from "../directory/vocabulary";

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Each row keeps the line it starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; cell += c; }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") { cells.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      rowLine = ++line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

// Each field and the headings it goes by in CQC's files (compared without case or spacing).
const HEADINGS = {
  locationId: ["CQC Location ID (for office use only)", "Location ID"],
  name: ["Name", "Location Name"],
  address: ["Address", "Location Street Address"],
  postcode: ["Postcode", "Location Post Code"],
  localAuthority: ["Local authority", "Location Local Authority"],
  serviceTypes: ["Service types", "Service type"],
  registrationStatus: ["Registration status", "Location Registration Status"],
  rating: ["Latest overall rating", "Latest Rating", "Overall rating"],
  ratingDate: ["Latest overall rating date", "Publication Date", "Date of latest check"],
} as const;
type Field = keyof typeof HEADINGS;
const REQUIRED: Field[] = ["locationId", "name", "postcode"];

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

export type CqcColumns = Partial<Record<Field, number>> & { width: number };

/** The heading row and where each field is; null when the file has no row with the required headings. */
export function findColumns(rows: { line: number; cells: string[] }[]): { headingIndex: number; columns: CqcColumns } | null {
  for (const [index, row] of rows.slice(0, 20).entries()) {
    const squashed = row.cells.map(squash);
    const columns: CqcColumns = { width: row.cells.length };
    for (const field of Object.keys(HEADINGS) as Field[]) {
      for (const heading of HEADINGS[field]) {
        const at = squashed.indexOf(squash(heading));
        if (at >= 0 && columns[field] === undefined) columns[field] = at;
      }
    }
    if (REQUIRED.every((f) => columns[f] !== undefined)) return { headingIndex: index, columns };
  }
  return null;
}

export type CqcLocation = {
  locationId: string;
  name: string;
  address: string | null;
  postcode: string;
  localAuthority: string | null;
  serviceTypes: string[];
  registrationStatus: "Registered" | "Deregistered";
  rating: CqcRating | null;
  ratingDate: string | null;
};

// "01/03/2025" (CQC's own files) or "2025-03-01".
function isoDate(value: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

const RATING_WORDS = new Map<string, CqcRating | null>([
  ...cqcRatings.map((r) => [squash(r), r] as const),
  ["notrated", "Not yet rated"], ["norating", null], ["", null],
]);

const Row = z.object({
  locationId: z.string().regex(/^1-\d{5,12}$/, "the location id is not a CQC location id like 1-101641521"),
  name: z.string().min(1, "the name is empty").max(300, "the name is too long"),
  address: z.string().max(500).transform((v) => v || null),
  postcode: z.string().transform((v, ctx) => {
    const pc = normalisePostcode(v);
    if (!pc || pc.full === pc.district) {
      ctx.addIssue({ code: "custom", message: `the postcode “${v.slice(0, 20)}” is not a full UK postcode` });
      return z.NEVER;
    }
    return pc.full;
  }),
  localAuthority: z.string().max(100).transform((v) => v || null),
  serviceTypes: z.string().max(2000).transform((v) => v.split(/[|;]/).map((s) => s.trim()).filter(Boolean)),
  registrationStatus: z.string().transform((v, ctx) => {
    const s = squash(v);
    if (s === "" || s === "registered") return "Registered" as const;
    if (s === "deregistered") return "Deregistered" as const;
    ctx.addIssue({ code: "custom", message: `the registration status “${v.slice(0, 30)}” is not Registered or Deregistered` });
    return z.NEVER;
  }),
  rating: z.string().transform((v, ctx) => {
    const rating = RATING_WORDS.get(squash(v));
    if (rating === undefined) {
      ctx.addIssue({ code: "custom", message: `the rating “${v.slice(0, 30)}” is not one of ${cqcRatings.join(", ")}` });
      return z.NEVER;
    }
    return rating;
  }),
  ratingDate: z.string().transform((v, ctx) => {
    if (v === "") return null;
    const date = isoDate(v);
    if (!date) {
      ctx.addIssue({ code: "custom", message: `the date “${v.slice(0, 30)}” is not a date like 01/03/2025` });
      return z.NEVER;
    }
    return date;
  }),
});

export type RowResult = { ok: true; location: CqcLocation } | { ok: false; line: number; reason: string };

export function readRow(row: { line: number; cells: string[] }, columns: CqcColumns): RowResult {
  if (row.cells.length !== columns.width) {
    return { ok: false, line: row.line, reason: `it has ${row.cells.length} values where the heading row has ${columns.width}` };
  }
  const cell = (f: Field) => (columns[f] === undefined ? "" : row.cells[columns[f]]!.trim());
  const parsed = Row.safeParse(Object.fromEntries((Object.keys(HEADINGS) as Field[]).map((f) => [f, cell(f)])));
  if (!parsed.success) return { ok: false, line: row.line, reason: parsed.error.issues.map((i) => i.message).join("; ") };
  return { ok: true, location: parsed.data };
}

/** Names as CQC and providers write them differ in case, punctuation and "Ltd": compare what is left. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\b(ltd|limited|plc|llp|cic|the)\b/g, " ").replace(/\s+/g, " ").trim();
}
