// A provider's new organisation waits for a moderator before anything of it is public: people
// choosing care must not find a listing nobody has looked at. Pending (or declined), its services
// can be written and "published", but search, the public pages, ordering and the Open Referral API
// read only published organisations, so they show once it is approved. Moderation calls these
// (app/moderation), never the table; the provider asks again through `askForAnotherCheck`.
import { and, asc, count, eq } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { organisations, towns } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { queueMail } from "../accounts/mail.server";
import { type Actor, assertPermitted, canManageOrganisation } from "../accounts/permissions";
import { config } from "../config.server";
import { updateOrganisation } from "./listings.server";
import { staffOf } from "./manage.server";

export type CheckResult = { ok: true } | { ok: false; reason: "not-found" | "already-reviewed" };

/** New organisations waiting for a moderator, oldest first. */
export function organisationsToCheck(limit: number, offset: number) {
  const pending = eq(organisations.status, "pending");
  const total = db.select({ n: count() }).from(organisations).where(pending).get()?.n ?? 0;
  const list = db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, townName: towns.name, createdAt: organisations.createdAt })
    .from(organisations).innerJoin(towns, eq(towns.slug, organisations.townSlug))
    .where(pending).orderBy(asc(organisations.createdAt), asc(organisations.id)).limit(limit).offset(offset).all();
  return { organisations: list, total };
}

function decide(tx: Tx, organisationId: number, moderatorId: number, to: "published" | "declined", reason: string | null): CheckResult {
  const found = tx.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!found) return { ok: false, reason: "not-found" };
  // Only a pending organisation can be decided, once: a second moderator changes nothing.
  const changed = tx.update(organisations).set({ status: to, statusReason: reason, checkedBy: moderatorId, checkedAt: new Date().toISOString() })
    .where(and(eq(organisations.id, organisationId), eq(organisations.status, "pending"))).run().changes;
  if (changed === 0) return { ok: false, reason: "already-reviewed" };
  // Its services' search documents appear (or stay away) with it.
  updateOrganisation(organisationId, {});
  tellOrganisation(tx, organisationId, to === "published"
    ? { subject: "Your organisation is approved on Weave", text: "A moderator has checked your organisation. The services you publish now show in search." }
    : { subject: "Your organisation could not be approved on Weave", text: `A moderator could not approve your organisation yet:\n\n${reason}\n\nChange its details and ask for another check on its page.` });
  return { ok: true };
}

/** Emails everyone who works for the organisation, with a link to its page (a moderator's decision). */
export function tellOrganisation(tx: Tx, organisationId: number, mail: { subject: string; text: string }) {
  const page = `${config.PUBLIC_URL}/provider/organisations/${organisationId}`;
  for (const person of staffOf(organisationId)) queueMail(tx, { to: person.email, subject: mail.subject, text: `${mail.text}\n\n${page}` });
}

export const approveOrganisation = (tx: Tx, organisationId: number, moderatorId: number) => decide(tx, organisationId, moderatorId, "published", null);
export const declineOrganisation = (tx: Tx, organisationId: number, moderatorId: number, reason: string) => decide(tx, organisationId, moderatorId, "declined", reason);

/** A declined organisation, put right, goes back to the moderators' queue; false if it was not declined. */
export function askForAnotherCheck(actor: Actor, organisationId: number): boolean {
  assertPermitted(canManageOrganisation(actor, organisationId));
  return db.transaction((tx) => {
    const asked = tx.update(organisations).set({ status: "pending" })
      .where(and(eq(organisations.id, organisationId), eq(organisations.status, "declined"))).run().changes === 1;
    if (asked) recordAudit(tx, { actorId: actor.user.id, action: "organisation.check-asked", subjectType: "organisation", subjectId: organisationId });
    return asked;
  });
}
