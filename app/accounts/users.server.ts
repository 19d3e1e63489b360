// Signing up, logging in and out, and passwords. Messages never say whether an email address
// has an account (except at sign-up, where the person must be told).
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../../db/client";
import { passwordResets, userRoles, users, type PlatformRole } from "../../db/schema/accounts";
import { recordAudit } from "./audit.server";
import { newToken, sha256 } from "./crypto.server";
import { queueMail } from "./mail.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.server";
import { checkLimits, hitLimits, minutesText } from "./rate-limit.server";
import { revokeSession, revokeSessions, startSession } from "./sessions.server";

const RESET_MINUTES = 30;
const FIFTEEN_MINUTES = 15 * 60;

export type Failure = { ok: false; errors: Record<string, string>; status: number };

export async function signUp(input: { name: string; email: string; password: string; purpose: string }, client: Client) {
  const limited = hitLimits([{ key: `signup:ip:${client.ip}`, max: 20, windowSeconds: 3600 }]);
  if (!limited.allowed) return tooMany(limited.retryAfterSeconds, "email");
  const existing = db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
  if (existing) {
    return { ok: false, status: 400, errors: { email: "There is already an account with this email address: log in, or reset your password" } } as Failure;
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const user = tx.insert(users).values({ name: input.name, email: input.email, passwordHash }).returning({ id: users.id }).get();
    const roles: PlatformRole[] = input.purpose === "budget-holder" ? ["budget-holder"]
      : input.purpose === "community-organiser" ? ["community-organiser"] : [];
    for (const role of roles) tx.insert(userRoles).values({ userId: user.id, role }).run();
    recordAudit(tx, { actorId: user.id, action: "account.created", subjectType: "user", subjectId: user.id });
    return { ok: true as const, userId: user.id, token: startSession(tx, user.id, client.userAgent) };
  });
}

export type Client = { ip: string; userAgent: string | null };

function tooMany(seconds: number, field: string): Failure {
  return { ok: false, status: 429, errors: { [field]: `Too many attempts. Wait ${minutesText(seconds)}, then try again.` } };
}

/** A new session for the right email and password; the session presented before (if any) ends. */
export async function logIn(input: { email: string; password: string }, client: Client, previousSessionId?: number) {
  // Only failed attempts count: a person who logs in often is not an attacker.
  const limits = [
    { key: `login:ip:${client.ip}`, max: 30, windowSeconds: FIFTEEN_MINUTES },
    { key: `login:account:${input.email}`, max: 5, windowSeconds: FIFTEEN_MINUTES },
  ];
  const limited = checkLimits(limits);
  if (!limited.allowed) return tooMany(limited.retryAfterSeconds, "email");
  const user = db.select().from(users).where(eq(users.email, input.email)).get();
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid) {
    hitLimits(limits);
    return { ok: false, status: 400, errors: { email: "Enter a correct email address and password" } } as Failure;
  }
  return db.transaction((tx) => {
    if (previousSessionId) revokeSession(tx, previousSessionId);
    recordAudit(tx, { actorId: user.id, action: "account.login", subjectType: "user", subjectId: user.id });
    return { ok: true as const, userId: user.id, token: startSession(tx, user.id, client.userAgent) };
  });
}

export function logOut(sessionId: number, everywhere: boolean, userId: number) {
  db.transaction((tx) => {
    if (everywhere) revokeSessions(tx, userId);
    else revokeSession(tx, sessionId);
    recordAudit(tx, { actorId: userId, action: everywhere ? "account.logout-everywhere" : "account.logout", subjectType: "user", subjectId: userId });
  });
}

/** Changes the password and ends every other session, in case someone else had one. */
export async function changePassword(userId: number, sessionId: number, input: { currentPassword: string; newPassword: string }) {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, status: 400, errors: { currentPassword: "Your current password is not right" } } as Failure;
  }
  const passwordHash = await hashPassword(input.newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
    revokeSessions(tx, userId, sessionId);
    recordAudit(tx, { actorId: userId, action: "account.password-changed", subjectType: "user", subjectId: userId });
  });
  return { ok: true as const };
}

/** Sends a one-time reset link if the address has an account; the answer is the same either way. */
export async function requestPasswordReset(email: string, client: Client, origin: string) {
  const limited = hitLimits([
    { key: `reset:ip:${client.ip}`, max: 10, windowSeconds: FIFTEEN_MINUTES },
    { key: `reset:account:${email}`, max: 3, windowSeconds: FIFTEEN_MINUTES },
  ]);
  if (!limited.allowed) return tooMany(limited.retryAfterSeconds, "email");
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (user) {
    const token = newToken();
    db.transaction((tx) => {
      tx.insert(passwordResets).values({
        tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000).toISOString(),
      }).run();
      recordAudit(tx, { actorId: null, action: "account.reset-requested", subjectType: "user", subjectId: user.id });
      queueMail(tx, {
        to: user.email,
        subject: "Reset your Weave password",
        text: `Use this link within ${RESET_MINUTES} minutes to choose a new password:\n${origin}/reset-password/${token}\n\nIf you did not ask for this, you can ignore this email.`,
      }, new Date(Date.now() + RESET_MINUTES * 60_000));
    });
  }
  return { ok: true as const };
}

function liveReset(token: string) {
  return db.select().from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date().toISOString())))
    .get();
}

export const resetTokenIsLive = (token: string) => liveReset(token) !== undefined;

/** Sets a new password from a reset link: the link works once, and every old session ends. */
export async function resetPassword(token: string, newPassword: string, client: Client) {
  const reset = liveReset(token);
  if (!reset) return { ok: false, status: 400, errors: { newPassword: "This link has expired or has been used: ask for a new one" } } as Failure;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction((tx) => {
    const used = tx.update(passwordResets).set({ usedAt: new Date().toISOString() })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt))).run();
    if (used.changes === 0) return { ok: false, status: 400, errors: { newPassword: "This link has already been used: ask for a new one" } } as Failure;
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date().toISOString() }).where(eq(users.id, reset.userId)).run();
    revokeSessions(tx, reset.userId);
    recordAudit(tx, { actorId: reset.userId, action: "account.password-reset", subjectType: "user", subjectId: reset.userId });
    return { ok: true as const, token: startSession(tx, reset.userId, client.userAgent) };
  }, { behavior: "immediate" });
}

/** Whether someone is emailed when there is news on their orders and questions (app/purchasing/news-mail.server.ts). */
export function orderEmailsOf(userId: number): boolean {
  return db.select({ on: users.orderEmails }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

export function setOrderEmails(userId: number, on: boolean) {
  db.transaction((tx) => {
    tx.update(users).set({ orderEmails: on }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: userId, action: on ? "account.order-emails-on" : "account.order-emails-off", subjectType: "user", subjectId: userId });
  });
}
