// Email when there is news on an order, a question (enquiry), a group offer or a request: anything
// written on its thread (by the other side, a moderator or Weave itself), a notice on a group offer
// for its members, or an offer on a person's request, tells the people concerned by email that
// there is something to read, with a link, never what it says: an inbox may be shared, and what
// someone buys for their care is theirs. One email per person per thread in half an hour, however
// much happens; anyone can turn them off on their account page (`users.order_emails`).
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { enquiries, mailOutbox, memberships, orders, representativeGrants, users } from "../../db/schema";
import { queueMail } from "../accounts/mail.server";
import { config } from "../config.server";
import type { MessageParty } from "./messages.server";

export const NEWS_QUIET_MS = 30 * 60_000;

export type Thread = { kind: "order" | "enquiry" | "group" | "review" | "request"; id: number };

export const newsSubject = ({ kind, id }: Thread) => ({
  order: `News on your Weave order ${id}`, enquiry: `News on question ${id} on Weave`, group: `News on group offer ${id} on Weave`,
  review: `A review to reply to on Weave: review ${id}`, request: `An offer on your request ${id} on Weave`,
})[kind];
const what = ({ kind, id }: Thread) => ({
  order: `order ${id}`, enquiry: `question ${id} (asked about a service before ordering)`, group: `group offer ${id}, which you joined or asked to join`,
  review: `review ${id} of one of your services: you can reply before it is published`, request: `your request ${id} (what you are looking for): a provider has offered`,
})[kind];
const pathFor = ({ kind, id }: Thread, side: Side) => ({
  order: side === "buyer" ? `/orders/${id}` : `/provider/orders/${id}`, enquiry: `/enquiries/${id}`, group: `/group-offers/${id}`,
  review: `/provider/reviews/${id}`, request: `/looking-for/${id}`,
})[kind];

type Recipient = { id: number; email: string; orderEmails: boolean; path: string };

/** These people and everyone acting for them now (representatives), as recipients on the buyer's side. */
function peopleAndRepresentatives(tx: Tx, thread: Thread, personIds: number[]): Recipient[] {
  if (personIds.length === 0) return [];
  return tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users).where(or(
    inArray(users.id, personIds),
    inArray(users.id, tx.select({ id: representativeGrants.representativeId }).from(representativeGrants)
      .where(and(inArray(representativeGrants.holderId, personIds), isNull(representativeGrants.revokedAt)))),
  )).all().map((u) => ({ ...u, path: pathFor(thread, "buyer") }));
}

export type Side = "buyer" | "provider";

/** Everyone who works for the organisation, as recipients on the provider's side. */
const staffOf = (tx: Tx, thread: Thread, organisationId: number): Recipient[] =>
  tx.select({ id: users.id, email: users.email, orderEmails: users.orderEmails }).from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.organisationId, organisationId))
    .all().map((u) => ({ ...u, path: pathFor(thread, "provider") }));

/**
 * Who hears of a message: the side that did not write it (both, for Weave's and a moderator's, unless
 * `sides` says which), never the person who acted.
 */
export function tellNews(tx: Tx, thread: Thread & { kind: "order" | "enquiry" }, party: MessageParty, actorId?: number, sides: Side[] = ["buyer", "provider"], now = new Date()) {
  const table = thread.kind === "order" ? orders : enquiries;
  const on = tx.select({ buyerId: table.buyerId, organisationId: table.organisationId }).from(table).where(eq(table.id, thread.id)).get();
  if (!on) return;
  const buyerSide = party !== "buyer" && sides.includes("buyer") ? peopleAndRepresentatives(tx, thread, [on.buyerId]) : [];
  const providerSide = party !== "provider" && sides.includes("provider") ? staffOf(tx, thread, on.organisationId) : [];
  emailEach(tx, thread, [...buyerSide, ...providerSide], actorId, now);
}

/** The people of an organisation: a review of theirs that did not come through an order (that one is told on the order). */
export function tellProviderOfReview(tx: Tx, reviewId: number, organisationId: number, now = new Date()) {
  const thread = { kind: "review" as const, id: reviewId };
  emailEach(tx, thread, staffOf(tx, thread, organisationId), undefined, now);
}

/** News for named people (and those acting for them): a notice on a group offer, an offer on their request. */
export function tellPeopleNews(tx: Tx, thread: Thread & { kind: "group" | "request" }, personIds: number[], now = new Date()) {
  emailEach(tx, thread, peopleAndRepresentatives(tx, thread, personIds), undefined, now);
}

function emailEach(tx: Tx, thread: Thread, recipients: Recipient[], actorId: number | undefined, now: Date) {
  const subject = newsSubject(thread);
  const since = new Date(now.getTime() - NEWS_QUIET_MS).toISOString();
  const told = new Set<string>();
  for (const person of recipients) {
    if (!person.orderEmails || person.id === actorId || told.has(person.email)) continue;
    told.add(person.email);
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
