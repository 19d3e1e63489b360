// Looking-for posts and anonymised requests for quotes: a person puts a need out to providers in
// their area and category without their name or address (town only); providers answer with an
// offer; the person accepts one (it becomes an ordinary order in app/purchasing, at the offered
// price), asks about it (an enquiry in app/purchasing that hides their name), or declines it.
// Every change is one transaction with an audit row on the person's record.
import { and, asc, count, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { organisations, requestOffers, services, supportRequests, users } from "../../db/schema";
import type { OfferStatus, RequestKind } from "../../db/schema/requests";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, canActForRequest, canAnswerRequest } from "../accounts/permissions";
import { getBudgetAccount } from "../budgets/budgets.server";
import { planWithLines, plansOf } from "../budgets/plans.server";
import { listingsOfOrganisation } from "../directory/catalogue.server";
import { formatDate } from "../directory/format";
import { getService } from "../directory/listings.server";
import { findArea, findTown } from "../directory/region";
import { categories, nameOf } from "../directory/vocabulary";
import { OrderError } from "../purchasing/lifecycle";
import { replyToEnquiry, revealEnquiryBuyer, startEnquiry } from "../purchasing/messages.server";
import { tellPeopleNews } from "../purchasing/news-mail.server";
import { placeAgreedOrder, type Placed } from "../purchasing/orders.server";
import type { OrderTerms } from "../purchasing/quote.server";
import { dayOf } from "../purchasing/schedule";
import { identifyingWarning } from "./identifying";
import { EXPIRY_DAYS } from "./labels";
import type { OfferValues, PostValues, QuotesValues } from "./request-form";

export type SupportRequest = typeof supportRequests.$inferSelect;
export type Offer = typeof requestOffers.$inferSelect;
export type RequestState = "open" | "expired" | "closed" | "accepted";

export const REQUESTS_PAGE = 20;
/** The most offers one request shows (and accepts): enough to compare, few enough to read. */
export const OFFERS_LIMIT = 50;

const stamp = (now: Date) => now.toISOString();
const expiryFrom = (now: Date) => new Date(now.getTime() + EXPIRY_DAYS * 86_400_000).toISOString();
const immediately = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: "immediate" });

/** Expired is read, not stored: an open request past its date is expired, and renewing opens it again. */
export function stateOf(request: Pick<SupportRequest, "status" | "expiresAt">, now = new Date()): RequestState {
  if (request.status === "open" && request.expiresAt <= stamp(now)) return "expired";
  return request.status;
}

function audit(tx: Tx, actor: Actor, request: Pick<SupportRequest, "id" | "personId">, action: string, detail?: Record<string, unknown>) {
  recordAudit(tx, { actorId: actor.user.id, personId: request.personId, action, subjectType: "support-request", subjectId: request.id, detail });
}

function loadRequest(tx: Tx, id: number): SupportRequest {
  const request = tx.select().from(supportRequests).where(eq(supportRequests.id, id)).get();
  if (!request) throw new OrderError("missing", "There is no such request.");
  return request;
}

function requireOpen(request: SupportRequest, now: Date, doing: string) {
  const state = stateOf(request, now);
  if (state === "expired") throw new OrderError("illegal-transition", `This request has expired, so ${doing} is not possible. Renew it first.`);
  if (state !== "open") throw new OrderError("illegal-transition", `This request is ${state}, so ${doing} is not possible.`);
}

export type Outcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

// ---- the person's side: posting, asking for quotes, closing, renewing ------------------------------

/** Posts what the person is looking for; free text that may identify them is sent back with a warning first. */
export function postLookingFor(actor: Actor, personId: number, input: PostValues, now = new Date()): Outcome {
  if (!canActForRequest(actor, { personId })) throw new OrderError("not-permitted", "You can only post for yourself or someone you act for.");
  if (!input.sendAsItIs) {
    const warning = identifyingWarning(`${input.description}\n${input.whenText}`);
    if (warning) return { ok: false, errors: { description: warning } };
  }
  const town = findTown(input.townSlug)!;
  return immediately((tx) => {
    const request = tx.insert(supportRequests).values({
      kind: "looking-for", personId, createdBy: actor.user.id, category: input.category, areaSlug: town.area.slug, townSlug: town.slug,
      description: input.description, whenText: input.whenText, budgetMinPence: input.budgetMin, budgetMaxPence: input.budgetMax, expiresAt: expiryFrom(now),
    }).returning().get();
    audit(tx, actor, request, "request.posted", { kind: "looking-for", category: input.category });
    return { ok: true as const, id: request.id };
  });
}

/** The plan lines a request for quotes can be made from: the latest agreed plan (or the draft, if none is agreed). */
export function quotablePlan(budgetAccountId: number) {
  const plans = plansOf(budgetAccountId);
  const plan = plans.find((p) => p.status === "agreed") ?? plans[0];
  return plan ? planWithLines(plan.id) : null;
}

/**
 * Puts chosen lines of the person's support plan out to providers, one request for each kind of
 * support among them (providers answer by kind). Only outcomes and needs go out: the plan's
 * amounts, who agreed it and the person's name stay behind.
 */
export function requestQuotes(actor: Actor, budgetAccountId: number, input: QuotesValues, now = new Date()): { ok: true; ids: number[] } | { ok: false; errors: Record<string, string> } {
  const account = getBudgetAccount(budgetAccountId);
  if (!account) throw new OrderError("missing", "There is no such budget.");
  if (!canActForRequest(actor, { personId: account.holderId })) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can ask for quotes.");
  const found = quotablePlan(account.id);
  if (!found) return { ok: false, errors: { lineIds: "There is no support plan to ask for quotes from yet." } };
  const lines = found.lines.filter((l) => input.lineIds.includes(l.id));
  if (lines.length !== input.lineIds.length) return { ok: false, errors: { lineIds: "Choose lines from your plan as it is now." } };
  const outcomes = input.outcomes.map((i) => found.plan.outcomes[i]).filter((o): o is string => !!o);
  if (!input.sendAsItIs) {
    const warning = identifyingWarning([...outcomes, ...lines.map((l) => l.description), input.note, input.whenText].join("\n"));
    if (warning) return { ok: false, errors: { lineIds: warning } };
  }
  const town = findTown(input.townSlug)!;
  const byCategory = new Map<string, typeof lines>();
  for (const line of lines) byCategory.set(line.category, [...(byCategory.get(line.category) ?? []), line]);
  return immediately((tx) => {
    const ids: number[] = [];
    for (const [category, group] of byCategory) {
      const description = [
        outcomes.length ? `What matters to me: ${outcomes.join("; ")}.` : "",
        `What I need: ${group.map((l) => l.description).join("; ")}.`,
        input.note,
      ].filter(Boolean).join("\n");
      const request = tx.insert(supportRequests).values({
        kind: "quotes", personId: account.holderId, createdBy: actor.user.id, category: group[0]!.category, areaSlug: town.area.slug, townSlug: town.slug,
        description, whenText: input.whenText, planId: found.plan.id, budgetAccountId: account.id, expiresAt: expiryFrom(now),
      }).returning().get();
      audit(tx, actor, request, "request.posted", { kind: "quotes", category, lines: group.map((l) => l.id) });
      ids.push(request.id);
    }
    return { ok: true as const, ids };
  });
}

/** The person closes a request at any time: providers stop seeing it and open offers lapse. */
export function closeRequest(actor: Actor, id: number, now = new Date()) {
  immediately((tx) => {
    const request = loadRequest(tx, id);
    if (!canActForRequest(actor, request)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can close this.");
    if (request.status !== "open") throw new OrderError("illegal-transition", `This request is already ${request.status}.`);
    tx.update(supportRequests).set({ status: "closed", closedAt: stamp(now), updatedAt: stamp(now) }).where(and(eq(supportRequests.id, id), eq(supportRequests.status, "open"))).run();
    tx.update(requestOffers).set({ status: "not-chosen", decidedAt: stamp(now) }).where(and(eq(requestOffers.requestId, id), eq(requestOffers.status, "open"))).run();
    audit(tx, actor, request, "request.closed");
  });
}

/** Renewing shows an open (or expired) request for another 30 days from today. */
export function renewRequest(actor: Actor, id: number, now = new Date()) {
  immediately((tx) => {
    const request = loadRequest(tx, id);
    if (!canActForRequest(actor, request)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can renew this.");
    if (request.status !== "open") throw new OrderError("illegal-transition", `This request is ${request.status}, so it cannot be renewed. Post a new one.`);
    tx.update(supportRequests).set({ expiresAt: expiryFrom(now), updatedAt: stamp(now) }).where(eq(supportRequests.id, id)).run();
    audit(tx, actor, request, "request.renewed");
  });
}

// ---- reading, from the person's side ---------------------------------------------------------

/** The requests of these people (the actor and anyone they act for), newest first, with how many offers are waiting. */
export function requestsOf(personIds: number[], page = 1) {
  const where = inArray(supportRequests.personId, personIds.length ? personIds : [0]);
  const waiting = sql<number>`(SELECT count(*) FROM request_offers o WHERE o.request_id = support_requests.id AND o.status = 'open')`;
  const rows = db.select({ request: supportRequests, personName: users.name, waiting }).from(supportRequests)
    .innerJoin(users, eq(users.id, supportRequests.personId)).where(where)
    .orderBy(desc(supportRequests.id)).limit(REQUESTS_PAGE).offset((page - 1) * REQUESTS_PAGE).all();
  const total = db.select({ n: count() }).from(supportRequests).where(where).get()?.n ?? 0;
  return { rows, total, pages: Math.max(1, Math.ceil(total / REQUESTS_PAGE)) };
}

function offersOn(requestId: number) {
  return db.select({ offer: requestOffers, organisationName: organisations.name, organisationKind: organisations.kind, serviceName: services.name, unit: services.priceUnit })
    .from(requestOffers)
    .innerJoin(organisations, eq(organisations.id, requestOffers.organisationId))
    .innerJoin(services, eq(services.id, requestOffers.serviceId))
    .where(eq(requestOffers.requestId, requestId)).orderBy(asc(requestOffers.id)).limit(OFFERS_LIMIT).all();
}

/** A request and its offers for the person's side; anyone but the person opening it goes in their access log. */
export function requestForPerson(actor: Actor, id: number) {
  const request = db.select().from(supportRequests).where(eq(supportRequests.id, id)).get();
  if (!request) return "missing" as const;
  if (!canActForRequest(actor, request)) return "forbidden" as const;
  if (actor.user.id !== request.personId) db.transaction((tx) => audit(tx, actor, request, "request.viewed"));
  return { request, offers: offersOn(id) };
}

// ---- the providers' side: anonymised --------------------------------------------------------

/** What a provider may know about a request: no person, no plan, no budget, town only. */
export type AnonymisedRequest = {
  id: number; kind: RequestKind; category: string; categoryName: string; townName: string; areaName: string;
  description: string; whenText: string; budgetMinPence: number | null; budgetMaxPence: number | null;
  createdAt: string; expiresAt: string; state: RequestState;
};

export function anonymised(r: SupportRequest, now = new Date()): AnonymisedRequest {
  return {
    id: r.id, kind: r.kind, category: r.category, categoryName: nameOf(categories, r.category), townName: findTown(r.townSlug)?.name ?? r.townSlug,
    areaName: findArea(r.areaSlug)?.name ?? r.areaSlug, description: r.description, whenText: r.whenText,
    budgetMinPence: r.budgetMinPence, budgetMaxPence: r.budgetMaxPence, createdAt: r.createdAt, expiresAt: r.expiresAt, state: stateOf(r, now),
  };
}

type Coverage = { organisationId: number; areaSlug: string; category: string };

/** Where and in what each of the actor's organisations has published services. */
function coverageOf(actor: Actor): Coverage[] {
  const seen = new Set<string>();
  const out: Coverage[] = [];
  for (const { id } of actor.organisations) {
    for (const l of listingsOfOrganisation(id)) {
      const key = `${id}|${l.areaSlug}|${l.service.categorySlug}`;
      if (!seen.has(key)) { seen.add(key); out.push({ organisationId: id, areaSlug: l.areaSlug, category: l.service.categorySlug }); }
    }
  }
  return out;
}

/** The actor's organisations that serve this request's area and category. */
export function servingOrganisations(actor: Actor, request: Pick<SupportRequest, "areaSlug" | "category">): number[] {
  return [...new Set(coverageOf(actor).filter((c) => c.areaSlug === request.areaSlug && c.category === request.category).map((c) => c.organisationId))];
}

/**
 * Open requests in the areas and categories the actor's organisations serve, newest first, each
 * with whether one of them has already offered. Nothing here names the person.
 */
export function requestsForProvider(actor: Actor, page = 1, now = new Date()) {
  const pairs = coverageOf(actor);
  if (pairs.length === 0) return { rows: [], total: 0, pages: 1, serves: false };
  const covered = or(...pairs.map((p) => and(eq(supportRequests.areaSlug, p.areaSlug), sql`${supportRequests.category} = ${p.category}`)))!;
  const where = and(eq(supportRequests.status, "open"), gt(supportRequests.expiresAt, stamp(now)), covered);
  const mine = actor.organisations.map((o) => o.id);
  const offered = sql<number>`EXISTS (SELECT 1 FROM request_offers o WHERE o.request_id = support_requests.id AND o.status = 'open' AND o.organisation_id IN ${mine})`;
  const rows = db.select({ request: supportRequests, offered }).from(supportRequests).where(where)
    .orderBy(desc(supportRequests.id)).limit(REQUESTS_PAGE).offset((page - 1) * REQUESTS_PAGE).all();
  const total = db.select({ n: count() }).from(supportRequests).where(where).get()?.n ?? 0;
  return { rows: rows.map((r) => ({ request: anonymised(r.request, now), offered: !!r.offered })), total, pages: Math.max(1, Math.ceil(total / REQUESTS_PAGE)), serves: true };
}

/**
 * A request as a provider sees it: "missing", "forbidden", or the anonymised request with the
 * actor's organisations that may answer it, their services to offer, and their offers so far.
 * A provider sees an open request in its area and category, and any request it has offered on.
 */
export function requestForProvider(actor: Actor, id: number, now = new Date()) {
  const request = db.select().from(supportRequests).where(eq(supportRequests.id, id)).get();
  if (!request) return "missing" as const;
  const serving = servingOrganisations(actor, request);
  const mine = actor.organisations.map((o) => o.id);
  const myOffers = mine.length === 0 ? [] : db.select({ offer: requestOffers, serviceName: services.name, unit: services.priceUnit, organisationName: organisations.name })
    .from(requestOffers).innerJoin(services, eq(services.id, requestOffers.serviceId)).innerJoin(organisations, eq(organisations.id, requestOffers.organisationId))
    .where(and(eq(requestOffers.requestId, id), inArray(requestOffers.organisationId, mine))).orderBy(asc(requestOffers.id)).all();
  const visible = (canAnswerRequest(actor, serving) && stateOf(request, now) === "open") || myOffers.length > 0;
  if (!visible) return "forbidden" as const;
  const offerable = serving.flatMap((orgId) => listingsOfOrganisation(orgId)
    .filter((l) => l.service.priceUnit !== "free" && l.service.pricePence > 0)
    .map((l) => ({ id: l.service.id, name: l.service.name, organisationName: l.organisation.name, unit: l.service.priceUnit, pricePence: l.service.pricePence, category: l.service.categorySlug })))
    // Services in the request's own kind of support first.
    .sort((a, b) => Number(b.category === request.category) - Number(a.category === request.category));
  return { request: anonymised(request, now), canOffer: serving.length > 0 && stateOf(request, now) === "open", services: offerable, myOffers };
}

/** A provider offers one of its services at a price, to start on a date; one live offer per organisation. */
export function makeOffer(actor: Actor, requestId: number, input: OfferValues, now = new Date()): Offer {
  return immediately((tx) => {
    const request = loadRequest(tx, requestId);
    const serving = servingOrganisations(actor, request);
    if (!canAnswerRequest(actor, serving)) throw new OrderError("not-permitted", "Only providers with services of this kind in this area can answer this request.");
    requireOpen(request, now, "offering");
    const found = getService(input.serviceId);
    if (!found || !serving.includes(found.service.organisationId)) throw new OrderError("invalid", "Choose one of your organisation's published services.");
    if (found.service.priceUnit === "free") throw new OrderError("invalid", "A free service cannot be ordered: tell the person about it in your message instead.");
    if (input.startsOn < dayOf(now)) throw new OrderError("invalid", "The first date must be today or later.");
    const taken = tx.select({ id: requestOffers.id }).from(requestOffers)
      .where(and(eq(requestOffers.requestId, requestId), eq(requestOffers.organisationId, found.service.organisationId), eq(requestOffers.status, "open"))).get();
    if (taken) throw new OrderError("illegal-transition", `${found.organisation.name} has already made an offer on this request. Withdraw it to make a new one.`);
    const offer = tx.insert(requestOffers).values({
      requestId, organisationId: found.service.organisationId, serviceId: found.service.id, createdBy: actor.user.id, unitPricePence: input.price,
      quantityHundredths: input.quantity, recurrence: input.recurrence, startsOn: input.startsOn, timeFrom: input.timeFrom, timeTo: input.timeTo, message: input.message,
    }).returning().get();
    // The provider's action is written on the person's record, as every other look at it is.
    audit(tx, actor, request, "request.offer", { offerId: offer.id, organisationId: offer.organisationId, unitPricePence: offer.unitPricePence });
    tellPeopleNews(tx, { kind: "request", id: request.id }, [request.personId]);
    return offer;
  });
}

/** Whether an offer id a form names is on this request (a page answers only for its own offers). */
export const offerBelongsTo = (requestId: number, offerId: number) =>
  !!db.select({ id: requestOffers.id }).from(requestOffers).where(and(eq(requestOffers.id, offerId), eq(requestOffers.requestId, requestId))).get();

function loadOffer(tx: Tx, offerId: number) {
  const offer = tx.select().from(requestOffers).where(eq(requestOffers.id, offerId)).get();
  if (!offer) throw new OrderError("missing", "There is no such offer.");
  return { offer, request: loadRequest(tx, offer.requestId) };
}

function decide(tx: Tx, offer: Offer, status: OfferStatus, now: Date) {
  if (offer.status !== "open") throw new OrderError("illegal-transition", `This offer is already ${offer.status.replace("-", " ")}.`);
  tx.update(requestOffers).set({ status, decidedAt: stamp(now) }).where(and(eq(requestOffers.id, offer.id), eq(requestOffers.status, "open"))).run();
}

export function withdrawOffer(actor: Actor, offerId: number, now = new Date()) {
  immediately((tx) => {
    const { offer, request } = loadOffer(tx, offerId);
    if (!actor.organisations.some((o) => o.id === offer.organisationId)) throw new OrderError("not-permitted", "Only the provider that made this offer can withdraw it.");
    decide(tx, offer, "withdrawn", now);
    audit(tx, actor, request, "request.offer-withdrawn", { offerId });
  });
}

// ---- the person answers an offer ---------------------------------------------------------------

export function declineOffer(actor: Actor, offerId: number, now = new Date()) {
  immediately((tx) => {
    const { offer, request } = loadOffer(tx, offerId);
    if (!canActForRequest(actor, request)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can decline this offer.");
    decide(tx, offer, "declined", now);
    audit(tx, actor, request, "request.offer-declined", { offerId });
  });
}

/**
 * Accepting an offer (or awarding a quote) places an ordinary order at the offered price, paid the
 * way the person chooses, through the same checks and council rules as any order; the other
 * offers are not chosen, and the request is done. All or nothing: a refusal changes nothing.
 */
export function acceptOffer(actor: Actor, offerId: number, payWith: OrderTerms["payWith"], now = new Date()): Placed {
  return immediately((tx) => {
    const { offer, request } = loadOffer(tx, offerId);
    if (!canActForRequest(actor, request)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can accept this offer.");
    requireOpen(request, now, "accepting an offer");
    if (offer.status !== "open") throw new OrderError("illegal-transition", `This offer is ${offer.status.replace("-", " ")}, so it cannot be accepted.`);
    const placed = placeAgreedOrder(tx, actor, {
      serviceId: offer.serviceId, buyerId: request.personId, payWith, quantityHundredths: offer.quantityHundredths, recurrence: offer.recurrence,
      startsOn: offer.startsOn, timeFrom: offer.timeFrom, timeTo: offer.timeTo,
      message: `Accepted your offer of ${formatDate(offer.createdAt)} on the ${request.kind === "quotes" ? "request for quotes" : "looking-for post"}: “${request.description.slice(0, 300)}”`,
    }, offer.unitPricePence, now);
    if (!placed.ok) return placed;
    decide(tx, offer, "accepted", now);
    tx.update(requestOffers).set({ orderId: placed.orderId }).where(eq(requestOffers.id, offer.id)).run();
    tx.update(requestOffers).set({ status: "not-chosen", decidedAt: stamp(now) }).where(and(eq(requestOffers.requestId, request.id), eq(requestOffers.status, "open"))).run();
    tx.update(supportRequests).set({ status: "accepted", closedAt: stamp(now), updatedAt: stamp(now) }).where(eq(supportRequests.id, request.id)).run();
    if (offer.enquiryId) revealEnquiryBuyer(tx, offer.enquiryId);
    audit(tx, actor, request, "request.offer-accepted", { offerId, orderId: placed.orderId, unitPricePence: offer.unitPricePence });
    return placed;
  });
}

/**
 * The person asks the provider about an offer: a question (an enquiry) that hides their name
 * until they accept an offer. A second question goes on the same thread.
 */
export function askAboutOffer(actor: Actor, offerId: number, body: string, now = new Date()): number {
  return immediately((tx) => {
    const { offer, request } = loadOffer(tx, offerId);
    if (!canActForRequest(actor, request)) throw new OrderError("not-permitted", "Only the person, or someone acting for them, can ask about this offer.");
    if (offer.enquiryId) {
      replyToEnquiry(actor, "buyer", offer.enquiryId, body);
      return offer.enquiryId;
    }
    requireOpen(request, now, "asking about an offer");
    const subject = `Your offer on a request: ${nameOf(categories, request.category)} in ${findTown(request.townSlug)?.name ?? request.townSlug}`;
    const enquiry = startEnquiry(actor, { serviceId: offer.serviceId, buyerId: request.personId, body, subject, hidesBuyer: true });
    tx.update(requestOffers).set({ enquiryId: enquiry.id }).where(eq(requestOffers.id, offer.id)).run();
    audit(tx, actor, request, "request.offer-asked", { offerId, enquiryId: enquiry.id });
    return enquiry.id;
  });
}

// ---- for commissioners: unmet demand, aggregated ---------------------------------------------

export type DemandRow = {
  kind: RequestKind; category: string; areaSlug: string; townSlug: string;
  /** Distinct people behind the row, so a caller can suppress small cells (insights: fewer than 5). */
  people: number;
  total: number; open: number; expired: number; closed: number; accepted: number;
  /** Requests with at least one offer; `total - answered` went unanswered. */
  answered: number;
};

/**
 * Looking-for posts and requests for quotes by kind, category, council area and town, made at or
 * after `since`: counts only, no text and no person. For the commissioners' unmet-demand view;
 * it does not suppress small cells itself (the insights capability applies its own threshold
 * using `people`).
 */
export function demandSignals(filter: { areaSlugs?: string[]; since?: string } = {}, now = new Date()): DemandRow[] {
  const at = stamp(now);
  const expired = sql`${supportRequests.status} = 'open' AND ${supportRequests.expiresAt} <= ${at}`;
  const answered = sql`EXISTS (SELECT 1 FROM request_offers o WHERE o.request_id = support_requests.id)`;
  const where = and(
    filter.areaSlugs ? inArray(supportRequests.areaSlug, filter.areaSlugs.length ? filter.areaSlugs : [""]) : undefined,
    filter.since ? sql`${supportRequests.createdAt} >= ${filter.since}` : undefined,
  );
  return db.select({
    kind: supportRequests.kind, category: supportRequests.category, areaSlug: supportRequests.areaSlug, townSlug: supportRequests.townSlug,
    people: sql<number>`count(DISTINCT ${supportRequests.personId})`,
    total: count(),
    open: sql<number>`sum(CASE WHEN ${supportRequests.status} = 'open' AND ${supportRequests.expiresAt} > ${at} THEN 1 ELSE 0 END)`,
    expired: sql<number>`sum(CASE WHEN ${expired} THEN 1 ELSE 0 END)`,
    closed: sql<number>`sum(CASE WHEN ${supportRequests.status} = 'closed' THEN 1 ELSE 0 END)`,
    accepted: sql<number>`sum(CASE WHEN ${supportRequests.status} = 'accepted' THEN 1 ELSE 0 END)`,
    answered: sql<number>`sum(CASE WHEN ${answered} THEN 1 ELSE 0 END)`,
  }).from(supportRequests).where(where)
    .groupBy(supportRequests.kind, supportRequests.category, supportRequests.areaSlug, supportRequests.townSlug)
    .orderBy(supportRequests.areaSlug, supportRequests.category, supportRequests.townSlug).limit(5_000).all();
}
