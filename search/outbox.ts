// The search outbox: listing changes write a row here in their own transaction; the worker
// drains rows into the engine with retries, so a change is never lost when the engine is down.
import { and, asc, count, desc, inArray, isNotNull, isNull, like, lte, max, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { searchOutbox } from "../db/schema";
import { allDocuments, loadDocuments } from "./documents";
import type { SearchEngine, ServiceDocument } from "./port";

export function enqueueIndexing(tx: Tx, serviceIds: number[], op: "upsert" | "delete" = "upsert") {
  if (serviceIds.length === 0) return;
  tx.insert(searchOutbox).values(serviceIds.map((serviceId) => ({ serviceId, op }))).run();
}

const MAX_BACKOFF_SECONDS = 300;
const isoIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export type DrainReport = {
  /** Changes now in the index. */
  applied: number;
  /** Changes that failed and wait to be retried. */
  failed: number;
  /** Changes the engine refused for the listing's own content: recorded on their rows, not retried. */
  rejected: number;
  /** Changes whose listing changed again while they were being sent: queued again at once. */
  resent: number;
  error?: string;
};

// How a listing looked when it was read, to notice a newer version arriving while it was sent.
const snapshot = (doc: ServiceDocument | undefined) => (doc ? JSON.stringify(doc) : null);

/**
 * Sends one batch of pending changes to the engine. Rows are marked done only after the engine
 * applied them; on failure they are retried later with exponential backoff.
 */
export async function drainOutbox(db: Db, engine: SearchEngine, batchSize = 500): Promise<DrainReport> {
  const rows = db.select().from(searchOutbox)
    .where(and(isNull(searchOutbox.doneAt), lte(searchOutbox.nextAttemptAt, new Date().toISOString())))
    .orderBy(asc(searchOutbox.id)).limit(batchSize).all();
  if (rows.length === 0) return { applied: 0, failed: 0, rejected: 0, resent: 0 };

  // Documents are read now, so whatever the last change was, the index gets today's truth.
  const ids = [...new Set(rows.map((r) => r.serviceId))];
  const docs = loadDocuments(db, ids);
  const gone = ids.filter((id) => !docs.has(id));
  let taskId: string | null;
  let rejected: Map<number, string>;
  try {
    const upserted = docs.size ? await engine.upsert([...docs.values()]) : {};
    const removed = gone.length ? await engine.remove(gone) : {};
    taskId = [upserted.taskId, removed.taskId].filter(Boolean).join(",") || null;
    rejected = new Map((upserted.rejected ?? []).map((r) => [r.id, r.reason]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    db.transaction((tx) => {
      for (const row of rows) {
        tx.update(searchOutbox)
          .set({
            attempts: row.attempts + 1,
            nextAttemptAt: isoIn(Math.min(MAX_BACKOFF_SECONDS, 2 ** row.attempts)),
            lastError: message.slice(0, 500),
          })
          .where(sql`${searchOutbox.id} = ${row.id}`).run();
      }
    });
    return { applied: 0, failed: rows.length, rejected: 0, resent: 0, error: message };
  }

  return db.transaction((tx) => {
    // Two workers (the server's and `npm run search:sync`) can each send a version of the same
    // listing, and an older one can land after a newer one. So after our write has landed we look
    // again: if the listing is no longer what we sent, we queue a fresh change for it. A fresh row,
    // not our old one reopened: another worker may be about to mark our old rows done.
    const current = loadDocuments(tx, ids);
    const changed = ids.filter((id) => !rejected.has(id) && snapshot(current.get(id)) !== snapshot(docs.get(id)));
    const now = new Date().toISOString();
    const rowsOf = (keep: (serviceId: number) => boolean) => rows.filter((r) => keep(r.serviceId)).map((r) => r.id);
    const sent = rowsOf((id) => !rejected.has(id));
    if (sent.length) {
      tx.update(searchOutbox).set({ doneAt: now, taskId, lastError: null }).where(inArray(searchOutbox.id, sent)).run();
    }
    for (const [serviceId, reason] of rejected) {
      // Done, so it is not retried forever; the reason stays on the row for whoever looks
      // (rejectedChanges, `npm run search:sync`). Fixing the listing queues a fresh change.
      tx.update(searchOutbox).set({ doneAt: now, taskId, lastError: `rejected: ${reason}`.slice(0, 500) })
        .where(inArray(searchOutbox.id, rowsOf((id) => id === serviceId))).run();
    }
    enqueueIndexing(tx, changed.filter((id) => current.has(id)));
    enqueueIndexing(tx, changed.filter((id) => !current.has(id)), "delete");
    const resent = rowsOf((id) => changed.includes(id)).length;
    return { applied: sent.length - resent, failed: 0, rejected: rows.length - sent.length, resent };
  });
}

/** Drains until nothing is due; stops at the first failing batch (it will be retried later). */
export async function drainAll(db: Db, engine: SearchEngine): Promise<DrainReport> {
  const total: DrainReport = { applied: 0, failed: 0, rejected: 0, resent: 0 };
  for (;;) {
    const report = await drainOutbox(db, engine);
    total.applied += report.applied;
    total.failed += report.failed;
    total.rejected += report.rejected;
    total.resent += report.resent;
    if (report.error) return { ...total, error: report.error };
    // A round that only re-queued changed listings ends here too, so a listing edited without
    // pause cannot keep this loop going; the next round picks them up.
    if (report.applied + report.rejected === 0) return total;
  }
}

/** Changes the engine refused for their content (most recent first), with its reason. */
export function rejectedChanges(db: Db, limit = 20) {
  return db.select({ serviceId: searchOutbox.serviceId, at: searchOutbox.doneAt, reason: searchOutbox.lastError })
    .from(searchOutbox)
    .where(and(isNotNull(searchOutbox.doneAt), like(searchOutbox.lastError, "rejected: %")))
    .orderBy(desc(searchOutbox.id)).limit(limit).all();
}

export function pendingCount(db: Db): number {
  return db.select({ n: count() }).from(searchOutbox).where(isNull(searchOutbox.doneAt)).get()?.n ?? 0;
}

/**
 * Rebuilds the engine's index from the database. Changes that land while it runs are replayed
 * afterwards from the outbox, so the swap never loses an edit.
 */
export async function reindex(db: Db, engine: SearchEngine) {
  const mark = db.select({ id: max(searchOutbox.id) }).from(searchOutbox).get()?.id ?? 0;
  await engine.reindex(allDocuments(db));
  db.update(searchOutbox).set({ doneAt: null, attempts: 0, nextAttemptAt: new Date(0).toISOString() })
    .where(sql`${searchOutbox.id} > ${mark}`).run();
  return drainAll(db, engine);
}
