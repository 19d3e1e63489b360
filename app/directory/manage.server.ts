// Providers managing their own listings: registering an organisation (the creator becomes its
// owner), its staff, the facts it states, and its services from draft to published. Every change
// checks the permission rule itself (routes check first; this is the second line), runs in one
// transaction, writes an audit row and, when a listing changes, the search outbox.
//
// The writers in listings.server.ts open their own transactions; called inside ours they become
// savepoints on the same connection (better-sqlite3 nests them), so a listing change, its outbox
// row and our audit row commit together or not at all.
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "../../db/client";
import { localAuthorities, memberships, organisations, services, towns, users } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import {
  type Actor, assertPermitted, canCreateOrganisation, canEditService, canManageOrganisation, canManageStaff,
} from "../accounts/permissions";
import type { AddStaffForm, FactsInput, NewOrganisationInput, OrganisationInput, ServiceInput } from "./listing-forms";
import { serviceColumns, staffCountProblem } from "./listing-forms";
import { createOrganisation, createService, updateOrganisation, updateService, withdrawService } from "./listings.server";
import { findTown } from "./region";
import { claimsFrom } from "./vetting";
import { stateFacts } from "./vetting.server";
import { MICRO_ENTERPRISE_MAX_STAFF } from "./vocabulary";

export type Refused = { ok: false; errors: Record<string, string> };

// Reading

/** The organisations a person works for, and as what. */
export function organisationsOf(actor: Actor) {
  return db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, role: memberships.role })
    .from(memberships).innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, actor.user.id))
    .orderBy(asc(organisations.name), asc(organisations.id)).limit(100).all();
}

/** An organisation whatever its status, for its own people and moderators; null when there is none. */
export function organisationForManaging(id: number) {
  return db.select({ organisation: organisations, townName: towns.name, areaName: localAuthorities.name })
    .from(organisations)
    .innerJoin(towns, eq(towns.slug, organisations.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .where(eq(organisations.id, id)).get() ?? null;
}

export function staffOf(organisationId: number) {
  return db.select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name), asc(users.id)).limit(200).all();
}

export const MANAGED_SERVICES_PAGE = 20;

/** One page of an organisation's services in every status: drafts and unpublished ones too. */
export function servicesOf(organisationId: number, page = 1) {
  const where = eq(services.organisationId, organisationId);
  const total = db.select({ n: count() }).from(services).where(where).get()?.n ?? 0;
  const list = db.select({ id: services.id, name: services.name, status: services.status, updatedAt: services.updatedAt })
    .from(services).where(where)
    .orderBy(asc(services.name), asc(services.id))
    .limit(MANAGED_SERVICES_PAGE).offset((page - 1) * MANAGED_SERVICES_PAGE).all();
  return { services: list, total, pages: Math.max(1, Math.ceil(total / MANAGED_SERVICES_PAGE)) };
}

/** A service whatever its status, with its organisation's name; null when there is none. */
export function serviceForEditing(id: number) {
  return db.select({ service: services, organisationName: organisations.name })
    .from(services).innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(services.id, id)).get() ?? null;
}

// Organisations

function organisationColumns(input: OrganisationInput) {
  const town = findTown(input.townSlug)!;
  return {
    name: input.name, kind: input.kind, staffCount: input.staffCount, description: input.description,
    addressLine: input.addressLine, townSlug: input.townSlug, postcode: input.postcode, lat: town.lat, lng: town.lng,
    areaServed: input.areaServed, phone: input.phone, email: input.email, website: input.website,
  };
}

/** Registers an organisation with its creator as owner; it, and the facts it states, wait for a moderator. */
export function registerOrganisation(actor: Actor, input: NewOrganisationInput): { ok: true; id: number } | Refused {
  assertPermitted(canCreateOrganisation(actor));
  const problem = staffCountProblem(input.kind, input.staffCount);
  if (problem) return { ok: false, errors: { staffCount: problem } };
  return db.transaction((tx) => {
    const id = createOrganisation({ ...organisationColumns(input), status: "pending" });
    tx.insert(memberships).values({ userId: actor.user.id, organisationId: id, role: "owner" }).run();
    const claims = stateFacts(tx, id, actor.user.id, claimsFrom(input));
    recordAudit(tx, { actorId: actor.user.id, action: "organisation.created", subjectType: "organisation", subjectId: id, detail: { name: input.name, claims: claims.length } });
    return { ok: true as const, id };
  });
}

/**
 * Name, kind and contact details appear on every service's search document, so all are re-indexed.
 * A new name or kind makes it another organisation to the people choosing it: a published one goes
 * back to the moderators (ADR 014) and is not public until checked again (`recheck: true`).
 */
export function editOrganisation(actor: Actor, organisationId: number, input: OrganisationInput): { ok: true; recheck: boolean } | Refused {
  assertPermitted(canManageOrganisation(actor, organisationId));
  const problem = staffCountProblem(input.kind, input.staffCount);
  if (problem) return { ok: false, errors: { staffCount: problem } };
  return db.transaction((tx) => {
    const before = tx.select({ name: organisations.name, kind: organisations.kind, status: organisations.status }).from(organisations).where(eq(organisations.id, organisationId)).get();
    const recheck = before?.status === "published" && (before.name !== input.name || before.kind !== input.kind);
    updateOrganisation(organisationId, { ...organisationColumns(input), ...(recheck ? { status: "pending" as const, statusReason: null } : {}) });
    recordAudit(tx, { actorId: actor.user.id, action: recheck ? "organisation.edited-recheck" : "organisation.edited", subjectType: "organisation", subjectId: organisationId, detail: recheck ? { from: { name: before!.name, kind: before!.kind } } : undefined });
    return { ok: true as const, recheck };
  });
}

/** Facts stated after registering, such as a renewed insurance policy: each waits for a moderator. */
export function stateOrganisationFacts(actor: Actor, organisationId: number, facts: FactsInput): { ok: true; stated: number } | Refused {
  assertPermitted(canManageOrganisation(actor, organisationId));
  const claims = claimsFrom(facts);
  if (claims.length === 0) return { ok: false, errors: { cqcLocationId: "Enter at least one registration number, or choose at least one check" } };
  return db.transaction((tx) => {
    const ids = stateFacts(tx, organisationId, actor.user.id, claims);
    recordAudit(tx, { actorId: actor.user.id, action: "organisation.facts-stated", subjectType: "organisation", subjectId: organisationId, detail: { claims: ids } });
    return { ok: true as const, stated: ids.length };
  });
}

// Staff

/** An owner adds someone who already has a Weave account, as staff or as another owner. */
export function addStaff(actor: Actor, organisationId: number, input: z.output<typeof AddStaffForm>): { ok: true; name: string } | Refused {
  assertPermitted(canManageStaff(actor, organisationId));
  return db.transaction((tx) => {
    const person = tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, input.email)).get();
    if (!person) return { ok: false as const, errors: { email: "There is no Weave account with this email address: ask them to create one first" } };
    const existing = tx.select({ role: memberships.role }).from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, person.id))).get();
    if (existing) return { ok: false as const, errors: { email: `${person.name} already works for this organisation` } };
    const organisation = tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId)).get();
    const people = tx.select({ n: count() }).from(memberships).where(eq(memberships.organisationId, organisationId)).get()?.n ?? 0;
    if (organisation?.kind === "micro-enterprise" && people >= MICRO_ENTERPRISE_MAX_STAFF) {
      return { ok: false as const, errors: { email: `A micro-enterprise has ${MICRO_ENTERPRISE_MAX_STAFF} or fewer staff, and ${MICRO_ENTERPRISE_MAX_STAFF} people already work for this one on Weave` } };
    }
    tx.insert(memberships).values({ userId: person.id, organisationId, role: input.role }).run();
    recordAudit(tx, { actorId: actor.user.id, action: "organisation.staff-added", subjectType: "organisation", subjectId: organisationId, detail: { userId: person.id, role: input.role } });
    return { ok: true as const, name: person.name };
  }, { behavior: "immediate" });
}

/** Removes someone's access; an organisation always keeps at least one owner. */
export function removeStaff(actor: Actor, organisationId: number, userId: number): { ok: true; name: string } | Refused {
  assertPermitted(canManageStaff(actor, organisationId));
  return db.transaction((tx) => {
    const member = tx.select({ role: memberships.role, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId))).get();
    if (!member) return { ok: false as const, errors: { staff: "That person does not work for this organisation" } };
    if (member.role === "owner") {
      const owners = tx.select({ n: count() }).from(memberships)
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner"))).get()?.n ?? 0;
      if (owners <= 1) return { ok: false as const, errors: { staff: "An organisation needs at least one owner: add another owner before removing this one" } };
    }
    tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId))).run();
    recordAudit(tx, { actorId: actor.user.id, action: "organisation.staff-removed", subjectType: "organisation", subjectId: organisationId, detail: { userId } });
    return { ok: true as const, name: member.name };
  }, { behavior: "immediate" });
}

// Services

/** A new service is a draft: nobody sees it until the provider publishes it. */
export function createDraftService(actor: Actor, organisationId: number, input: ServiceInput): number {
  assertPermitted(canManageOrganisation(actor, organisationId));
  return db.transaction((tx) => {
    const id = createService({ ...serviceColumns(input), organisationId, status: "draft" });
    recordAudit(tx, { actorId: actor.user.id, action: "service.created", subjectType: "service", subjectId: id, detail: { organisationId } });
    return id;
  });
}

/** Loads the service inside the transaction and refuses unless the actor may change it. */
function changeService(actor: Actor, serviceId: number, action: string, change: (tx: Tx) => void): boolean {
  return db.transaction((tx) => {
    const service = tx.select({ organisationId: services.organisationId }).from(services).where(eq(services.id, serviceId)).get();
    if (!service) return false;
    assertPermitted(canEditService(actor, service), "You can only change your own organisation's services.");
    change(tx);
    recordAudit(tx, { actorId: actor.user.id, action, subjectType: "service", subjectId: serviceId });
    return true;
  });
}

/** Saving the details also counts as checking them. */
export const editService = (actor: Actor, serviceId: number, input: ServiceInput) =>
  changeService(actor, serviceId, "service.edited", () => updateService(serviceId, serviceColumns(input)));

export const publishService = (actor: Actor, serviceId: number) =>
  changeService(actor, serviceId, "service.published", () => updateService(serviceId, { status: "published" }));

export const unpublishService = (actor: Actor, serviceId: number) =>
  changeService(actor, serviceId, "service.unpublished", () => withdrawService(serviceId));

/** "Confirm still accurate": nothing changes but the date the listing was last checked. */
export const confirmServiceAccurate = (actor: Actor, serviceId: number) =>
  changeService(actor, serviceId, "service.confirmed", () => updateService(serviceId, { updatedAt: new Date().toISOString() }));
