// Group offers (consortia): budget holders buying one service together, each from their own
// budget. Every change is one BEGIN IMMEDIATE transaction that re-reads the offer, moves money
// only through the budget service (a pledge sets aside the first period at the smallest group's
// price) and creates ordinary orders through purchasing's `placeContractOrder` when the group forms,
// writes notices for the members and an audit row. See docs/decisions/008-consortia.md.
import { and, asc, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { budgetAccounts, consortiumContracts, consortiumInterests, consortiumNotices, consortiumOffers, pledges, users, type PledgeStatus, type PriceTier } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canPledgeFor, canRunGroupOffer } from "../accounts/permissions";
import { getBudgetAccount, purchaseRefusal, release, reserve } from "../budgets/budgets.server";
import type { Refusal } from "../budgets/rules";
import { formatDate, formatPence } from "../directory/format";
import type { CategorySlug, PriceUnit } from "../directory/vocabulary";
import { getService } from "../directory/listings.server";
import { OrderError } from "../purchasing/lifecycle";
import { tellPeopleNews } from "../purchasing/news-mail.server";
import { postSystemMessage } from "../purchasing/messages.server";
import { endOrder, placeContractOrder, Refused, repriceOrder } from "../purchasing/orders.server";
import { priceNow } from "../purchasing/views.server";
import { addDays, dayOf, occurrenceDates } from "../purchasing/schedule";
import { enqueueIndexing } from "../../search/outbox";
import { firstPeriodPence, nextPeriodStart, PERIOD_DAYS, pledgePence, settlePeriod, tierPrice, tierProblem, topPrice } from "./tiers";

export type Offer = typeof consortiumOffers.$inferSelect;
export type Pledge = typeof pledges.$inferSelect;

/** A refusal a person can read; an OrderError, so pages answer it the way they answer order moves (400, 403, 404). */
export class ConsortiumError extends OrderError {
  constructor(code: OrderError["code"], message: string) {
    super(code, message);
    this.name = "ConsortiumError";
  }
}

const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });
const stamp = () => new Date().toISOString();
const key = (offer: Pick<Offer, "id">, pledge: Pick<Pledge, "id">, step: string) => `consortium:${offer.id}:pledge:${pledge.id}:${step}`;

function loadOffer(tx: Tx, id: number): Offer {
  const offer = tx.select().from(consortiumOffers).where(eq(consortiumOffers.id, id)).get();
  if (!offer) throw new ConsortiumError("missing", "There is no such group offer.");
  return offer;
}

function loadPledge(tx: Tx, id: number): { pledge: Pledge; offer: Offer } {
  const pledge = tx.select().from(pledges).where(eq(pledges.id, id)).get();
  if (!pledge) throw new ConsortiumError("missing", "There is no such place in a group.");
  return { pledge, offer: loadOffer(tx, pledge.offerId) };
}

const livePledges = (tx: Tx, offerId: number, status: PledgeStatus) =>
  tx.select().from(pledges).where(and(eq(pledges.offerId, offerId), eq(pledges.status, status))).orderBy(asc(pledges.id)).all();

function setPledge(tx: Tx, pledge: Pledge, changes: Partial<Pledge>) {
  tx.update(pledges).set({ ...changes, updatedAt: stamp() }).where(and(eq(pledges.id, pledge.id), eq(pledges.status, pledge.status))).run();
}

/** A notice on the offer's page for each of these people, and an email saying one is waiting (app/purchasing/news-mail.server.ts). */
function tell(tx: Tx, offerId: number, holderIds: (number | null)[], body: string) {
  for (const holderId of holderIds) tx.insert(consortiumNotices).values({ offerId, holderId, body }).run();
  tellPeopleNews(tx, { kind: "group", id: offerId }, holderIds.filter((id): id is number => id !== null));
}

const audit = (tx: Tx, actor: Actor | null, personId: number | null, action: string, subjectType: string, subjectId: number, detail?: Record<string, unknown>) =>
  recordAudit(tx, { actorId: actor?.user.id ?? null, personId, action, subjectType, subjectId, detail });

// ---- opening an offer ------------------------------------------------------------------------

export type NewOffer = {
  serviceId: number; title: string; description: string; tiers: PriceTier[]; maxMembers: number; quantityHundredths: number;
  recurrence: "weekly" | "fortnightly"; timeFrom: string | null; timeTo: string | null; pledgeDeadline: string; startsOn: string;
  termWeeks: number; noticeWeeks: number;
};

/** The provider opens a group offer on one of its services. The search index learns of it in the same transaction. */
export function openOffer(actor: Actor, input: NewOffer, now = new Date()): number {
  const found = getService(input.serviceId);
  if (!found) throw new ConsortiumError("missing", "This service is not available.");
  if (!canRunGroupOffer(actor, found.service)) throw new ConsortiumError("not-permitted", "Only the people of the organisation that runs this service can open a group offer on it.");
  return createOffer(actor, found, input, "open", now);
}

/**
 * A budget holder (or someone acting for one) asks the provider for a group offer on these terms.
 * Nobody can join until the provider agrees (`acceptProposal`); it is not in search until then.
 */
export function proposeOffer(actor: Actor, input: NewOffer, now = new Date()): number {
  const found = getService(input.serviceId);
  if (!found) throw new ConsortiumError("missing", "This service is not available.");
  const holders = [actor.user.id, ...actor.represents];
  if (!holders.some((h) => budgetsFor(h).some((b) => b.status === "active"))) {
    throw new ConsortiumError("not-permitted", "Only someone with a budget on Weave (or acting for someone with one) can propose a group offer.");
  }
  return createOffer(actor, found, input, "proposed", now);
}

/** The provider agrees to a proposed offer: it opens for joining and appears in search. */
export function acceptProposal(actor: Actor, offerId: number, now = new Date()) {
  return immediately((tx) => {
    const offer = loadOffer(tx, offerId);
    if (!canRunGroupOffer(actor, offer)) throw new ConsortiumError("not-permitted", "Only the people of the organisation that runs this service can agree to it.");
    if (offer.status !== "proposed") throw new ConsortiumError("illegal-transition", "This offer is not waiting for the provider to agree.");
    if (offer.pledgeDeadline <= now.toISOString()) throw new ConsortiumError("invalid", "Its closing date has passed. Open a new offer with new dates instead.");
    tx.update(consortiumOffers).set({ status: "open" }).where(and(eq(consortiumOffers.id, offer.id), eq(consortiumOffers.status, "proposed"))).run();
    tell(tx, offer.id, [offer.openedBy], `${getService(offer.serviceId)?.organisation.name ?? "The provider"} agreed to your group offer “${offer.title}”: people can join it now.`);
    enqueueIndexing(tx, [offer.serviceId]);
    audit(tx, actor, null, "consortium.proposal-accepted", "consortium-offer", offer.id);
  });
}

type FoundService = NonNullable<ReturnType<typeof getService>>;

function createOffer(actor: Actor, found: FoundService, input: NewOffer, status: "open" | "proposed", now: Date): number {
  const problem = tierProblem(input.tiers, input.maxMembers)
    ?? (found.service.pricePence <= 0 ? "A free service needs no group offer." : null)
    ?? (input.tiers[0]!.pricePence >= found.service.pricePence ? `The smallest group's price must be below the price alone (${formatPence(found.service.pricePence)}).` : null)
    ?? (input.pledgeDeadline <= now.toISOString() ? "The closing date must be in the future." : null)
    ?? (input.startsOn < input.pledgeDeadline.slice(0, 10) ? "The group cannot start before it closes for joining." : null);
  if (problem) throw new ConsortiumError("invalid", problem);
  return immediately((tx) => {
    const offer = tx.insert(consortiumOffers).values({
      serviceId: found.service.id, organisationId: found.service.organisationId, openedBy: actor.user.id, status, title: input.title, description: input.description,
      category: found.service.categorySlug, areaSlug: found.areaSlug, unit: found.service.priceUnit, individualPricePence: found.service.pricePence,
      tiers: input.tiers, minMembers: input.tiers[0]!.members, maxMembers: input.maxMembers, quantityHundredths: input.quantityHundredths,
      recurrence: input.recurrence, timeFrom: input.timeFrom, timeTo: input.timeTo, pledgeDeadline: input.pledgeDeadline, startsOn: input.startsOn,
      termWeeks: input.termWeeks, noticeWeeks: input.noticeWeeks,
    }).returning().get();
    if (status === "open") enqueueIndexing(tx, [found.service.id]);
    audit(tx, actor, null, status === "open" ? "consortium.opened" : "consortium.proposed", "consortium-offer", offer.id, { serviceId: found.service.id, tiers: input.tiers });
    return offer.id;
  });
}

/** The organiser calls an open offer off (or declines a proposal): every pledge's money goes back and members are told. */
export function withdrawOffer(actor: Actor, offerId: number, reason: string, now = new Date()) {
  return immediately((tx) => {
    const offer = loadOffer(tx, offerId);
    if (!canRunGroupOffer(actor, offer)) throw new ConsortiumError("not-permitted", "Only the organiser can call this offer off.");
    if (offer.status !== "open" && offer.status !== "proposed") throw new ConsortiumError("illegal-transition", "This offer is no longer open.");
    if (offer.status === "proposed") tell(tx, offer.id, [offer.openedBy], `The provider declined your group offer “${offer.title}”: ${reason}`);
    const everyone = releaseEveryone(tx, offer, actor, `Group offer called off: ${reason}`);
    tx.update(consortiumOffers).set({ status: "withdrawn", closedAt: now.toISOString(), closingReason: reason }).where(eq(consortiumOffers.id, offer.id)).run();
    tell(tx, offer.id, everyone, `The provider called this group offer off: ${reason}. Any money set aside has gone back to your budget.`);
    enqueueIndexing(tx, [offer.serviceId]);
    audit(tx, actor, null, "consortium.withdrawn", "consortium-offer", offer.id, { reason });
  });
}

// ---- pledging and withdrawing ----------------------------------------------------------------

export type PledgeInput = { offerId: number; holderId: number; budgetAccountId: number; displayName: string };
export type PledgeResult = { ok: true; pledgeId: number; status: "pledged" | "waiting"; reservedPence: number } | { ok: false; refusal: Refusal };

const isOpen = (offer: Offer, now: Date) => offer.status === "open" && now.toISOString() < offer.pledgeDeadline;

/**
 * A budget holder (or their representative) joins: the first period at the smallest group's
 * price is set aside from the chosen budget, after the council's rules are checked. Once the
 * group is full, later people go on the waiting list with nothing set aside.
 */
export function pledge(actor: Actor, input: PledgeInput, now = new Date()): PledgeResult {
  if (!canPledgeFor(actor, input.holderId)) throw new ConsortiumError("not-permitted", "You can only join for yourself or someone you act for.");
  return immediately((tx) => {
    const offer = loadOffer(tx, input.offerId);
    if (!isOpen(offer, now)) throw new ConsortiumError("illegal-transition", "This group offer is closed for joining.");
    const account = getBudgetAccount(input.budgetAccountId);
    if (!account || account.holderId !== input.holderId) throw new ConsortiumError("invalid", "Choose one of the budgets of the person joining.");
    const already = tx.select({ id: pledges.id }).from(pledges)
      .where(and(eq(pledges.offerId, offer.id), eq(pledges.holderId, input.holderId), inArray(pledges.status, ["pledged", "waiting"]))).get();
    if (already) throw new ConsortiumError("invalid", "You have already joined this group.");
    const amount = pledgePence(offer, offer.tiers);
    // The same question the order will ask when the group forms, on its first date.
    const refusal = purchaseRefusal({ budgetAccountId: account.id, amountPence: amount, category: offer.category, effectiveOn: offer.startsOn });
    if (refusal) return { ok: false as const, refusal };
    const full = livePledges(tx, offer.id, "pledged").length >= offer.maxMembers;
    const row = tx.insert(pledges).values({
      offerId: offer.id, holderId: input.holderId, pledgedBy: actor.user.id, budgetAccountId: account.id, displayName: input.displayName,
      status: full ? "waiting" : "pledged",
    }).returning().get();
    if (!full) {
      const r = reserve({ budgetAccountId: account.id, amountPence: amount, category: offer.category, reference: `consortium:${offer.id}`, idempotencyKey: key(offer, row, "reserve"), by: actor.user.id, effectiveOn: dayOf(now) });
      if (!r.ok) throw new Refused(r.refusal);
      tx.update(pledges).set({ reservationId: r.reservationId, reservedPence: amount }).where(eq(pledges.id, row.id)).run();
    }
    audit(tx, actor, input.holderId, full ? "consortium.waiting" : "consortium.pledged", "consortium-pledge", row.id, { offerId: offer.id, reservedPence: full ? 0 : amount });
    return { ok: true as const, pledgeId: row.id, status: full ? "waiting" as const : "pledged" as const, reservedPence: full ? 0 : amount };
  });
}

/** Leaving before the group forms: the money set aside goes back, and the first person waiting who can pay takes the place. */
export function withdrawPledge(actor: Actor, pledgeId: number, now = new Date()) {
  return immediately((tx) => {
    const { pledge: p, offer } = loadPledge(tx, pledgeId);
    if (!canPledgeFor(actor, p.holderId)) throw new ConsortiumError("not-permitted", "Only the person who joined, or someone acting for them, can withdraw.");
    if (p.status !== "pledged" && p.status !== "waiting") throw new ConsortiumError("invalid", "This place is not a pledge any more.");
    if (!isOpen(offer, now)) throw new ConsortiumError("illegal-transition", "This group offer has closed: the group is forming, so pledges cannot be withdrawn now.");
    if (p.reservationId) release({ reservationId: p.reservationId, idempotencyKey: key(offer, p, "withdraw"), by: actor.user.id, reason: `Withdrew from the group: ${offer.title}` });
    setPledge(tx, p, { status: "withdrawn", statusReason: "Withdrew before the group formed" });
    if (p.status === "pledged") promoteWaiting(tx, offer, now);
    audit(tx, actor, p.holderId, "consortium.withdrew", "consortium-pledge", p.id, { offerId: offer.id });
  });
}

/** Moves the first person on the waiting list whose budget can cover the pledge into the free place. */
function promoteWaiting(tx: Tx, offer: Offer, now: Date) {
  const amount = pledgePence(offer, offer.tiers);
  for (const w of livePledges(tx, offer.id, "waiting")) {
    const r = reserve({ budgetAccountId: w.budgetAccountId, amountPence: amount, category: offer.category, reference: `consortium:${offer.id}`, idempotencyKey: key(offer, w, "reserve"), by: w.pledgedBy, effectiveOn: dayOf(now) });
    if (!r.ok) {
      setPledge(tx, w, { status: "dropped", statusReason: r.refusal.explanation });
      tell(tx, offer.id, [w.holderId], `A place came free in “${offer.title}”, but it could not be given to you: ${r.refusal.explanation}`);
      continue;
    }
    setPledge(tx, w, { status: "pledged", reservationId: r.reservationId, reservedPence: amount });
    tell(tx, offer.id, [w.holderId], `A place came free in “${offer.title}” and it is yours: ${formatPence(amount)} is set aside from your budget.`);
    return;
  }
}

function releaseEveryone(tx: Tx, offer: Offer, actor: Actor | null, reason: string): number[] {
  const told: number[] = [];
  for (const p of [...livePledges(tx, offer.id, "pledged"), ...livePledges(tx, offer.id, "waiting")]) {
    if (p.reservationId) release({ reservationId: p.reservationId, idempotencyKey: key(offer, p, "release"), by: actor?.user.id ?? null, reason });
    setPledge(tx, p, { status: "released", statusReason: reason });
    told.push(p.holderId);
  }
  return told;
}

// ---- forming the group (or not) --------------------------------------------------------------

/** A member whose pledge could not be turned into an order; the attempt is undone and made again without them. */
class Dropout extends Error {
  constructor(readonly pledge: Pledge, readonly reason: string) {
    super(reason);
  }
}

export type CloseResult = { outcome: "committed"; members: number; unitPricePence: number; contractId: number; dropped: number } | { outcome: "lapsed"; members: number; dropped: number };

/**
 * Forms the group or lets it lapse, all or nothing, in one transaction: after the deadline (Weave,
 * `actor` null), or before it once the minimum is reached (the organiser). Every pledge becomes an
 * order at the price the final size earns: its money set aside at the smallest group's price is
 * released and the order's first period set aside at the real price, inside the same transaction,
 * so nothing is ever reserved twice. A member whose order is refused (budget suspended, money gone,
 * a new council rule) is dropped and the rest tried again at their size's price; below the
 * minimum, nothing forms and every pledge's money goes back.
 */
export function closeOffer(actor: Actor | null, offerId: number, now = new Date()): CloseResult {
  return immediately((tx) => {
    const offer = loadOffer(tx, offerId);
    if (offer.status !== "open") throw new ConsortiumError("illegal-transition", "This group offer is already closed.");
    if (actor) {
      if (!canRunGroupOffer(actor, offer)) throw new ConsortiumError("not-permitted", "Only the organiser can close this offer early.");
      if (livePledges(tx, offer.id, "pledged").length < offer.minMembers) throw new ConsortiumError("invalid", `The group can start early only once ${offer.minMembers} people have joined.`);
    } else if (now.toISOString() < offer.pledgeDeadline) {
      throw new ConsortiumError("invalid", "This offer is still open for joining.");
    }
    let dropped = 0;
    for (;;) {
      const members = livePledges(tx, offer.id, "pledged");
      const price = tierPrice(offer.tiers, members.length);
      if (price === null) return lapse(tx, offer, actor, now, dropped);
      try {
        const contractId = db.transaction(() => formGroup(tx, offer, members, price, now));
        enqueueIndexing(tx, [offer.serviceId]);
        return { outcome: "committed" as const, members: members.length, unitPricePence: price, contractId, dropped };
      } catch (error) {
        if (!(error instanceof Dropout)) throw error;
        // The attempt is rolled back to before it began; this member's pledge is given back and the rest try again.
        const p = error.pledge;
        if (p.reservationId) release({ reservationId: p.reservationId, idempotencyKey: key(offer, p, "drop"), by: null, reason: `Could not join the group: ${offer.title}` });
        setPledge(tx, p, { status: "dropped", statusReason: error.reason });
        tell(tx, offer.id, [p.holderId], `The group “${offer.title}” formed without you: ${error.reason} The money set aside has gone back to your budget.`);
        audit(tx, actor, p.holderId, "consortium.dropped", "consortium-pledge", p.id, { reason: error.reason });
        dropped++;
      }
    }
  });
}

function formGroup(tx: Tx, offer: Offer, members: Pledge[], price: number, now: Date): number {
  const endsOn = addDays(offer.startsOn, offer.termWeeks * 7 - 1);
  const contract = tx.insert(consortiumContracts).values({
    offerId: offer.id, organisationId: offer.organisationId, membersAtStart: members.length, unitPricePence: price,
    startsOn: offer.startsOn, endsOn, committedAt: now.toISOString(),
  }).returning().get();
  const firstPeriodEnd = addDays(offer.startsOn, PERIOD_DAYS - 1);
  for (const m of members) {
    const account = getBudgetAccount(m.budgetAccountId);
    if (!account || account.status !== "active") throw new Dropout(m, `The budget chosen is ${account?.status.replace("-", " ") ?? "gone"}, so nothing can be paid from it.`);
    // Hand over: the pledge's money (at the smallest group's price) comes back, and the order
    // sets aside its first period at the group's real price — never more than the pledge held.
    release({ reservationId: m.reservationId!, idempotencyKey: key(offer, m, "handover"), by: null, reason: `Group formed: ${offer.title} at ${formatPence(price)} each` });
    let orderId: number;
    try {
      orderId = placeContractOrder({
        serviceId: offer.serviceId, buyerId: m.holderId, placedBy: m.pledgedBy, budgetAccountId: m.budgetAccountId, unitPricePence: price,
        quantityHundredths: offer.quantityHundredths, recurrence: offer.recurrence, startsOn: offer.startsOn, endsOn,
        bookThrough: firstPeriodEnd > endsOn ? endsOn : firstPeriodEnd, timeFrom: offer.timeFrom, timeTo: offer.timeTo,
        note: `Group “${offer.title}” formed with ${members.length} members: ${formatPence(price)} each instead of ${formatPence(offer.individualPricePence)} alone.`,
      }, now).orderId;
    } catch (error) {
      if (error instanceof Refused) throw new Dropout(m, error.refusal.explanation);
      if (error instanceof OrderError) throw new Dropout(m, error.message);
      throw error;
    }
    setPledge(tx, m, { status: "member", orderId, contractId: contract.id, agreedPricePence: price, reservationId: null, reservedPence: 0 });
    audit(tx, null, m.holderId, "consortium.member", "consortium-pledge", m.id, { contractId: contract.id, orderId, unitPricePence: price });
  }
  tx.update(consortiumOffers).set({ status: "committed", closedAt: now.toISOString() }).where(and(eq(consortiumOffers.id, offer.id), eq(consortiumOffers.status, "open"))).run();
  const saving = offer.individualPricePence - price;
  tell(tx, offer.id, members.map((m) => m.holderId),
    `The group formed with ${members.length} members. You pay ${formatPence(price)} per ${offer.unit} (${formatPence(saving)} less than alone), from ${formatDate(offer.startsOn)}. Your order is on your orders page.`);
  tell(tx, offer.id, livePledges(tx, offer.id, "waiting").map((w) => w.holderId), "The group formed and is full. You stay on the waiting list: if a place comes free, it is offered to you first.");
  audit(tx, null, null, "consortium.committed", "consortium-contract", contract.id, { offerId: offer.id, members: members.length, unitPricePence: price });
  return contract.id;
}

function lapse(tx: Tx, offer: Offer, actor: Actor | null, now: Date, dropped: number): CloseResult {
  const members = livePledges(tx, offer.id, "pledged").length;
  const everyone = releaseEveryone(tx, offer, actor, `Group did not form: ${offer.title}`);
  tx.update(consortiumOffers).set({ status: "lapsed", closedAt: now.toISOString(), closingReason: `Fewer than ${offer.minMembers} people joined by the closing date.` })
    .where(and(eq(consortiumOffers.id, offer.id), eq(consortiumOffers.status, "open"))).run();
  tell(tx, offer.id, everyone, `Not enough people joined “${offer.title}” by the closing date (${offer.minMembers} were needed), so the group did not form. The money set aside has gone back to your budget.`);
  enqueueIndexing(tx, [offer.serviceId]);
  audit(tx, actor, null, "consortium.lapsed", "consortium-offer", offer.id, { members, dropped });
  return { outcome: "lapsed", members, dropped };
}

/** The hourly job: every open offer past its closing date forms or lapses. Each is its own transaction. */
export function closeDueOffers(now = new Date()) {
  const due = db.select({ id: consortiumOffers.id }).from(consortiumOffers)
    .where(and(eq(consortiumOffers.status, "open"), lte(consortiumOffers.pledgeDeadline, now.toISOString()))).orderBy(asc(consortiumOffers.id)).limit(500).all();
  const report = { committed: 0, lapsed: 0 };
  for (const { id } of due) {
    try {
      report[closeOffer(null, id, now).outcome]++;
    } catch (error) {
      // Closed by the organiser (or another process) since we looked.
      if (!(error instanceof ConsortiumError && error.code === "illegal-transition")) throw error;
    }
  }
  return report;
}

// ---- leaving a formed group ------------------------------------------------------------------

/**
 * A member leaves with the offer's notice: their order ends after the notice period (visits until
 * then carry on and are paid as usual), and the first person on the waiting list who can pay takes
 * the place from the next session, at the group's price.
 */
export function leaveGroup(actor: Actor, pledgeId: number, now = new Date()) {
  return immediately((tx) => {
    const { pledge: p, offer } = loadPledge(tx, pledgeId);
    if (!canPledgeFor(actor, p.holderId)) throw new ConsortiumError("not-permitted", "Only the member, or someone acting for them, can leave the group.");
    if (p.status !== "member" || !p.orderId) throw new ConsortiumError("invalid", "Only a member of a formed group can give notice.");
    const today = dayOf(now);
    const lastDate = addDays(today, offer.noticeWeeks * 7);
    endOrder(actor, "buyer", p.orderId, `Left the group “${offer.title}” with ${offer.noticeWeeks} weeks' notice`, now, lastDate);
    setPledge(tx, p, { status: "left", leavesOn: lastDate, statusReason: "Gave notice" });
    audit(tx, actor, p.holderId, "consortium.left", "consortium-pledge", p.id, { leavesOn: lastDate });
    const replaced = fillPlace(tx, offer, lastDate, now);
    const staying = livePledges(tx, offer.id, "member").filter((m) => m.orderId !== null);
    tell(tx, offer.id, staying.map((m) => m.holderId), `${p.displayName} is leaving the group after ${formatDate(lastDate)}. ${replaced ? "Someone from the waiting list takes the place, so nothing changes for you." : sizeChange(offer, staying.length)}`);
    priceNextPeriod(tx, offer, nextPeriodStart(offer.startsOn, lastDate), now);
    return { leavesOn: lastDate };
  });
}

/** What a smaller group costs each: said to the members; a rise applies to each only once they confirm it. */
function sizeChange(offer: Offer, members: number) {
  const price = tierPrice(offer.tiers, members);
  if (price === null) return `The group will have ${members}, fewer than the ${offer.minMembers} it needs; you keep your agreed price, and the provider may end the group with notice.`;
  return `With ${members} members the group's price is ${formatPence(price)} per ${offer.unit} from the next period. Your own price never goes above what you agreed unless you confirm it.`;
}

/**
 * Prices the group from `from` (the start of a period) for the size it has then, by `settlePeriod`:
 * each member's order is re-priced through purchasing to the group's price if they have agreed to
 * that much (a fall, or a rise back up to what they agreed, needs no yes); a member asked for more
 * keeps the most they agreed, is asked to confirm, and the provider is told it bears the difference.
 * A refusal (the budget) leaves that member's old price in place and says why.
 */
function priceNextPeriod(tx: Tx, offer: Offer, from: string, now: Date) {
  const contract = tx.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, offer.id)).get();
  if (!contract || from > contract.endsOn) return;
  const members = livePledges(tx, offer.id, "member").filter((m) => m.orderId !== null && m.agreedPricePence !== null);
  const { price, perUnit, unconfirmed } = settlePeriod(offer.tiers, members.map((m) => ({ id: String(m.id), ceilingPence: m.agreedPricePence! })));
  const asked = new Set(unconfirmed.map((m) => m.id));
  for (const m of members) {
    const target = perUnit.get(String(m.id))!;
    try {
      db.transaction(() => repriceOrder(m.orderId!, target, from, `The group “${offer.title}” has ${members.length} members from then.`, now));
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      tell(tx, offer.id, [m.holderId], `Your price in “${offer.title}” could not be changed to ${formatPence(target)} per ${offer.unit} from ${formatDate(from)}, so it stays as it was: ${error.message}`);
      continue;
    }
    const pending = asked.has(String(m.id)) ? price : null;
    setPledge(tx, m, { pendingPricePence: pending, pendingFrom: pending === null ? null : from });
    if (pending === null) continue;
    tell(tx, offer.id, [m.holderId], `With ${members.length} members the group's price is ${formatPence(pending)} per ${offer.unit} from ${formatDate(from)}. You keep paying ${formatPence(target)} unless you confirm the new price on this page.`);
    postSystemMessage(tx, m.orderId!, `The group “${offer.title}” has ${members.length} members from ${formatDate(from)}, and its price for that size is ${formatPence(pending)} per ${offer.unit}. ${m.displayName} has not agreed to more than ${formatPence(target)}, so they keep paying that until they confirm; the provider bears the difference.`);
    audit(tx, null, m.holderId, "consortium.price-asked", "consortium-pledge", m.id, { pricePence: pending, from, payingPence: target });
  }
}

/**
 * A member (or their representative) says yes to the higher price their group's new size earns.
 * It is charged from the start of the next period only (or from the date it was asked for, if that
 * is still to come), through purchasing's re-pricing; a refusal (the budget) leaves the old price.
 */
export function confirmNewPrice(actor: Actor, pledgeId: number, now = new Date()) {
  return immediately((tx) => {
    const { pledge: p, offer } = loadPledge(tx, pledgeId);
    if (!canPledgeFor(actor, p.holderId)) throw new ConsortiumError("not-permitted", "Only the member, or someone acting for them, can confirm a new price.");
    if (p.status !== "member" || !p.orderId || p.pendingPricePence === null) throw new ConsortiumError("invalid", "There is no new price waiting for your confirmation.");
    const today = dayOf(now);
    const from = p.pendingFrom && p.pendingFrom > today ? p.pendingFrom : nextPeriodStart(offer.startsOn, today);
    const price = p.pendingPricePence;
    try {
      db.transaction(() => repriceOrder(p.orderId!, price, from, `${p.displayName} confirmed the group's price for its size.`, now));
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      throw new ConsortiumError(error.code, `Your price stays at ${formatPence(p.agreedPricePence ?? 0)} per ${offer.unit}: ${error.message}`);
    }
    setPledge(tx, p, { agreedPricePence: price, pendingPricePence: null, pendingFrom: null });
    tell(tx, offer.id, [p.holderId], `You confirmed the new price: ${formatPence(price)} per ${offer.unit} from ${formatDate(from)}.`);
    audit(tx, actor, p.holderId, "consortium.price-confirmed", "consortium-pledge", p.id, { pricePence: price, from });
    return { from, pricePence: price };
  });
}

/** The first person waiting whose budget can pay joins from the first session after `after`; false if nobody could. */
function fillPlace(tx: Tx, offer: Offer, after: string, now: Date): boolean {
  const contract = tx.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, offer.id)).get();
  if (!contract) return false;
  const from = occurrenceDates({ recurrence: offer.recurrence, startsOn: offer.startsOn, endsOn: contract.endsOn }, addDays(after, 1), contract.endsOn)[0];
  if (!from) return false;
  for (const w of livePledges(tx, offer.id, "waiting")) {
    const bookThrough = addDays(from, PERIOD_DAYS - 1);
    try {
      const orderId = db.transaction(() => placeContractOrder({
        serviceId: offer.serviceId, buyerId: w.holderId, placedBy: w.pledgedBy, budgetAccountId: w.budgetAccountId, unitPricePence: contract.unitPricePence,
        quantityHundredths: offer.quantityHundredths, recurrence: offer.recurrence, startsOn: from, endsOn: contract.endsOn,
        bookThrough: bookThrough > contract.endsOn ? contract.endsOn : bookThrough, timeFrom: offer.timeFrom, timeTo: offer.timeTo,
        note: `A place came free in the group “${offer.title}”: ${formatPence(contract.unitPricePence)} each from ${formatDate(from)}.`,
      }, now).orderId);
      setPledge(tx, w, { status: "member", orderId, contractId: contract.id, agreedPricePence: contract.unitPricePence });
      tell(tx, offer.id, [w.holderId], `A place came free in “${offer.title}” and it is yours from ${formatDate(from)}, at ${formatPence(contract.unitPricePence)} per ${offer.unit}.`);
      audit(tx, null, w.holderId, "consortium.joined-later", "consortium-pledge", w.id, { orderId, from });
      return true;
    } catch (error) {
      if (!(error instanceof Refused) && !(error instanceof OrderError)) throw error;
      setPledge(tx, w, { status: "dropped", statusReason: error.message });
      tell(tx, offer.id, [w.holderId], `A place came free in “${offer.title}”, but it could not be given to you: ${error.message}`);
    }
  }
  return false;
}

// ---- joining a formed group later ------------------------------------------------------------

export type JoinLaterResult =
  | { ok: true; pledgeId: number; status: "member"; from: string; pricePence: number; setAsidePence: number }
  | { ok: true; pledgeId: number; status: "waiting" }
  | { ok: false; refusal: Refusal };

/**
 * A budget holder (or their representative) joins a group that has already formed, from the start
 * of its next period with a place free (a member still serving notice keeps theirs until they go).
 * All or nothing in one transaction: the council's rules are checked as for a pledge, the order is
 * placed under the group's contract at the price the bigger group earns, and every member's order
 * is re-priced from the same date (a fall needs nobody's yes). When the group is full, the person
 * goes on the waiting list with nothing set aside. Members never exceed the offer's maximum.
 */
export function joinLater(actor: Actor, input: PledgeInput, now = new Date()): JoinLaterResult {
  if (!canPledgeFor(actor, input.holderId)) throw new ConsortiumError("not-permitted", "You can only join for yourself or someone you act for.");
  return immediately((tx) => {
    const offer = loadOffer(tx, input.offerId);
    const contract = tx.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, offer.id)).get();
    if (offer.status !== "committed" || !contract) throw new ConsortiumError("illegal-transition", "Only a group that has formed can be joined later.");
    const account = getBudgetAccount(input.budgetAccountId);
    if (!account || account.holderId !== input.holderId) throw new ConsortiumError("invalid", "Choose one of the budgets of the person joining.");
    const already = tx.select({ id: pledges.id }).from(pledges)
      .where(and(eq(pledges.offerId, offer.id), eq(pledges.holderId, input.holderId), inArray(pledges.status, ["pledged", "waiting", "member"]))).get();
    const today = dayOf(now);
    if (already || livePledges(tx, offer.id, "left").some((p) => p.holderId === input.holderId && (p.leavesOn ?? "") >= today)) {
      throw new ConsortiumError("invalid", "You have already joined this group.");
    }
    const members = livePledges(tx, offer.id, "member");
    // Members still serving notice keep their place until their last session.
    const leavers = livePledges(tx, offer.id, "left").map((p) => p.leavesOn ?? "");
    let from = nextPeriodStart(offer.startsOn, today);
    while (members.length + 1 + leavers.filter((d) => d >= from).length > offer.maxMembers && from <= contract.endsOn) from = nextPeriodStart(offer.startsOn, from);
    if (from > contract.endsOn && members.length < offer.maxMembers) throw new ConsortiumError("invalid", "The group's term ends before a place comes free, so it cannot be joined now.");
    const price = tierPrice(offer.tiers, members.length + 1) ?? topPrice(offer.tiers);
    // Nobody jumps the queue: with people already waiting, a newcomer waits behind them.
    const full = members.length >= offer.maxMembers || livePledges(tx, offer.id, "waiting").length > 0;
    const startsOn = full ? offer.startsOn : from;
    // The same question the order will ask: its first period at the price the new size earns (or the most a member can be asked, when waiting).
    const refusal = purchaseRefusal({
      budgetAccountId: account.id, amountPence: firstPeriodPence({ ...offer, startsOn }, full ? topPrice(offer.tiers) : price), category: offer.category, effectiveOn: full ? today : from,
    });
    if (refusal) return { ok: false as const, refusal };
    if (full) {
      const row = tx.insert(pledges).values({ offerId: offer.id, holderId: input.holderId, pledgedBy: actor.user.id, budgetAccountId: account.id, displayName: input.displayName, status: "waiting" }).returning().get();
      audit(tx, actor, input.holderId, "consortium.waiting", "consortium-pledge", row.id, { offerId: offer.id, reservedPence: 0 });
      return { ok: true as const, pledgeId: row.id, status: "waiting" as const };
    }
    const bookThrough = addDays(from, PERIOD_DAYS - 1);
    let placed: { orderId: number; setAsidePence: number };
    try {
      placed = db.transaction(() => placeContractOrder({
        serviceId: offer.serviceId, buyerId: input.holderId, placedBy: actor.user.id, budgetAccountId: account.id, unitPricePence: price,
        quantityHundredths: offer.quantityHundredths, recurrence: offer.recurrence, startsOn: from, endsOn: contract.endsOn,
        bookThrough: bookThrough > contract.endsOn ? contract.endsOn : bookThrough, timeFrom: offer.timeFrom, timeTo: offer.timeTo,
        note: `Joined the group “${offer.title}” from ${formatDate(from)}: ${formatPence(price)} each with ${members.length + 1} members.`,
      }, now));
    } catch (error) {
      if (error instanceof Refused) return { ok: false as const, refusal: error.refusal };
      if (error instanceof OrderError) throw new ConsortiumError(error.code, error.message);
      throw error;
    }
    const row = tx.insert(pledges).values({
      offerId: offer.id, holderId: input.holderId, pledgedBy: actor.user.id, budgetAccountId: account.id, displayName: input.displayName,
      status: "member", orderId: placed.orderId, contractId: contract.id, agreedPricePence: price,
    }).returning().get();
    // The guard, inside the same transaction: never more members than the offer allows.
    if (livePledges(tx, offer.id, "member").length > offer.maxMembers) throw new ConsortiumError("invalid", "The group is full.");
    tell(tx, offer.id, members.map((m) => m.holderId), `${input.displayName} joins the group from ${formatDate(from)}. With ${members.length + 1} members the group's price is ${formatPence(price)} per ${offer.unit} from then.`);
    tell(tx, offer.id, [input.holderId], `You joined “${offer.title}” from ${formatDate(from)}, at ${formatPence(price)} per ${offer.unit}. Your order is on your orders page.`);
    audit(tx, actor, input.holderId, "consortium.joined-later", "consortium-pledge", row.id, { orderId: placed.orderId, from, unitPricePence: price });
    priceNextPeriod(tx, offer, from, now);
    return { ok: true as const, pledgeId: row.id, status: "member" as const, from, pricePence: price, setAsidePence: placed.setAsidePence };
  });
}

// ---- what pages read -------------------------------------------------------------------------

export type OfferSummary = { id: number; title: string; joined: number; maxMembers: number; minMembers: number; pledgeDeadline: string; bestPricePence: number; topPricePence: number; unit: PriceUnit };

const summarise = (o: Offer, joined: number): OfferSummary => ({
  id: o.id, title: o.title, joined, maxMembers: o.maxMembers, minMembers: o.minMembers, pledgeDeadline: o.pledgeDeadline,
  bestPricePence: o.tiers.at(-1)!.pricePence, topPricePence: topPrice(o.tiers), unit: o.unit,
});

const joinedCounts = (offerIds: number[]) => new Map(offerIds.length === 0 ? [] : db.select({ offerId: pledges.offerId, n: sql<number>`count(*)` }).from(pledges)
  .where(and(inArray(pledges.offerId, offerIds), eq(pledges.status, "pledged"))).groupBy(pledges.offerId).all().map((r) => [r.offerId, r.n]));

/** The group offer an order belongs to, while its buyer is a member (or serving notice): such an order is left through the group. */
export function groupOfOrder(orderId: number): { offerId: number } | null {
  return db.select({ offerId: pledges.offerId }).from(pledges).where(and(eq(pledges.orderId, orderId), eq(pledges.status, "member"))).get() ?? null;
}

/** Open group offers on a service, for its page: "3 of 5 joined, closes Friday". */
export function openOffersForService(serviceId: number): OfferSummary[] {
  const offers = db.select().from(consortiumOffers).where(and(eq(consortiumOffers.serviceId, serviceId), eq(consortiumOffers.status, "open")))
    .orderBy(asc(consortiumOffers.pledgeDeadline)).limit(10).all();
  const counts = joinedCounts(offers.map((o) => o.id));
  return offers.map((o) => summarise(o, counts.get(o.id) ?? 0));
}

export const OFFERS_PAGE = 20;

/** Open group offers, soonest closing first, one page at a time. */
export function openOffers(page = 1): { offers: (OfferSummary & { serviceName: string; areaSlug: string })[]; total: number } {
  const where = eq(consortiumOffers.status, "open");
  const total = db.select({ n: sql<number>`count(*)` }).from(consortiumOffers).where(where).get()?.n ?? 0;
  const rows = db.select().from(consortiumOffers).where(where).orderBy(asc(consortiumOffers.pledgeDeadline), asc(consortiumOffers.id))
    .limit(OFFERS_PAGE).offset((page - 1) * OFFERS_PAGE).all();
  const counts = joinedCounts(rows.map((o) => o.id));
  const names = new Map(rows.length === 0 ? [] : db.$client.prepare(`SELECT id, name FROM services WHERE id IN (${rows.map(() => "?").join(",")})`)
    .raw().all(...rows.map((o) => o.serviceId)) as [number, string][]);
  return { offers: rows.map((o) => ({ ...summarise(o, counts.get(o.id) ?? 0), serviceName: names.get(o.serviceId) ?? "", areaSlug: o.areaSlug })), total };
}

/** An offer page: the terms, who has joined (by chosen name only), and what this person can do. */
export function offerPage(offerId: number, actor: Actor | null, now = new Date()) {
  const offer = db.select().from(consortiumOffers).where(eq(consortiumOffers.id, offerId)).get();
  if (!offer) return null;
  const found = getService(offer.serviceId);
  const all = db.select().from(pledges).where(eq(pledges.offerId, offer.id)).orderBy(asc(pledges.id)).limit(500).all();
  const live = all.filter((p) => p.status === "pledged" || p.status === "member");
  const mine = actor ? all.filter((p) => canPledgeFor(actor, p.holderId) && ["pledged", "waiting", "member", "left"].includes(p.status)) : [];
  const isMember = mine.some((p) => p.status !== "waiting") || canRunGroupOffer(actor, offer);
  const contract = db.select().from(consortiumContracts).where(eq(consortiumContracts.offerId, offer.id)).get() ?? null;
  // What this person was told: as a member (or someone acting for one), or as the one who proposed it.
  const told = [...mine.map((p) => p.holderId), ...(actor && offer.openedBy === actor.user.id ? [actor.user.id] : [])];
  const notices = told.length > 0
    ? db.select().from(consortiumNotices).where(and(eq(consortiumNotices.offerId, offer.id), inArray(consortiumNotices.holderId, told)))
      .orderBy(desc(consortiumNotices.id)).limit(20).all()
    : [];
  return {
    offer, serviceName: found?.service.name ?? "", organisationName: found?.organisation.name ?? "", areaName: found?.areaName ?? "",
    joined: all.filter((p) => p.status === "pledged").length, waiting: all.filter((p) => p.status === "waiting").length,
    // Members see each other's chosen names; everyone else sees only how many.
    memberNames: isMember ? live.map((p) => p.displayName) : null,
    // A formed group with a period still to come can be joined from its next period (or its waiting list, when full).
    joinableLater: offer.status === "committed" && !!contract && nextPeriodStart(offer.startsOn, dayOf(now)) <= contract.endsOn,
    placesFree: Math.max(0, offer.maxMembers - all.filter((p) => p.status === "member").length),
    mine, contract, notices, canRun: canRunGroupOffer(actor, offer), pledgePence: pledgePence(offer, offer.tiers),
    // What each of this person's places costs now (the price agreed is the most it can cost).
    paying: Object.fromEntries(mine.filter((p) => p.orderId !== null && p.status === "member").map((p) => [p.id, priceNow(p.orderId!, now)])),
    firstPeriodAt: (price: number) => firstPeriodPence(offer, price),
  };
}

/** The budgets a person could pledge from, for the join form. */
export const budgetsFor = (holderId: number) =>
  db.select({ id: budgetAccounts.id, arrangement: budgetAccounts.arrangement, status: budgetAccounts.status, areaSlug: budgetAccounts.areaSlug }).from(budgetAccounts)
    .where(eq(budgetAccounts.holderId, holderId)).orderBy(asc(budgetAccounts.id)).limit(20).all();

/** A first name to show other members unless the person chooses another. */
export const firstNameOf = (userId: number) =>
  (db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? "").split(/\s+/)[0] || "A member";

// ---- for commissioners -----------------------------------------------------------------------

export type ConsortiumAggregate = {
  areaSlug: string; category: string; unit: string; groupsFormed: number; members: number;
  /** Pence per unit: the mean price groups agreed, and the mean price alone for the same services. */
  meanGroupPricePence: number; meanIndividualPricePence: number;
};

/**
 * Consortia formed, their members and prices against the price alone, per area, category and unit:
 * counts and pence only, no person. For the insights dashboard, which applies its own
 * small-number suppression before showing a cell.
 */
export function consortiumAggregates(areaSlugs?: string[]): ConsortiumAggregate[] {
  const rows = db.$client.prepare(`SELECT o.area_slug, o.category, o.unit, COUNT(*) AS groups, SUM(c.members_at_start) AS members,
      CAST(ROUND(AVG(c.unit_price_pence)) AS INTEGER) AS group_price, CAST(ROUND(AVG(o.individual_price_pence)) AS INTEGER) AS alone_price
    FROM consortium_contracts c JOIN consortium_offers o ON o.id = c.offer_id
    ${areaSlugs ? `WHERE o.area_slug IN (${areaSlugs.map(() => "?").join(",") || "NULL"})` : ""}
    GROUP BY o.area_slug, o.category, o.unit ORDER BY o.area_slug, o.category, o.unit`).raw().all(...(areaSlugs ?? [])) as [string, string, string, number, number, number, number][];
  return rows.map(([areaSlug, category, unit, groupsFormed, members, meanGroupPricePence, meanIndividualPricePence]) =>
    ({ areaSlug, category, unit, groupsFormed, members, meanGroupPricePence, meanIndividualPricePence }));
}

// ---- finding each other ----------------------------------------------------------------------

/**
 * "Tell me when others near me want the same kind of support": the person opts in for a kind of
 * support in the area of one of their budgets, under a name they choose. Opting in is consent to
 * that name (and nothing else) being shown to others who opted in for the same thing.
 */
export function optIn(actor: Actor, input: { holderId: number; category: CategorySlug; areaSlug: string; displayName: string }) {
  if (!canPledgeFor(actor, input.holderId)) throw new ConsortiumError("not-permitted", "You can only do this for yourself or someone you act for.");
  if (!budgetAreasOf(input.holderId).includes(input.areaSlug)) throw new ConsortiumError("invalid", "Choose the area of one of your budgets.");
  return immediately((tx) => {
    const row = tx.insert(consortiumInterests).values(input)
      .onConflictDoUpdate({ target: [consortiumInterests.holderId, consortiumInterests.category, consortiumInterests.areaSlug], set: { displayName: input.displayName } })
      .returning().get();
    audit(tx, actor, input.holderId, "consortium.interest", "consortium-interest", row.id, { category: input.category, areaSlug: input.areaSlug });
    return row.id;
  });
}

/** Stops being introduced for one interest: the person's name is no longer shown to anyone for it. */
export function optOut(actor: Actor, interestId: number) {
  return immediately((tx) => {
    const row = tx.select().from(consortiumInterests).where(eq(consortiumInterests.id, interestId)).get();
    if (!row || !canPledgeFor(actor, row.holderId)) throw new ConsortiumError("missing", "There is no such interest of yours.");
    tx.delete(consortiumInterests).where(eq(consortiumInterests.id, row.id)).run();
    audit(tx, actor, row.holderId, "consortium.interest-removed", "consortium-interest", row.id);
  });
}

/** The areas of a person's budgets: where they can be introduced. */
export const budgetAreasOf = (holderId: number) => [...new Set(budgetsFor(holderId).map((b) => b.areaSlug))];

/**
 * For each thing the person opted in for: the chosen names of others who opted in for the same
 * kind of support in the same area (both said yes; nobody else is ever listed), and the open group
 * offers there.
 */
export function introductionsFor(holderId: number) {
  const mine = db.select().from(consortiumInterests).where(eq(consortiumInterests.holderId, holderId)).orderBy(asc(consortiumInterests.id)).limit(20).all();
  return mine.map((interest) => {
    const where = and(eq(consortiumInterests.category, interest.category), eq(consortiumInterests.areaSlug, interest.areaSlug), ne(consortiumInterests.holderId, holderId));
    const others = db.select({ displayName: consortiumInterests.displayName }).from(consortiumInterests).where(where).orderBy(asc(consortiumInterests.id)).limit(50).all();
    const offers = db.select({ id: consortiumOffers.id, title: consortiumOffers.title }).from(consortiumOffers)
      .where(and(eq(consortiumOffers.category, interest.category), eq(consortiumOffers.areaSlug, interest.areaSlug), eq(consortiumOffers.status, "open"))).limit(10).all();
    return { interest, others: others.map((o) => o.displayName), offers };
  });
}

/** Proposals from budget holders waiting for this organisation to agree, for its service pages. */
export const proposalsForService = (serviceId: number) =>
  db.select({ id: consortiumOffers.id, title: consortiumOffers.title, pledgeDeadline: consortiumOffers.pledgeDeadline }).from(consortiumOffers)
    .where(and(eq(consortiumOffers.serviceId, serviceId), eq(consortiumOffers.status, "proposed"))).orderBy(asc(consortiumOffers.id)).limit(20).all();

/** The groups a person (and those they act for) joined, asked to join or left, newest first: for the group offers page. */
export function groupsOf(actor: Actor) {
  const holders = [actor.user.id, ...actor.represents];
  return db.select({ pledgeId: pledges.id, status: pledges.status, offerId: consortiumOffers.id, title: consortiumOffers.title, offerStatus: consortiumOffers.status })
    .from(pledges).innerJoin(consortiumOffers, eq(consortiumOffers.id, pledges.offerId))
    .where(and(inArray(pledges.holderId, holders), inArray(pledges.status, ["pledged", "waiting", "member", "left"])))
    .orderBy(desc(pledges.id)).limit(50).all();
}
