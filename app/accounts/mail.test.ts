// Email through the outbox, against a real SMTP server on 127.0.0.1 (smtp-server): what is queued
// arrives, a server that is down loses nothing, links past their time are not sent, and workers
// in several processes send each message once.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { mailOutbox } from "../../db/schema";
import { clearData } from "../../seeds/load";
import { race } from "../../tests/support/race";
import { deliverMail, type Mail, MAIL_KEPT_DAYS, MAX_ATTEMPTS, pruneMail, queueMail, retryDelayMs, smtpMailSender, useMailSender } from "./mail.server";
import { requestPasswordReset, signUp } from "./users.server";

type Received = { from: string; to: string[]; data: string };

/** An SMTP server that keeps what it is sent; `port` to start it where a stopped one was. */
async function smtpServer(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => { data += chunk; });
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  return {
    received, port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: one a server had a moment ago. */
async function closedPort() {
  const s = await smtpServer();
  await s.stop();
  return s.port;
}

const rows = () => db.select().from(mailOutbox).orderBy(mailOutbox.id).all();
const queue = (mail: Mail, expiresAt?: Date) => db.transaction((tx) => queueMail(tx, mail, expiresAt));
const FROM = "Weave <no-reply@weave.test>";
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

let stops: (() => Promise<void>)[] = [];
beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  stops = [];
});
afterEach(async () => {
  for (const stop of stops) await stop();
});

describe("sending email through SMTP", () => {
  test("a password reset link reaches the mail server, and the stored copy of the link is cleared once sent", async () => {
    const smtp = await smtpServer();
    stops.push(smtp.stop);
    const signedUp = await signUp({ name: "Ann", email: "ann@example.org", password: "a long enough password", purpose: "budget-holder" }, { ip: "203.0.113.7", userAgent: "test" });
    expect(signedUp.ok).toBe(true);
    await requestPasswordReset("ann@example.org", { ip: "203.0.113.7", userAgent: "test" }, "http://weave.test");
    // Queued with the reset, not sent by it.
    expect(rows()).toMatchObject([{ toAddress: "ann@example.org", status: "pending", body: expect.stringContaining("http://weave.test/reset-password/") }]);

    const report = await deliverMail(new Date(), smtpMailSender(`smtp://127.0.0.1:${smtp.port}`, FROM));
    expect(report).toMatchObject({ sent: 1, retrying: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: "no-reply@weave.test", to: ["ann@example.org"] });
    expect(smtp.received[0]!.data).toMatch(/^Subject: Reset your Weave password$/m);
    expect(smtp.received[0]!.data).toMatch(/http:\/\/weave\.test\/reset-password\/\S+/);
    expect(rows()).toMatchObject([{ status: "sent", body: "", attempts: 1, sentAt: expect.any(String) }]);

    // Sent is sent: the next run sends nothing again.
    expect(await deliverMail(new Date(), smtpMailSender(`smtp://127.0.0.1:${smtp.port}`, FROM))).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  test("while the mail server is down nothing is lost: it is tried again later, less often, and sent when the server is back", async () => {
    const port = await closedPort();
    const via = smtpMailSender(`smtp://127.0.0.1:${port}`, FROM);
    queue({ to: "bea@example.org", subject: "Your invitation", text: "Code ABCD-EFGH" });
    const t0 = new Date();

    expect(await deliverMail(t0, via)).toMatchObject({ sent: 0, retrying: 1, error: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(rows()).toMatchObject([{ status: "pending", attempts: 1, body: "Code ABCD-EFGH", nextAttemptAt: later(t0, retryDelayMs(1)).toISOString() }]);
    // Not due yet: not tried.
    expect(await deliverMail(later(t0, 10_000), via)).toMatchObject({ sent: 0, retrying: 0 });
    expect(rows()[0]!.attempts).toBe(1);
    // Still down: the wait doubles.
    const t1 = later(t0, retryDelayMs(1));
    expect(await deliverMail(t1, via)).toMatchObject({ retrying: 1 });
    expect(rows()[0]).toMatchObject({ attempts: 2, nextAttemptAt: later(t1, retryDelayMs(2)).toISOString() });
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    const smtp = await smtpServer(port);
    stops.push(smtp.stop);
    expect(await deliverMail(later(t1, retryDelayMs(2)), via)).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([["bea@example.org"]]);
    expect(smtp.received[0]!.data).toContain("Code ABCD-EFGH");
    expect(rows()[0]).toMatchObject({ status: "sent", body: "" });
  });

  test("a message that cannot be sent for days is given up, said in the log, and its body cleared", async () => {
    const port = await closedPort();
    const via = smtpMailSender(`smtp://127.0.0.1:${port}`, FROM);
    queue({ to: "cal@example.org", subject: "Hello", text: "secret code" });
    let at = new Date();
    let last;
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      last = await deliverMail(at, via);
      at = later(at, retryDelayMs(i));
    }
    expect(last).toMatchObject({ failed: 1, retrying: 0 });
    expect(rows()).toMatchObject([{ status: "failed", attempts: MAX_ATTEMPTS, body: "", lastError: expect.any(String) }]);
    expect(await deliverMail(later(at, 86_400_000), via)).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
  });

  test("a link past its time is not sent at all, and its body is cleared", async () => {
    const sent: Mail[] = [];
    const t0 = new Date();
    queue({ to: "dan@example.org", subject: "Reset", text: "link" }, later(t0, 30 * 60_000));
    queue({ to: "eve@example.org", subject: "News", text: "no limit" });
    const report = await deliverMail(later(t0, 31 * 60_000), { send: async (m) => { sent.push(m); } });
    expect(report).toMatchObject({ sent: 1, expired: 1 });
    expect(sent.map((m) => m.to)).toEqual(["eve@example.org"]);
    expect(rows()).toMatchObject([{ toAddress: "dan@example.org", status: "expired", body: "" }, { toAddress: "eve@example.org", status: "sent" }]);
  });

  test("the server's own sender, when no SMTP server is set, is the log; tests can swap it", async () => {
    const sent: Mail[] = [];
    useMailSender({ send: async (m) => { sent.push(m); } });
    queue({ to: "fay@example.org", subject: "S", text: "T" });
    expect(await deliverMail()).toMatchObject({ sent: 1 });
    expect(sent).toEqual([{ to: "fay@example.org", subject: "S", text: "T" }]);
  });
});

describe("several workers at once", () => {
  test("three processes delivering together send each of 120 messages exactly once", async () => {
    db.transaction((tx) => {
      for (let i = 0; i < 120; i++) queueMail(tx, { to: `p${i}@example.org`, subject: `Message ${i}`, text: `Body ${i}` });
    });
    const runs = async () => (await race<{ sent: number }>("app/accounts/mail.server.ts", "deliverMail", [[], [], []])).reduce((n, r) => n + r.sent, 0);
    // Each takes a batch of at most 50; whatever is left goes in a second round.
    let sent = await runs();
    if (sent < 120) sent += await runs();
    expect(sent).toBe(120);
    const after = rows();
    expect(after.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  }, 30_000);
});

test("the record of a message done with is forgotten after 90 days; one still waiting to be sent never is", async () => {
  queue({ to: "old@example.org", subject: "Old", text: "x" });
  queue({ to: "waiting@example.org", subject: "Waiting", text: "y" });
  await deliverMail(new Date(), { send: async (m) => { if (m.to === "waiting@example.org") throw new Error("mailbox full"); } });
  expect(pruneMail(later(new Date(), (MAIL_KEPT_DAYS - 1) * 86_400_000))).toBe(0);
  expect(pruneMail(later(new Date(), (MAIL_KEPT_DAYS + 1) * 86_400_000))).toBe(1);
  expect(rows().map((r) => [r.toAddress, r.status])).toEqual([["waiting@example.org", "pending"]]);
});

test("a queued message is part of its transaction: rolled back with it, never sent", async () => {
  expect(() => db.transaction((tx) => {
    queueMail(tx, { to: "gus@example.org", subject: "S", text: "T" });
    throw new Error("the change it told of failed");
  })).toThrow("the change it told of failed");
  expect(rows()).toHaveLength(0);
});
