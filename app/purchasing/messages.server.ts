// Messages between a buyer (and the people acting for them) and a provider, on an order or an
// enquiry. What Weave itself says about an order (accepted, delivered, invoiced) goes in the same
// thread, so both sides read one history.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { enquiries, messages, orders, users } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canActAsBuyer, canActAsProvider, canOrderFor } from "../accounts/permissions";
import { getService } from "../directory/listings.server";
import { OrderError } from "./lifecycle";
import { type Side, tellNews } from "./news-mail.server";

export type MessageParty = "buyer" | "provider" | "moderator" | "weave";
export const MESSAGE_MAX = 2000;

/**
 * Writes a message inside the caller's transaction (Weave's own unless an author is given), and
 * emails the people it is news to: not its author, nor `actorId`, whoever did what Weave reports;
 * `sides` narrows who is told (a group's member hears of their order through the group).
 */
export function postSystemMessage(tx: Tx, orderId: number, body: string, from: { authorId: number; party: MessageParty } | null = null, actorId = from?.authorId, sides?: Side[]) {
  tx.insert(messages).values({ orderId, body, authorId: from?.authorId ?? null, party: from?.party ?? "weave" }).run();
  tellNews(tx, { kind: "order", id: orderId }, from?.party ?? "weave", actorId, sides);
}

function checkBody(body: string) {
  const text = body.trim();
  if (!text) throw new OrderError("invalid", "Write a message");
  if (text.length > MESSAGE_MAX) throw new OrderError("invalid", `A message can be up to ${MESSAGE_MAX} characters`);
  return text;
}

/** A person on either side writes on an order. */
export function postOrderMessage(actor: Actor, party: "buyer" | "provider", orderId: number, body: string) {
  const text = checkBody(body);
  db.transaction((tx) => {
    const order = tx.select().from(orders).where(eq(orders.id, orderId)).get();
    if (!order) throw new OrderError("missing", "There is no such order.");
    const allowed = party === "buyer" ? canActAsBuyer(actor, order) : canActAsProvider(actor, order);
    if (!allowed) throw new OrderError("not-permitted", "You cannot write on this order.");
    postSystemMessage(tx, order.id, text, { authorId: actor.user.id, party });
    recordAudit(tx, { actorId: actor.user.id, personId: order.buyerId, action: "order.message", subjectType: "order", subjectId: order.id });
  });
}

export type ThreadMessage = { id: number; body: string; party: MessageParty; authorName: string | null; createdAt: string };

export const THREAD_LIMIT = 200;

/** An order's messages, oldest first (the newest 200). */
export function orderMessages(orderId: number): ThreadMessage[] {
  return db.select({ id: messages.id, body: messages.body, party: messages.party, authorName: users.name, createdAt: messages.createdAt })
    .from(messages).leftJoin(users, eq(users.id, messages.authorId))
    .where(eq(messages.orderId, orderId)).orderBy(desc(messages.id)).limit(THREAD_LIMIT).all().reverse();
}

/** The latest few messages of several orders in one query (the disputes queue). */
export function latestMessagesOf(orderIds: number[], each = 6): Map<number, ThreadMessage[]> {
  const out = new Map<number, ThreadMessage[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return out;
  const rows = db.$client.prepare(`SELECT id, order_id, body, party, author_name AS authorName, created_at AS createdAt FROM (
      SELECT m.id, m.order_id, m.body, m.party, u.name AS author_name, m.created_at,
        ROW_NUMBER() OVER (PARTITION BY m.order_id ORDER BY m.id DESC) AS n
      FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.order_id IN (${orderIds.map(() => "?").join(",")})
    ) WHERE n <= ? ORDER BY id`).all(...orderIds, each) as (ThreadMessage & { order_id: number })[];
  for (const { order_id, ...m } of rows) out.get(order_id)!.push(m);
  return out;
}

/** What a provider reads instead of the person's name on a question asked from an anonymised request. */
export const HIDDEN_BUYER = "The person who asked (their name is shown once they accept an offer)";

/** Whether this side of an enquiry may see who asked: the provider not while the enquiry hides them. */
export const buyerHiddenFrom = (enquiry: Pick<Enquiry, "hidesBuyer">, side: "buyer" | "provider") => side === "provider" && enquiry.hidesBuyer;

export function enquiryMessages(enquiryId: number, hideBuyer = false): ThreadMessage[] {
  const rows = db.select({ id: messages.id, body: messages.body, party: messages.party, authorName: users.name, createdAt: messages.createdAt })
    .from(messages).leftJoin(users, eq(users.id, messages.authorId))
    .where(eq(messages.enquiryId, enquiryId)).orderBy(desc(messages.id)).limit(THREAD_LIMIT).all().reverse();
  return hideBuyer ? rows.map((m) => (m.party === "buyer" ? { ...m, authorName: HIDDEN_BUYER } : m)) : rows;
}

/** Once the person accepts an offer, the provider may see who they have been talking to. */
export function revealEnquiryBuyer(tx: Tx, enquiryId: number) {
  tx.update(enquiries).set({ hidesBuyer: false }).where(eq(enquiries.id, enquiryId)).run();
}

/**
 * Asks a provider a question about a service, before ordering. From an anonymised request
 * (app/requests) the enquiry `hidesBuyer` and takes the request's own subject.
 */
export function startEnquiry(actor: Actor, input: { serviceId: number; buyerId: number; body: string; subject?: string; hidesBuyer?: boolean }) {
  if (!canOrderFor(actor, input.buyerId)) throw new OrderError("not-permitted", "You can only ask for yourself or someone you act for.");
  const found = getService(input.serviceId);
  if (!found) throw new OrderError("missing", "This service is not available.");
  const text = checkBody(input.body);
  return db.transaction((tx) => {
    const enquiry = tx.insert(enquiries).values({
      serviceId: found.service.id, organisationId: found.organisation.id, buyerId: input.buyerId, createdBy: actor.user.id,
      subject: input.subject ?? found.service.name, hidesBuyer: input.hidesBuyer ?? false,
    }).returning().get();
    tx.insert(messages).values({ enquiryId: enquiry.id, body: text, authorId: actor.user.id, party: "buyer" }).run();
    tellNews(tx, { kind: "enquiry", id: enquiry.id }, "buyer", actor.user.id);
    recordAudit(tx, { actorId: actor.user.id, personId: input.buyerId, action: "enquiry.started", subjectType: "enquiry", subjectId: enquiry.id });
    return enquiry;
  });
}

export type Enquiry = typeof enquiries.$inferSelect;

export function getEnquiry(id: number): Enquiry | null {
  return db.select().from(enquiries).where(eq(enquiries.id, id)).get() ?? null;
}

/** Either side replies to an enquiry. */
export function replyToEnquiry(actor: Actor, party: "buyer" | "provider", enquiryId: number, body: string) {
  const text = checkBody(body);
  db.transaction((tx) => {
    const enquiry = tx.select().from(enquiries).where(eq(enquiries.id, enquiryId)).get();
    if (!enquiry) throw new OrderError("missing", "There is no such enquiry.");
    const allowed = party === "buyer" ? canActAsBuyer(actor, enquiry) : canActAsProvider(actor, enquiry);
    if (!allowed) throw new OrderError("not-permitted", "You cannot write on this enquiry.");
    tx.insert(messages).values({ enquiryId, body: text, authorId: actor.user.id, party }).run();
    tellNews(tx, { kind: "enquiry", id: enquiryId }, party, actor.user.id);
    tx.update(enquiries).set({ lastMessageAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` }).where(eq(enquiries.id, enquiryId)).run();
    recordAudit(tx, { actorId: actor.user.id, personId: enquiry.buyerId, action: "enquiry.message", subjectType: "enquiry", subjectId: enquiryId });
  });
}

export const ENQUIRY_PAGE = 20;

/** Enquiries for these buyers, or to these organisations, newest activity first. */
export function enquiriesFor(where: { buyerIds?: number[]; organisationIds?: number[] }, page = 1) {
  const clause = where.buyerIds
    ? sql`${enquiries.buyerId} IN ${where.buyerIds.length ? where.buyerIds : [0]}`
    : sql`${enquiries.organisationId} IN ${where.organisationIds?.length ? where.organisationIds : [0]}`;
  // The provider's list never names a person their enquiry hides.
  const buyerName = where.buyerIds ? users.name : sql<string>`CASE WHEN ${enquiries.hidesBuyer} THEN ${HIDDEN_BUYER} ELSE ${users.name} END`;
  // Only what the lists show: who asked is the name above, never an id.
  const enquiry = { id: enquiries.id, serviceId: enquiries.serviceId, subject: enquiries.subject, lastMessageAt: enquiries.lastMessageAt };
  return db.select({ enquiry, buyerName }).from(enquiries).innerJoin(users, eq(users.id, enquiries.buyerId))
    .where(and(clause)).orderBy(desc(enquiries.lastMessageAt), asc(enquiries.id)).limit(ENQUIRY_PAGE).offset((page - 1) * ENQUIRY_PAGE).all();
}

/** Anyone but the person who asked opening an enquiry is written in their access log. */
export function openEnquiry(actor: Actor, enquiry: Enquiry) {
  if (actor.user.id === enquiry.buyerId) return;
  db.transaction((tx) => recordAudit(tx, { actorId: actor.user.id, personId: enquiry.buyerId, action: "enquiry.viewed", subjectType: "enquiry", subjectId: enquiry.id }));
}
