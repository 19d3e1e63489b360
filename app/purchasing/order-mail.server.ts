// Email when there is news on an order: anything written on its thread (by the other side, a
// moderator or Weave itself) tells the people on the order by email that there is something to
// read, with a link, never what it says: an inbox may be shared, and what someone buys for their
// care is theirs. One email per person per order in half an hour, however much happens; anyone
// can turn them off on their account page.
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { mailOutbox, memberships, orders, representativeGrants, users } from "../../db/schema";
import { queueMail } from "../accounts/mail.server";
import { config } from "../config.server";
import type { MessageParty } from "./messages.server";

export const ORDER_MAIL_QUIET_MS = 30 * 60_000;

export const orderMailSubject = (orderId: number) => `News on your Weave order ${orderId}`;

/** Who hears of a message on an order: the side that did not write it (both, for Weave's and a moderator's), never the person who acted. */
export function tellOrderNews(tx: Tx, orderId: number, party: MessageParty, actorId?: number, now = new Date()) {
  const order = tx.select({ buyerId: orders.buyerId, organisationId: orders.organisationId }).from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return;
  const buyerSide = party !== "buyer"
    ? tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users).where(or(
      eq(users.id, order.buyerId),
      inArray(users.id, tx.select({ id: representativeGrants.representativeId }).from(representativeGrants)
        .where(and(eq(representativeGrants.holderId, order.buyerId), isNull(representativeGrants.revokedAt)))),
    )).all().map((u) => ({ ...u, path: `/orders/${orderId}` }))
    : [];
  const providerSide = party !== "provider"
    ? tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.organisationId, order.organisationId))
      .all().map((u) => ({ ...u, path: `/provider/orders/${orderId}` }))
    : [];
  const subject = orderMailSubject(orderId);
  const since = new Date(now.getTime() - ORDER_MAIL_QUIET_MS).toISOString();
  for (const person of [...buyerSide, ...providerSide]) {
    if (!person.orderEmails || person.id === actorId) continue;
    const recent = tx.select({ id: mailOutbox.id }).from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, person.email), eq(mailOutbox.subject, subject), gt(mailOutbox.createdAt, since))).get();
    if (recent) continue;
    queueMail(tx, {
      to: person.email,
      subject,
      text: `There is something new on order ${orderId} on Weave.\n\nRead it, and reply if you need to, here (you may need to log in):\n${config.PUBLIC_URL}${person.path}\n\n` +
        `We do not put what it says in an email. To stop these emails, untick "Email me when there is news on my orders" on your account page: ${config.PUBLIC_URL}/account`,
    });
  }
}
