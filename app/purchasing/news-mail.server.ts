// Email when there is news on an order or a question (enquiry): anything written on its thread
// (by the other side, a moderator or Weave itself) tells the people on it by email that there is
// something to read, with a link, never what it says: an inbox may be shared, and what someone
// buys for their care is theirs. One email per person per thread in half an hour, however much
// happens; anyone can turn them off on their account page.
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { enquiries, mailOutbox, memberships, orders, representativeGrants, users } from "../../db/schema";
import { queueMail } from "../accounts/mail.server";
import { config } from "../config.server";
import type { MessageParty } from "./messages.server";

export const NEWS_QUIET_MS = 30 * 60_000;

export type Thread = { kind: "order" | "enquiry"; id: number };

export const newsSubject = ({ kind, id }: Thread) => kind === "order" ? `News on your Weave order ${id}` : `News on question ${id} on Weave`;
const what = ({ kind, id }: Thread) => kind === "order" ? `order ${id}` : `question ${id} (asked about a service before ordering)`;
const pathFor = ({ kind, id }: Thread, side: "buyer" | "provider") => kind === "enquiry" ? `/enquiries/${id}` : side === "buyer" ? `/orders/${id}` : `/provider/orders/${id}`;

/** Who hears of a message: the side that did not write it (both, for Weave's and a moderator's), never the person who acted. */
export function tellNews(tx: Tx, thread: Thread, party: MessageParty, actorId?: number, now = new Date()) {
  const table = thread.kind === "order" ? orders : enquiries;
  const sides = tx.select({ buyerId: table.buyerId, organisationId: table.organisationId }).from(table).where(eq(table.id, thread.id)).get();
  if (!sides) return;
  const buyerSide = party !== "buyer"
    ? tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users).where(or(
      eq(users.id, sides.buyerId),
      inArray(users.id, tx.select({ id: representativeGrants.representativeId }).from(representativeGrants)
        .where(and(eq(representativeGrants.holderId, sides.buyerId), isNull(representativeGrants.revokedAt)))),
    )).all().map((u) => ({ ...u, path: pathFor(thread, "buyer") }))
    : [];
  const providerSide = party !== "provider"
    ? tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.organisationId, sides.organisationId))
      .all().map((u) => ({ ...u, path: pathFor(thread, "provider") }))
    : [];
  const subject = newsSubject(thread);
  const since = new Date(now.getTime() - NEWS_QUIET_MS).toISOString();
  for (const person of [...buyerSide, ...providerSide]) {
    if (!person.orderEmails || person.id === actorId) continue;
    const recent = tx.select({ id: mailOutbox.id }).from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, person.email), eq(mailOutbox.subject, subject), gt(mailOutbox.createdAt, since))).get();
    if (recent) continue;
    queueMail(tx, {
      to: person.email,
      subject,
      text: `There is something new on ${what(thread)} on Weave.\n\nRead it, and reply if you need to, here (you may need to log in):\n${config.PUBLIC_URL}${person.path}\n\n` +
        `We do not put what it says in an email. To stop these emails, untick "Email me when there is news on my orders and questions" on your account page: ${config.PUBLIC_URL}/account`,
    });
  }
}
