// The search outbox: listing changes write a row here in their own transaction; the worker
// drains rows into the engine with retries, so a change is never lost when the engine is down.
import { and, asc, count, inArray, isNull, lte, max, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { searchOutbox } from "../db/schema";
import { allDocuments, loadDocuments } from "./documents";
import type { SearchEngine } from "./port";

export function enqueueIndexing(tx: Tx, serviceIds: number[], op: "upsert" | "delete" = "upsert") {
  if (serviceIds.length === 0) return;
  tx.insert(searchOutbox).values(serviceIds.map((serviceId) => ({ serviceId, op }))).run();
}

const MAX_BACKOFF_SECONDS = 300;
const isoIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export type DrainReport = { applied: number; failed: number; error?: string };

/**
 * Sends one batch of pending changes to the engine. Rows are marked done only after the engine
 * accepted them; on failure they are retried later with exponential backoff.
 */
export async function drainOutbox(db: Db, engine: SearchEngine, batchSize = 500): Promise<DrainReport> {
  const rows = db.select().from(searchOutbox)
    .where(and(isNull(searchOutbox.doneAt), lte(searchOutbox.nextAttemptAt, new Date().toISOString())))
    .orderBy(asc(searchOutbox.id)).limit(batchSize).all();
  if (rows.length === 0) return { applied: 0, failed: 0 };

  // Documents are read now, so whatever the last change was, the index gets today's truth.
  const ids = [...new Set(rows.map((r) => r.serviceId))];
  const docs = loadDocuments(db, ids);
  const gone = ids.filter((id) => !docs.has(id));
  const rowIds = rows.map((r) => r.id);
  try {
    const upserted = docs.size ? await engine.upsert([...docs.values()]) : {};
    const removed = gone.length ? await engine.remove(gone) : {};
    const taskId = [upserted.taskId, removed.taskId].filter(Boolean).join(",") || null;
    db.update(searchOutbox).set({ doneAt: new Date().toISOString(), taskId, lastError: null })
      .where(inArray(searchOutbox.id, rowIds)).run();
    return { applied: rows.length, failed: 0 };
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
    return { applied: 0, failed: rows.length, error: message };
  }
}

/** Drains until nothing is due; stops at the first failing batch (it will be retried later). */
export async function drainAll(db: Db, engine: SearchEngine): Promise<DrainReport> {
  const total: DrainReport = { applied: 0, failed: 0 };
  for (;;) {
    const report = await drainOutbox(db, engine);
    total.applied += report.applied;
    total.failed += report.failed;
    if (report.error) return { ...total, error: report.error };
    if (report.applied === 0) return total;
  }
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
