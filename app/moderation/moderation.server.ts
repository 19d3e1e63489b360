// Moderation: suggested listings and the vetting facts providers claim (reported reviews join
// when reviews arrive). Each decision checks the moderator rule, runs in one transaction with its
// audit row, and goes through the directory's own functions, never its tables.
import { db } from "../../db/client";
import { recordAudit } from "../accounts/audit.server";
import { type Actor, assertPermitted, canModerate } from "../accounts/permissions";
import { serviceColumns } from "../directory/listing-forms";
import { findTown } from "../directory/region";
import {
  declineSuggestion, pendingSuggestionCount, pendingSuggestions, publishSuggestion,
} from "../directory/suggestions.server";
import { approveOrganisation, declineOrganisation, organisationsToCheck, tellOrganisation } from "../directory/organisation-checks.server";
import { describeClaim } from "../directory/vetting";
import { pendingClaims, rejectClaim, verifyClaim } from "../directory/vetting.server";
import type { ApproveInput } from "./forms";

export const QUEUE_PAGE = 20;

export function moderationQueues(actor: Actor, page: { suggestions: number; claims: number; organisations?: number }) {
  assertPermitted(canModerate(actor));
  const claims = pendingClaims(QUEUE_PAGE, (page.claims - 1) * QUEUE_PAGE);
  const newOrganisations = organisationsToCheck(QUEUE_PAGE, ((page.organisations ?? 1) - 1) * QUEUE_PAGE);
  const suggestionTotal = pendingSuggestionCount();
  return {
    suggestions: pendingSuggestions(QUEUE_PAGE, (page.suggestions - 1) * QUEUE_PAGE),
    suggestionPages: Math.max(1, Math.ceil(suggestionTotal / QUEUE_PAGE)),
    suggestionTotal,
    claims: claims.claims,
    claimPages: Math.max(1, Math.ceil(claims.total / QUEUE_PAGE)),
    claimTotal: claims.total,
    newOrganisations: newOrganisations.organisations,
    organisationPages: Math.max(1, Math.ceil(newOrganisations.total / QUEUE_PAGE)),
    organisationTotal: newOrganisations.total,
  };
}

const ALREADY = "Someone has already dealt with this. Go back to the moderation queue to see what is waiting.";

type Decision = { ok: true; serviceId: number | null } | { ok: false; status: 404 | 409; message: string };

function decided(result: { ok: true; serviceId?: number | null } | { ok: false; reason: "not-found" | "already-reviewed" }): Decision {
  if (result.ok) return { ok: true, serviceId: result.serviceId ?? null };
  return result.reason === "not-found" ? { ok: false, status: 404, message: "Not found" } : { ok: false, status: 409, message: ALREADY };
}

/**
 * Publishes the suggestion as an organisation (of the kind the moderator chose) with one service,
 * from the form as the moderator left it. Search picks it up when the outbox drains.
 */
export function approveSuggestion(actor: Actor, suggestionId: number, input: ApproveInput): Decision {
  assertPermitted(canModerate(actor));
  const town = findTown(input.townSlug)!;
  return db.transaction((tx) => {
    const result = publishSuggestion(tx, suggestionId, actor.user.id, {
      organisation: {
        name: input.organisationName ?? input.name, kind: input.kind, staffCount: input.staffCount,
        description: input.description, townSlug: input.townSlug, postcode: input.postcode, lat: town.lat, lng: town.lng,
        areaServed: town.name, phone: input.phone, website: input.website,
      },
      service: serviceColumns(input),
    });
    if (result.ok) {
      recordAudit(tx, { actorId: actor.user.id, action: "suggestion.approved", subjectType: "suggestion", subjectId: suggestionId, detail: { serviceId: result.serviceId } });
    }
    return decided(result);
  }, { behavior: "immediate" });
}

export function rejectSuggestion(actor: Actor, suggestionId: number, reason: string): Decision {
  assertPermitted(canModerate(actor));
  return db.transaction((tx) => {
    const result = declineSuggestion(tx, suggestionId, actor.user.id, reason);
    if (result.ok) recordAudit(tx, { actorId: actor.user.id, action: "suggestion.rejected", subjectType: "suggestion", subjectId: suggestionId, detail: { reason } });
    return decided(result);
  }, { behavior: "immediate" });
}

/** The claimed fact becomes the organisation's own, and its services are re-indexed with it. */
export function verifyVettingClaim(actor: Actor, claimId: number): Decision {
  assertPermitted(canModerate(actor));
  return db.transaction((tx) => {
    const result = verifyClaim(tx, claimId, actor.user.id);
    if (result.ok) {
      recordAudit(tx, { actorId: actor.user.id, action: "vetting-claim.verified", subjectType: "vetting-claim", subjectId: claimId, detail: { organisationId: result.claim.organisationId, fact: result.claim.fact } });
      tellOrganisation(tx, result.claim.organisationId, { subject: "A fact you told us is checked on Weave", text: `A moderator has checked what you told us (${describeClaim(result.claim)}): your listings now show it as checked.` });
    }
    return decided(result.ok ? { ok: true } : result);
  }, { behavior: "immediate" });
}

export function rejectVettingClaim(actor: Actor, claimId: number, reason: string): Decision {
  assertPermitted(canModerate(actor));
  return db.transaction((tx) => {
    const result = rejectClaim(tx, claimId, actor.user.id, reason);
    if (result.ok) {
      recordAudit(tx, { actorId: actor.user.id, action: "vetting-claim.rejected", subjectType: "vetting-claim", subjectId: claimId, detail: { organisationId: result.claim.organisationId, fact: result.claim.fact, reason } });
      tellOrganisation(tx, result.claim.organisationId, { subject: "A fact you told us could not be checked on Weave", text: `A moderator could not check what you told us (${describeClaim(result.claim)}):\n\n${reason}\n\nYou can tell us again on your organisation's page.` });
    }
    return decided(result.ok ? { ok: true } : result);
  }, { behavior: "immediate" });
}

/** A new organisation becomes public: the services it has published show in search. */
export function approveNewOrganisation(actor: Actor, organisationId: number): Decision {
  assertPermitted(canModerate(actor));
  return db.transaction((tx) => {
    const result = approveOrganisation(tx, organisationId, actor.user.id);
    if (result.ok) recordAudit(tx, { actorId: actor.user.id, action: "organisation.approved", subjectType: "organisation", subjectId: organisationId });
    return decided(result);
  }, { behavior: "immediate" });
}

export function declineNewOrganisation(actor: Actor, organisationId: number, reason: string): Decision {
  assertPermitted(canModerate(actor));
  return db.transaction((tx) => {
    const result = declineOrganisation(tx, organisationId, actor.user.id, reason);
    if (result.ok) recordAudit(tx, { actorId: actor.user.id, action: "organisation.declined", subjectType: "organisation", subjectId: organisationId, detail: { reason } });
    return decided(result);
  }, { behavior: "immediate" });
}
