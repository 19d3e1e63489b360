// The dashboard's filter: whole months (how councils report) and an optional category.
import { z } from "zod";
import { categories, type CategorySlug } from "../directory/vocabulary";

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter a month like 2026-03");

export type InsightsFilter = { from: string; to: string; category: CategorySlug | null };

export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) return out;
    out.push(month);
    if (++m > 12) { m = 1; y++; }
  }
};

const addMonths = (month: string, n: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};

/** The last twelve months, this one included. */
export const defaultFilter = (today = new Date()): InsightsFilter => {
  const to = today.toISOString().slice(0, 7);
  return { from: addMonths(to, -11), to, category: null };
};

export const MAX_MONTHS = 120;

export function parseFilter(params: URLSearchParams, today = new Date()) {
  const fallback = defaultFilter(today);
  const schema = z.object({
    from: Month.default(fallback.from),
    to: Month.default(fallback.to),
    category: z.enum(categories.map((c) => c.slug) as [CategorySlug, ...CategorySlug[]], "Choose a category from the list").nullable().default(null),
  }).refine((f) => f.from <= f.to, { path: ["to"], message: "The end month must not be before the start month" })
    .refine((f) => monthsBetween(f.from, f.to).length <= MAX_MONTHS, { path: ["from"], message: `Choose at most ${MAX_MONTHS / 12} years` });
  const input = Object.fromEntries(["from", "to", "category"].map((k) => [k, params.get(k) || undefined]));
  return schema.safeParse(input);
}

/** The filter as a query string, for links (CSV, print) that must show the same figures. */
export const filterQuery = (f: InsightsFilter) => new URLSearchParams({ from: f.from, to: f.to, ...(f.category ? { category: f.category } : {}) }).toString();
