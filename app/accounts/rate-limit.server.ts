// Fixed-window counters in the database, shared by every server process.
import { sql } from "drizzle-orm";
import { db } from "../../db/client";
import { rateLimits } from "../../db/schema/accounts";

export type Limit = { key: string; max: number; windowSeconds: number };
export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const windowStartOf = (limit: Limit, now: Date) => {
  const windowMs = limit.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
};

/** Whether any limit is used up, without counting this attempt (for limits on failures only). */
export function checkLimits(limits: Limit[], now = new Date()): LimitResult {
  let retryAfterSeconds = 0;
  for (const limit of limits) {
    const start = windowStartOf(limit, now);
    const hits = db.$client.prepare("SELECT hits FROM rate_limits WHERE key = ? AND window_start = ?").pluck().get(limit.key, start) as number | undefined;
    if ((hits ?? 0) >= limit.max) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((Date.parse(start) + limit.windowSeconds * 1000 - now.getTime()) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** Counts one attempt against each limit; refused if any limit is already used up. */
export function hitLimits(limits: Limit[], now = new Date()): LimitResult {
  return db.transaction((tx) => {
    let retryAfterSeconds = 0;
    for (const limit of limits) {
      const windowMs = limit.windowSeconds * 1000;
      const start = windowStartOf(limit, now);
      const row = tx.insert(rateLimits).values({ key: limit.key, windowStart: start, hits: 1 })
        .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
        .returning({ hits: rateLimits.hits }).get();
      if (row.hits > limit.max) {
        retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((Date.parse(start) + windowMs - now.getTime()) / 1000));
      }
    }
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }, { behavior: "immediate" });
}

export const minutesText = (seconds: number) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
};
