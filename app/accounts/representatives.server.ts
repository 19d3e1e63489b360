// Representatives: family members, carers or appointees who act for a budget holder. The
// holder invites by an emailed code and can revoke at any moment; a moderator can record an
// appointee with the legal basis. Every step is audited against the holder's record.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { db } from "../../db/client";
import { representativeGrants, representativeInvites, users } from "../../db/schema/accounts";
import { recordAudit } from "./audit.server";
import { newCode, normaliseCode, sha256 } from "./crypto.server";
import { queueMail } from "./mail.server";
import type { AcceptForm, AppointeeForm, InviteForm } from "./forms";
import { type Actor, assertPermitted, canRecordAppointee } from "./permissions";

const INVITE_DAYS = 7;

export async function inviteRepresentative(holder: Actor, input: z.output<typeof InviteForm>) {
  if (input.email === holder.user.email) return { ok: false as const, errors: { email: "Enter someone else's email address, not your own" } };
  const code = newCode();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  db.transaction((tx) => {
    const invite = tx.insert(representativeInvites).values({
      holderId: holder.user.id, email: input.email, relationship: input.relationship, codeHash: sha256(normaliseCode(code)),
      expiresAt: expiresAt.toISOString(),
    }).returning({ id: representativeInvites.id }).get();
    recordAudit(tx, { actorId: holder.user.id, personId: holder.user.id, action: "representative.invited", subjectType: "invite", subjectId: invite.id, detail: { email: input.email } });
    queueMail(tx, {
      to: input.email,
      subject: `${holder.user.name} has asked you to help them on Weave`,
      text: `${holder.user.name} would like you to be able to see and help with their support on Weave, as their ${input.relationship.toLowerCase()}.\n\nLog in or create an account with this email address, go to "People you act for" and enter this code within ${INVITE_DAYS} days:\n\n${code}\n\nIf you were not expecting this, you can ignore this email.`,
    }, expiresAt);
  });
  return { ok: true as const, code };
}

/** Accepting needs the code and an account with the address it was sent to. */
export function acceptInvite(actor: Actor, code: string) {
  return db.transaction((tx) => {
    const invite = tx.select().from(representativeInvites).where(and(
      eq(representativeInvites.codeHash, sha256(normaliseCode(code))), isNull(representativeInvites.acceptedAt),
      isNull(representativeInvites.cancelledAt), gt(representativeInvites.expiresAt, new Date().toISOString()),
    )).get();
    if (!invite || invite.email !== actor.user.email) {
      return { ok: false as const, errors: { code: "This code is not right, has expired, or was sent to a different email address" } };
    }
    tx.update(representativeInvites).set({ acceptedAt: new Date().toISOString(), acceptedBy: actor.user.id }).where(eq(representativeInvites.id, invite.id)).run();
    const grant = tx.insert(representativeGrants).values({
      holderId: invite.holderId, representativeId: actor.user.id, relationship: invite.relationship, basis: "consent", grantedBy: invite.holderId,
    }).returning({ id: representativeGrants.id }).get();
    recordAudit(tx, { actorId: actor.user.id, personId: invite.holderId, action: "representative.accepted", subjectType: "grant", subjectId: grant.id });
    return { ok: true as const, holderId: invite.holderId };
  }, { behavior: "immediate" });
}

/** Ends a representative's access at once: by the holder, or by a moderator. */
export function revokeGrant(actor: Actor, grantId: number, asModerator = false) {
  return db.transaction((tx) => {
    const grant = tx.select().from(representativeGrants).where(eq(representativeGrants.id, grantId)).get();
    if (!grant || (grant.holderId !== actor.user.id && !asModerator)) return false;
    tx.update(representativeGrants).set({ revokedAt: new Date().toISOString(), revokedBy: actor.user.id })
      .where(and(eq(representativeGrants.id, grantId), isNull(representativeGrants.revokedAt))).run();
    recordAudit(tx, { actorId: actor.user.id, personId: grant.holderId, action: "representative.revoked", subjectType: "grant", subjectId: grantId });
    return true;
  });
}

export function cancelInvite(holder: Actor, inviteId: number) {
  return db.transaction((tx) => {
    const done = tx.update(representativeInvites).set({ cancelledAt: new Date().toISOString() })
      .where(and(eq(representativeInvites.id, inviteId), eq(representativeInvites.holderId, holder.user.id), isNull(representativeInvites.acceptedAt))).run();
    if (done.changes) recordAudit(tx, { actorId: holder.user.id, personId: holder.user.id, action: "representative.invite-cancelled", subjectType: "invite", subjectId: inviteId });
    return done.changes > 0;
  });
}

export function recordAppointee(moderator: Actor, input: z.output<typeof AppointeeForm>) {
  assertPermitted(canRecordAppointee(moderator), "Only moderators can record an appointee.");
  return db.transaction((tx) => {
    const holder = tx.select().from(users).where(eq(users.email, input.holderEmail)).get();
    const appointee = tx.select().from(users).where(eq(users.email, input.representativeEmail)).get();
    const errors: Record<string, string> = {};
    if (!holder) errors.holderEmail = "There is no account with this email address";
    if (!appointee) errors.representativeEmail = "There is no account with this email address: ask the appointee to create one first";
    if (holder && appointee && holder.id === appointee.id) errors.representativeEmail = "The appointee must be a different person";
    if (!holder || !appointee || Object.keys(errors).length) return { ok: false as const, errors };
    const grant = tx.insert(representativeGrants).values({
      holderId: holder.id, representativeId: appointee.id, relationship: input.relationship, basis: "appointee",
      legalBasis: input.legalBasis, grantedBy: moderator.user.id,
    }).returning({ id: representativeGrants.id }).get();
    recordAudit(tx, { actorId: moderator.user.id, personId: holder.id, action: "representative.appointee-recorded", subjectType: "grant", subjectId: grant.id, detail: { legalBasis: input.legalBasis } });
    return { ok: true as const, holderName: holder.name, appointeeName: appointee.name };
  });
}

export function representativesOf(holderId: number) {
  const grants = db.select({ grant: representativeGrants, name: users.name, email: users.email })
    .from(representativeGrants).innerJoin(users, eq(users.id, representativeGrants.representativeId))
    .where(and(eq(representativeGrants.holderId, holderId), isNull(representativeGrants.revokedAt)))
    .orderBy(desc(representativeGrants.grantedAt)).limit(100).all();
  const invites = db.select().from(representativeInvites).where(and(
    eq(representativeInvites.holderId, holderId), isNull(representativeInvites.acceptedAt), isNull(representativeInvites.cancelledAt),
    gt(representativeInvites.expiresAt, new Date().toISOString()),
  )).orderBy(desc(representativeInvites.createdAt)).limit(100).all();
  return { grants, invites };
}

export function peopleRepresentedBy(representativeId: number) {
  return db.select({ grant: representativeGrants, name: users.name })
    .from(representativeGrants).innerJoin(users, eq(users.id, representativeGrants.holderId))
    .where(and(eq(representativeGrants.representativeId, representativeId), isNull(representativeGrants.revokedAt)))
    .orderBy(users.name).limit(100).all();
}

/** A person's record as someone allowed to see it; a view by anyone else is audited. */
export function viewPerson(actor: Actor, personId: number) {
  return db.transaction((tx) => {
    const person = tx.select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
      .from(users).where(eq(users.id, personId)).get();
    if (!person) return null;
    if (actor.user.id !== personId) {
      recordAudit(tx, { actorId: actor.user.id, personId, action: "person.viewed", subjectType: "person", subjectId: personId });
    }
    return person;
  });
}
