// Sessions live in the database, so they can be listed and revoked. The cookie holds a random
// token; the database holds only its hash.
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { secureCookies } from "../config.server";
import { db, type Tx } from "../../db/client";
import { sessions, users } from "../../db/schema/accounts";
import { newToken, sha256 } from "./crypto.server";

export const SESSION_COOKIE = "weave_session";
const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;
// Writing last-seen on every request would make every page view a database write.
const TOUCH_AFTER_MS = 5 * 60_000;

export function sessionCookie(token: string | null): string {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ""}`, "Path=/", "HttpOnly", "SameSite=Lax",
    token ? `Max-Age=${SESSION_DAYS * 86_400}` : "Max-Age=0",
  ];
  if (secureCookies) parts.push("Secure");
  return parts.join("; ");
}

/** A cookie's value in the request, or null. */
export function cookieValue(request: Request, cookie: string): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(/;\s*/)) {
    const [name, ...rest] = part.split("=");
    if (name === cookie) return rest.join("=") || null;
  }
  return null;
}

export const sessionToken = (request: Request) => cookieValue(request, SESSION_COOKIE);

/** A fresh session (never a reused token: rotating at login defeats session fixation). */
export function startSession(tx: Tx, userId: number, userAgent: string | null): string {
  const token = newToken();
  tx.insert(sessions).values({
    tokenHash: sha256(token), userId, userAgent: userAgent?.slice(0, 200) ?? null,
    expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS).toISOString(),
  }).run();
  return token;
}

export type SessionUser = { sessionId: number; user: { id: number; name: string; email: string } };

/** The live session for a token: not expired, not revoked. */
export function findSession(token: string | null): SessionUser | null {
  if (!token) return null;
  const now = new Date();
  const row = db.select({ session: sessions, user: { id: users.id, name: users.name, email: users.email } })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())))
    .get();
  if (!row) return null;
  if (now.getTime() - Date.parse(row.session.lastSeenAt) > TOUCH_AFTER_MS) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, row.session.id)).run();
  }
  return { sessionId: row.session.id, user: row.user };
}

export function revokeSession(tx: Tx, sessionId: number) {
  tx.update(sessions).set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))).run();
}

/** Ends every session of a user, or every one but the current. */
export function revokeSessions(tx: Tx, userId: number, except?: number) {
  tx.update(sessions).set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), except ? ne(sessions.id, except) : undefined)).run();
}

export function activeSessions(userId: number) {
  return db.select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date().toISOString())))
    .orderBy(sessions.lastSeenAt).limit(50).all();
}
