// Which dates a statement covers: from the query string, checked.
import { z } from "zod";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-11-01").refine((d) => !Number.isNaN(Date.parse(d)), "Enter a real date");

export const StatementRange = z.object({ from: Day, to: Day })
  .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date", path: ["to"] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 3 * 366 * 86_400_000, { message: "A statement covers three years at most", path: ["to"] });

export function parseStatementRange(params: URLSearchParams, startsOn: string) {
  const today = new Date().toISOString().slice(0, 10);
  const threeMonthsAgo = new Date(Date.now() - 91 * 86_400_000).toISOString().slice(0, 10);
  const raw = { from: params.get("from") || (threeMonthsAgo < startsOn ? startsOn : threeMonthsAgo), to: params.get("to") || today };
  const parsed = StatementRange.safeParse(raw);
  if (parsed.success) return { ok: true as const, range: parsed.data, raw };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false as const, errors, raw };
}
