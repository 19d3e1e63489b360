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

/** Aggregated figures for a council area: its commissioners. Never an individual's record. */
export const canSeeArea = (actor: Actor | null, area: string) =>
  !!actor && hasRole(actor, "commissioner") && actor.areas.includes(area);
