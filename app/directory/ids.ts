import { z } from "zod";

/** A record id from a URL: a positive whole number, or null (the route answers 404). */
export function parseId(raw: string | undefined): number | null {
  const parsed = z.coerce.number().int().positive().max(2 ** 31 - 1).safeParse(raw);
  return parsed.success && /^\d+$/.test(raw ?? "") ? parsed.data : null;
}
