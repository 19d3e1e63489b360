// Accounts against a real SQLite file: sessions, passwords, rate limits and representatives.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { loadActor } from "../../app/accounts/actor.server";
import { accessLogFor } from "../../app/accounts/audit.server";
import { deliverMail, type Mail, useMailSender } from "../../app/accounts/mail.server";
import { canActForPerson } from "../../app/accounts/permissions";
import { acceptInvite, inviteRepresentative, peopleRepresentedBy, recordAppointee, revokeGrant, viewPerson } from "../../app/accounts/representatives.server";
import { findSession, SESSION_COOKIE } from "../../app/accounts/sessions.server";
import { changePassword, logIn, logOut, requestPasswordReset, resetPassword, signUp } from "../../app/accounts/users.server";
import { db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { isSameOrigin } from "../../app/security.server";
import { clearData } from "../../seeds/load";
import { race } from "../support/race";

const client = { ip: "203.0.113.7", userAgent: "test" };
const PASSWORD = "a long enough password";
let sent: Mail[] = [];

beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  sent = [];
  useMailSender({ send: async (mail) => { sent.push(mail); } });
});
afterEach(() => vi.useRealTimers());

const request = (token: string | null) =>
  new Request("http://weave.test/account", { headers: token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {} });
const actorFor = (token: string) => loadActor(request(token))!;

async function person(name: string, purpose = "budget-holder") {
  const email = `${name.toLowerCase()}@example.org`;
  const result = await signUp({ name, email, password: PASSWORD, purpose }, client);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result, email };
}

describe("signing up and logging in", () => {
  test("stores an argon2id hash, never the password, and starts a session", async () => {
    const ann = await person("Ann");
    const row = db.select().from(users).where(eq(users.id, ann.userId)).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(findSession(ann.token)?.user.id).toBe(ann.userId);
    // Only a hash of the session token is stored.
    expect(db.select().from(sessions).all().map((s) => s.tokenHash)).not.toContain(ann.token);
  });

  test("a second account with the same email address is refused", async () => {
    await person("Ann");
    const again = await signUp({ name: "Other", email: "ann@example.org", password: PASSWORD, purpose: "budget-holder" }, client);
    expect(again).toMatchObject({ ok: false, errors: { email: expect.stringContaining("already an account") } });
  });

  test("a wrong password and an unknown address get exactly the same answer", async () => {
    await person("Ann");
    const wrong = await logIn({ email: "ann@example.org", password: "not the password" }, client);
    const unknown = await logIn({ email: "nobody@example.org", password: "not the password" }, client);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, status: 400, errors: { email: "Enter a correct email address and password" } });
  });

  test("logging in gives a new token and ends the session presented before (no session fixation)", async () => {
    const ann = await person("Ann");
    const planted = findSession(ann.token)!;
    const login = await logIn({ email: ann.email, password: PASSWORD }, client, planted.sessionId);
    if (!login.ok) throw new Error("login failed");
    expect(login.token).not.toBe(ann.token);
    expect(findSession(ann.token)).toBeNull();
    expect(findSession(login.token)?.user.id).toBe(ann.userId);
  });

  test("an expired session and a revoked session are refused", async () => {
    const ann = await person("Ann");
    const second = await logIn({ email: ann.email, password: PASSWORD }, client);
    if (!second.ok) throw new Error("login failed");
    logOut(findSession(second.token)!.sessionId, false, ann.userId);
    expect(findSession(second.token)).toBeNull();
    expect(findSession(ann.token)).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 15 * 86_400_000, toFake: ["Date"] });
    expect(findSession(ann.token)).toBeNull();
  });

  test("logging out everywhere ends every session", async () => {
    const ann = await person("Ann");
    const other = await logIn({ email: ann.email, password: PASSWORD }, client);
    if (!other.ok) throw new Error("login failed");
    logOut(findSession(ann.token)!.sessionId, true, ann.userId);
    expect(findSession(ann.token)).toBeNull();
    expect(findSession(other.token)).toBeNull();
  });
});

describe("rate limits", () => {
  test("five wrong passwords for one account, then it waits, even with the right password", async () => {
    const ann = await person("Ann");
    for (let i = 0; i < 5; i++) expect((await logIn({ email: ann.email, password: "wrong password" }, client)).ok).toBe(false);
    const blocked = await logIn({ email: ann.email, password: PASSWORD }, { ...client, ip: "198.51.100.1" });
    expect(blocked).toMatchObject({ ok: false, status: 429, errors: { email: expect.stringMatching(/^Too many attempts\. Wait \d+ minutes?, then try again\.$/) } });
    vi.useFakeTimers({ now: Date.now() + 16 * 60_000, toFake: ["Date"] });
    expect((await logIn({ email: ann.email, password: PASSWORD }, client)).ok).toBe(true);
  });

  test("only failures count: logging in often with the right password is never refused", async () => {
    const ann = await person("Ann");
    for (let i = 0; i < 8; i++) expect((await logIn({ email: ann.email, password: PASSWORD }, client)).ok).toBe(true);
  });

  test("one address trying many accounts is stopped too", async () => {
    for (let i = 0; i < 30; i++) await logIn({ email: `guess${i}@example.org`, password: "password guess" }, client);
    const next = await logIn({ email: "guess-last@example.org", password: "password guess" }, client);
    expect(next).toMatchObject({ ok: false, status: 429 });
    expect(await logIn({ email: "guess-last@example.org", password: "password guess" }, { ...client, ip: "192.0.2.9" })).toMatchObject({ status: 400 });
  });

  test("reset requests are limited per account", async () => {
    const ann = await person("Ann");
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset(ann.email, client, "http://weave.test")).ok).toBe(true);
    expect(await requestPasswordReset(ann.email, client, "http://weave.test")).toMatchObject({ ok: false, status: 429 });
  });
});

describe("passwords", () => {
  test("changing the password ends the other sessions but not this one", async () => {
    const ann = await person("Ann");
    const other = await logIn({ email: ann.email, password: PASSWORD }, client);
    if (!other.ok) throw new Error("login failed");
    const current = findSession(ann.token)!.sessionId;
    expect(await changePassword(ann.userId, current, { currentPassword: "wrong one", newPassword: "another long password" }))
      .toMatchObject({ ok: false, errors: { currentPassword: "Your current password is not right" } });
    expect(await changePassword(ann.userId, current, { currentPassword: PASSWORD, newPassword: "another long password" })).toEqual({ ok: true });
    expect(findSession(ann.token)).not.toBeNull();
    expect(findSession(other.token)).toBeNull();
    expect((await logIn({ email: ann.email, password: "another long password" }, client)).ok).toBe(true);
  });

  test("a reset link is mailed only for a real account, works once, and ends every session", async () => {
    const ann = await person("Ann");
    expect(await requestPasswordReset("nobody@example.org", client, "http://weave.test")).toEqual({ ok: true });
    await deliverMail();
    expect(sent).toHaveLength(0);
    expect(await requestPasswordReset(ann.email, client, "http://weave.test")).toEqual({ ok: true });
    await deliverMail();
    const token = /reset-password\/(\S+)/.exec(sent[0]!.text)![1]!;
    const done = await resetPassword(token, "a brand new password", client);
    expect(done.ok).toBe(true);
    expect(findSession(ann.token)).toBeNull();
    expect(await resetPassword(token, "yet another password", client)).toMatchObject({ ok: false, status: 400 });
    expect((await logIn({ email: ann.email, password: "a brand new password" }, client)).ok).toBe(true);
  });

  test("a reset link used at the same moment from two places works only once", async () => {
    const ann = await person("Ann");
    await requestPasswordReset(ann.email, client, "http://weave.test");
    await deliverMail();
    const token = /reset-password\/(\S+)/.exec(sent[0]!.text)![1]!;
    const results = await race<{ ok: boolean }>("app/accounts/users.server.ts", "resetPassword", [
      [token, "first new password!", client], [token, "second new password", client], [token, "third new password!", client],
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  test("a reset link expires after 30 minutes", async () => {
    const ann = await person("Ann");
    await requestPasswordReset(ann.email, client, "http://weave.test");
    await deliverMail();
    const token = /reset-password\/(\S+)/.exec(sent[0]!.text)![1]!;
    vi.useFakeTimers({ now: Date.now() + 31 * 60_000, toFake: ["Date"] });
    expect(await resetPassword(token, "a brand new password", client)).toMatchObject({ ok: false });
  });
});

describe("representatives", () => {
  async function invited() {
    const holder = await person("Holly");
    const carer = await person("Carl", "budget-holder");
    const result = await inviteRepresentative(actorFor(holder.token), { email: carer.email, relationship: "Carer" });
    if (!result.ok) throw new Error("invite failed");
    await deliverMail();
    return { holder, carer, code: result.code };
  }

  test("an invite is emailed with a code; accepted, the representative can see the holder's record", async () => {
    const { holder, carer, code } = await invited();
    expect(sent.at(-1)).toMatchObject({ to: carer.email, text: expect.stringContaining(code) });
    expect(canActForPerson(actorFor(carer.token), holder.userId)).toBe(false);
    expect(acceptInvite(actorFor(carer.token), code.toLowerCase().replace("-", " "))).toEqual({ ok: true, holderId: holder.userId });
    expect(canActForPerson(actorFor(carer.token), holder.userId)).toBe(true);
  });

  test("a code only works for the address it was sent to, and only once", async () => {
    const { carer, code } = await invited();
    const stranger = await person("Stan");
    expect(acceptInvite(actorFor(stranger.token), code)).toMatchObject({ ok: false });
    expect(acceptInvite(actorFor(carer.token), code)).toMatchObject({ ok: true });
    expect(acceptInvite(actorFor(carer.token), code)).toMatchObject({ ok: false });
  });

  test("revoking ends access at once, for the very next request", async () => {
    const { holder, carer, code } = await invited();
    acceptInvite(actorFor(carer.token), code);
    const grantId = peopleRepresentedBy(carer.userId)[0]!.grant.id;
    expect(revokeGrant(actorFor(carer.token), grantId)).toBe(false); // not theirs to revoke
    expect(revokeGrant(actorFor(holder.token), grantId)).toBe(true);
    expect(canActForPerson(actorFor(carer.token), holder.userId)).toBe(false);
  });

  test("every view of a record by someone else is in the holder's access log; their own views are not", async () => {
    const { holder, carer, code } = await invited();
    acceptInvite(actorFor(carer.token), code);
    viewPerson(actorFor(holder.token), holder.userId);
    viewPerson(actorFor(carer.token), holder.userId);
    const log = accessLogFor(holder.userId);
    expect(log.filter((e) => e.action === "person.viewed")).toEqual([expect.objectContaining({ actorName: "Carl" })]);
    expect(log.map((e) => e.action)).toContain("representative.accepted");
  });

  test("a moderator records an appointee with the legal basis", async () => {
    const holder = await person("Holly");
    const appointee = await person("Abe");
    const mod = await person("Mo");
    db.$client.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'moderator')").run(mod.userId);
    const result = recordAppointee(actorFor(mod.token), {
      holderEmail: holder.email, representativeEmail: appointee.email, relationship: "Son",
      legalBasis: "Lasting Power of Attorney for health and welfare, OPG reference 7000-1234-5678",
    });
    expect(result).toMatchObject({ ok: true });
    expect(canActForPerson(actorFor(appointee.token), holder.userId)).toBe(true);
    expect(accessLogFor(holder.userId)[0]).toMatchObject({ action: "representative.appointee-recorded", actorName: "Mo" });
  });
});

test("a form posted from another site is recognised as cross-origin", () => {
  const post = (headers: Record<string, string>) => new Request("http://weave.test/login", { method: "POST", headers });
  expect(isSameOrigin(post({ Origin: "http://weave.test" }))).toBe(true);
  expect(isSameOrigin(post({ Referer: "http://weave.test/login" }))).toBe(true);
  expect(isSameOrigin(post({ Origin: "https://evil.example" }))).toBe(false);
  expect(isSameOrigin(post({ Origin: "null" }))).toBe(false);
  expect(isSameOrigin(post({}))).toBe(false);
});
