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

export function recordAudit(tx: Tx, entry: AuditEntry) {
  tx.insert(auditLog).values({ ...entry, subjectId: String(entry.subjectId), personId: entry.personId ?? null }).run();
}

export const ACCESS_LOG_PAGE = 50;

/** What other people did with this person's record, newest first. */
export function accessLogFor(personId: number, page = 1) {
  return db.select({ at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, detail: auditLog.detail, actorName: users.name })
    .from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.personId, personId), or(isNull(auditLog.actorId), ne(auditLog.actorId, personId))))
    .orderBy(desc(auditLog.id)).limit(ACCESS_LOG_PAGE).offset((page - 1) * ACCESS_LOG_PAGE).all();
}
