// Email goes through an outbox: `queueMail` writes it in the same transaction as what it tells
// (a reset link, an invitation code), and `deliverMail` sends what is due through one small
// sender interface: SMTP when SMTP_URL is set, otherwise the server log (development, the demo).
// Delivery is at least once: a process that dies between sending and marking a message sent sends
// it again after the claim lapses (CLAIM_MS), never not at all.
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { config } from "../config.server";
import { repeat } from "../jobs.server";
import { db, type Tx } from "../../db/client";
import { mailOutbox, users } from "../../db/schema/accounts";

export type Mail = { to: string; subject: string; text: string };
export interface MailSender {
  send(mail: Mail): Promise<void>;
}

export const logMailSender: MailSender = {
  async send(mail) {
    console.info(`\n--- email to ${mail.to}: ${mail.subject}\n${mail.text}\n---`);
  },
};

/** Sends through an SMTP server, e.g. `smtp://user:password@mail.example.org:587` (STARTTLS when offered). */
export function smtpMailSender(url: string, from: string): MailSender {
  const transport = createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

let sender: MailSender | null = null;
export const mailSender = () => (sender ??= config.SMTP_URL ? smtpMailSender(config.SMTP_URL, config.MAIL_FROM) : logMailSender);
/** Tests swap in a sender that remembers what was sent. */
export function useMailSender(next: MailSender) {
  sender = next;
}

/** Queues a message in the caller's transaction; `expiresAt` for one that is useless after then (a link). */
export function queueMail(tx: Tx, mail: Mail, expiresAt?: Date) {
  tx.insert(mailOutbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.text, expiresAt: expiresAt?.toISOString() ?? null }).run();
}

/** Queues a message to a person by their account (nothing if there is no such account). */
export function queueMailToUser(tx: Tx, userId: number, mail: Omit<Mail, "to">) {
  const to = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email;
  if (to) queueMail(tx, { to, ...mail });
}

/** How long a sender has to send a message it claimed before another may try. */
const CLAIM_MS = 5 * 60_000;
/** Waits between tries: 30 s, 1, 2, 4 minutes... at most 6 hours; given up after MAX_ATTEMPTS (about three days). */
export const MAX_ATTEMPTS = 20;
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 6 * 3_600_000);

export type MailReport = { sent: number; retrying: number; expired: number; failed: number; error?: string };

/** Sends every message that is due, a batch at a time; safe to run in several processes at once. */
export async function deliverMail(now = new Date(), via: MailSender = mailSender(), batch = 50): Promise<MailReport> {
  const report: MailReport = { sent: 0, retrying: 0, expired: 0, failed: 0 };
  const at = now.toISOString();
  // Links past their time are not sent: the body goes, the record of it stays.
  report.expired = db.update(mailOutbox).set({ status: "expired", body: "" })
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.expiresAt, at))).run().changes;
  // Claim the due rows in one statement, so two workers never send the same message together.
  const claimed = db.update(mailOutbox)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString(), attempts: sql`${mailOutbox.attempts} + 1` })
    .where(inArray(mailOutbox.id, db.select({ id: mailOutbox.id }).from(mailOutbox)
      .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, at))).orderBy(mailOutbox.id).limit(batch)))
    .returning().all();
  for (const row of claimed) {
    try {
      await via.send({ to: row.toAddress, subject: row.subject, text: row.body });
      db.update(mailOutbox).set({ status: "sent", sentAt: new Date().toISOString(), body: "", lastError: null }).where(eq(mailOutbox.id, row.id)).run();
      report.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.error = message;
      const failed = row.attempts >= MAX_ATTEMPTS;
      db.update(mailOutbox).set({
        status: failed ? "failed" : "pending", lastError: message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(), ...(failed ? { body: "" } : {}),
      }).where(eq(mailOutbox.id, row.id)).run();
      if (failed) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

/** How long the record of a message that is done with (sent, expired, given up) is kept: who was emailed what is personal data. */
export const MAIL_KEPT_DAYS = 90;

/** Forgets messages done with more than MAIL_KEPT_DAYS ago; pending ones are never touched. */
export function pruneMail(now = new Date()) {
  const before = new Date(now.getTime() - MAIL_KEPT_DAYS * 86_400_000).toISOString();
  return db.delete(mailOutbox).where(and(inArray(mailOutbox.status, ["sent", "expired", "failed"]), lte(mailOutbox.createdAt, before))).run().changes;
}

/** The in-process worker: every MAIL_INTERVAL_MS, send what is due (0 turns it off; tests deliver by hand). */
export function startMailWorker() {
  repeat("mail", config.MAIL_INTERVAL_MS, async () => {
    pruneMail();
    const report = await deliverMail();
    if (report.retrying) console.warn(`mail: ${report.retrying} message(s) will be tried again: ${report.error}`);
    if (report.failed) console.error(`mail: ${report.failed} message(s) given up after ${MAX_ATTEMPTS} tries: ${report.error}`);
  });
}
