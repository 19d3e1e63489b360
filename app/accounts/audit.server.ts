// The audit log: who did what, when, and whose record it was.
import { and, desc, eq, ne, or, isNull } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { auditLog, users } from "../../db/schema/accounts";

export type AuditEntry = {
  actorId: number | null;
  personId?: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  detail?: Record<string, unknown>;
};

// Prepared once: money operations write an audit row each, thousands a second.
let insert: { run(...params: unknown[]): unknown } | undefined;

/** Writes inside the caller's transaction (the tx argument says so; the row goes on the same connection). */
export function recordAudit(_tx: Tx, entry: AuditEntry) {
  insert ??= db.$client.prepare(`INSERT INTO audit_log (actor_id, person_id, action, subject_type, subject_id, detail)
    VALUES (?, ?, ?, ?, ?, ?)`);
  insert.run(entry.actorId, entry.personId ?? null, entry.action, entry.subjectType, String(entry.subjectId),
    entry.detail ? JSON.stringify(entry.detail) : null);
}

export const ACCESS_LOG_PAGE = 50;

/** What other people did with this person's record, newest first. */
export function accessLogFor(personId: number, page = 1) {
  return db.select({ at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, detail: auditLog.detail, actorName: users.name })
    .from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.personId, personId), or(isNull(auditLog.actorId), ne(auditLog.actorId, personId))))
    .orderBy(desc(auditLog.id)).limit(ACCESS_LOG_PAGE).offset((page - 1) * ACCESS_LOG_PAGE).all();
}
