// Who may see and do what. Every permission rule in Weave lives here, as plain functions of
// the signed-in person (the Actor), so that a rule can be read, tested and found in a minute.
import type { PlatformRole } from "../../db/schema/accounts";

export type Actor = {
  sessionId: number;
  user: { id: number; name: string; email: string };
  roles: PlatformRole[];
  /** Council areas a commissioner is assigned to. */
  areas: string[];
  /** Organisations this person works for, and as what. */
  organisations: { id: number; role: "owner" | "staff" }[];
  /** Budget holders this person may act for now (active grants only). */
  represents: number[];
};

export const hasRole = (actor: Actor | null, role: PlatformRole) => !!actor?.roles.includes(role);
export const isAdmin = (actor: Actor | null) => hasRole(actor, "admin");
export const isModerator = (actor: Actor | null) => hasRole(actor, "moderator") || isAdmin(actor);

/** A person's own record: the person, or someone they have allowed (or been appointed) to act for them. */
export const canActForPerson = (actor: Actor | null, personId: number) =>
  !!actor && (actor.user.id === personId || actor.represents.includes(personId));

/** Services, staff and facts of an organisation: its own people. Admins support them. */
export const canManageOrganisation = (actor: Actor | null, organisationId: number) =>
  !!actor && (actor.organisations.some((o) => o.id === organisationId) || isAdmin(actor));

/** Adding and removing staff: the organisation's owners. */
export const canManageStaff = (actor: Actor | null, organisationId: number) =>
  !!actor && (actor.organisations.some((o) => o.id === organisationId && o.role === "owner") || isAdmin(actor));

/** Anyone signed in may register an organisation: they become its owner, and its facts wait for moderation. */
export const canCreateOrganisation = (actor: Actor | null) => !!actor;

/** Editing, publishing and confirming a service: the people of the organisation that runs it. */
export const canEditService = (actor: Actor | null, service: { organisationId: number }) =>
  canManageOrganisation(actor, service.organisationId);

/** Suggested listings, vetting claims and reported reviews. */
export const canModerate = (actor: Actor | null) => isModerator(actor);

/** Recording an appointee for someone who lacks capacity is a legal step: moderators and admins only. */
export const canRecordAppointee = (actor: Actor | null) => isModerator(actor);

/**
 * Thrown by a capability when asked to act for someone a rule refuses. Routes check the rule
 * first and answer 403; this is the second line, so a route that forgets cannot change anything.
 */
export class NotPermitted extends Error {
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "NotPermitted";
  }
}

export function assertPermitted(allowed: boolean, message?: string): asserts allowed {
  if (!allowed) throw new NotPermitted(message);
}

/** Aggregated figures for a council area: its commissioners. Never an individual's record. */
export const canSeeArea = (actor: Actor | null, area: string) =>
  !!actor && hasRole(actor, "commissioner") && actor.areas.includes(area);

/**
 * Opening, suspending and ending budget accounts, on the council's instruction: Weave's admins.
 * They see an account's terms and status, never its balance, statement or plan.
 */
export const canAdministerBudgets = (actor: Actor | null) => isAdmin(actor);

/** A budget: the holder and their representatives, and the provider holding it as an ISF. */
export const canSeeBudget = (actor: Actor | null, budget: { holderId: number; arrangement: string; isfProviderId: number | null }) =>
  canActForPerson(actor, budget.holderId) || canRecordIsf(actor, budget);

/** Recording delivery against an ISF: staff of the provider holding it now (not a previous one). */
export const canRecordIsf = (actor: Actor | null, budget: { arrangement: string; isfProviderId: number | null }) =>
  !!actor && budget.arrangement === "isf" && budget.isfProviderId !== null && actor.organisations.some((o) => o.id === budget.isfProviderId);

/** Ordering for someone, and acting as the buyer on their orders: the person, or someone acting for them. */
export const canOrderFor = (actor: Actor | null, personId: number) => canActForPerson(actor, personId);
export const canActAsBuyer = (actor: Actor | null, order: { buyerId: number }) => canActForPerson(actor, order.buyerId);

/** Answering, delivering and invoicing an order: staff of the organisation that runs the service (admins support them). */
export const canActAsProvider = (actor: Actor | null, order: { organisationId: number }) => canManageOrganisation(actor, order.organisationId);

/** An order's invoice: both sides of the order. */
export const canSeeInvoice = (actor: Actor | null, order: { buyerId: number; organisationId: number }) =>
  canActAsBuyer(actor, order) || canActAsProvider(actor, order);

/** Disputes between a buyer and a provider are decided by moderators, who belong to neither side. */
export const canResolveDisputes = (actor: Actor | null) => isModerator(actor);

/** Recording that a provider has been paid out for a budget invoice: admins, as Weave's finance role. */
export const canRecordPayouts = (actor: Actor | null) => isAdmin(actor);

/** Connecting an organisation to Stripe to take card payments: its owners, as with its staff. */
export const canSetUpCardPayments = (actor: Actor | null, organisationId: number) => canManageStaff(actor, organisationId);

/** Reviewing support: the person who received it, or someone acting for them (the review says so). */
export const canReviewFor = (actor: Actor | null, personId: number) => canActForPerson(actor, personId);

/** Replying to a review, rating the working relationship and seeing a service's reviews as they come in: the provider's staff. */
export const canAnswerReviews = (actor: Actor | null, review: { organisationId: number }) => canManageOrganisation(actor, review.organisationId);

/** Removing a review (for a stated policy reason) and dealing with reports: moderators, who belong to neither side. */
export const canRemoveReviews = (actor: Actor | null) => isModerator(actor);
/** A review is withdrawn by the person it is about, or by someone acting for them now. */
export const canWithdrawReview = (actor: Actor | null, review: { personId: number }) => canActForPerson(actor, review.personId);
/** Changing a review's stars and words: the same people as withdrawing it. */
export const canEditReview = canWithdrawReview;
/**
 * A looking-for post or a request for quotes, from the person's side (reading the offers, accepting,
 * closing): the person, or someone acting for them.
 */
export const canActForRequest = (actor: Actor | null, request: { personId: number }) => canActForPerson(actor, request.personId);

/**
 * Reading an anonymised request and offering to meet it: staff of an organisation with a published
 * service in the request's category and area (`servingOrganisationIds`, worked out by app/requests).
 * Not admins: a request is put out to providers, and nobody else reads it.
 */
export const canAnswerRequest = (actor: Actor | null, servingOrganisationIds: readonly number[]) =>
  !!actor && actor.organisations.some((o) => servingOrganisationIds.includes(o.id));

/** Offering to be a peer supporter, and asking for one: anyone signed in, for themselves (or as a representative, for the person). */
export const canAskForPeerSupport = (actor: Actor | null, personId: number) => canActForPerson(actor, personId);
/** Opening or calling off a group offer on a service, and forming its group early: the people of the organisation that runs it. */
export const canRunGroupOffer = (actor: Actor | null, offer: { organisationId: number }) => canManageOrganisation(actor, offer.organisationId);

/** Joining a group offer (pledging from a budget), withdrawing and leaving: the person, or someone acting for them. */
export const canPledgeFor = (actor: Actor | null, personId: number) => canActForPerson(actor, personId);
