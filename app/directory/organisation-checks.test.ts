// A provider's new organisation is not public until a moderator approves it: not in search, not on
// its public page, not orderable; approved, what it published shows; declined, it says why, and
// the provider can put it right and ask again. A decision is made once, by a moderator only.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { NotPermitted } from "../accounts/permissions";
import { db } from "../../db/client";
import { auditLog, mailOutbox, userRoles } from "../../db/schema";
import { seedDemoPeople } from "../../seeds/accounts";
import type { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll } from "../../search/outbox";
import { actorOf, seedRegion } from "../../tests/support/fixtures";
import { organisationInput, serviceInput } from "../../tests/support/listings";
import { race } from "../../tests/support/race";
import { approveNewOrganisation, declineNewOrganisation, moderationQueues } from "../moderation/moderation.server";
import { getOrganisation, getService } from "./listings.server";
import { createDraftService, editOrganisation, organisationForManaging, publishService, registerOrganisation } from "./manage.server";
import { askForAnotherCheck } from "./organisation-checks.server";

let engine: EmbeddedEngine;
let people: Awaited<ReturnType<typeof seedDemoPeople>>;

beforeEach(async () => {
  engine = await seedRegion(30);
  people = await seedDemoPeople(db);
});

const found = async (name: string) => {
  await drainAll(db, engine);
  return (await engine.search({ text: name, filters: {}, sort: "relevance", page: 1, pageSize: 10 })).hits.map((h) => h.title);
};

/** Sunita registers an organisation and publishes a service in it. */
function newProvider(name = "Sunita sits with you") {
  // Any signed-up person may register one; they are its owner from the next request.
  const registered = registerOrganisation(actorOf(people.holder), organisationInput({ name: "Sunita's Sitting Service" }));
  if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
  const sunita = actorOf(people.holder);
  const serviceId = createDraftService(sunita, registered.id, serviceInput({ name }));
  publishService(sunita, serviceId);
  return { sunita, organisationId: registered.id, serviceId };
}

const status = (id: number) => organisationForManaging(id)!.organisation.status;

describe("a new organisation waits for a moderator", () => {
  test("until approved nothing of it is public: not in search, not its page, not its published service", async () => {
    const { organisationId, serviceId } = newProvider();
    expect(status(organisationId)).toBe("pending");
    expect(await found("Sunita sits with you")).toEqual([]);
    expect(getOrganisation(organisationId)).toBeNull();
    expect(getService(serviceId)).toBeNull();
    // It is in the moderators' queue.
    expect(moderationQueues(actorOf(people.moderator), { suggestions: 1, claims: 1 }).newOrganisations.map((o) => o.id)).toContain(organisationId);

    expect(approveNewOrganisation(actorOf(people.moderator), organisationId)).toEqual({ ok: true, serviceId: null });
    expect(status(organisationId)).toBe("published");
    expect(await found("Sunita sits with you")).toEqual(["Sunita sits with you"]);
    expect(getService(serviceId)?.service.name).toBe("Sunita sits with you");
    expect(moderationQueues(actorOf(people.moderator), { suggestions: 1, claims: 1 }).newOrganisations.map((o) => o.id)).not.toContain(organisationId);
    // Its people are told by email, and the decision is audited.
    expect(db.select().from(mailOutbox).all()).toMatchObject([{ subject: "Your organisation is approved on Weave" }]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.approved")).all()).toHaveLength(1);
  });

  test("declined, it says why and stays private; put right and asked again, it can be approved", async () => {
    const { sunita, organisationId } = newProvider();
    const reason = "We could not find your business: add a website or a phone number we can ring.";
    expect(declineNewOrganisation(actorOf(people.moderator), organisationId, reason)).toMatchObject({ ok: true });
    expect(organisationForManaging(organisationId)!.organisation).toMatchObject({ status: "declined", statusReason: reason });
    expect(await found("Sunita sits with you")).toEqual([]);
    expect(db.select().from(mailOutbox).all()).toMatchObject([{ subject: "Your organisation could not be approved on Weave", body: expect.stringContaining(reason) }]);

    // Declined is decided: approving it now is refused until the provider asks again.
    expect(approveNewOrganisation(actorOf(people.moderator), organisationId)).toMatchObject({ ok: false, status: 409 });
    expect(askForAnotherCheck(sunita, organisationId)).toBe(true);
    expect(askForAnotherCheck(sunita, organisationId)).toBe(false); // already waiting
    expect(status(organisationId)).toBe("pending");
    expect(approveNewOrganisation(actorOf(people.moderator), organisationId)).toMatchObject({ ok: true });
    expect(await found("Sunita sits with you")).toEqual(["Sunita sits with you"]);
  });

  test("once approved, a new name or kind is checked again before it shows; other changes are not", async () => {
    const { sunita, organisationId } = newProvider();
    approveNewOrganisation(actorOf(people.moderator), organisationId);
    expect(editOrganisation(sunita, organisationId, organisationInput({ name: "Sunita's Sitting Service", description: "Now on Saturdays too." }))).toEqual({ ok: true, recheck: false });
    expect(status(organisationId)).toBe("published");
    expect(await found("Sunita sits with you")).toEqual(["Sunita sits with you"]);

    expect(editOrganisation(sunita, organisationId, organisationInput({ name: "Otley Home Care Ltd" }))).toEqual({ ok: true, recheck: true });
    expect(status(organisationId)).toBe("pending");
    expect(await found("Sunita sits with you")).toEqual([]);
    expect(getOrganisation(organisationId)).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.edited-recheck")).all().map((a) => a.detail))
      .toEqual([{ from: { name: "Sunita's Sitting Service", kind: "micro-enterprise" } }]);
    approveNewOrganisation(actorOf(people.moderator), organisationId);
    expect(await found("Sunita sits with you")).toEqual(["Sunita sits with you"]);
  });

  test("only moderators decide, and only the organisation's people ask again", () => {
    const { organisationId } = newProvider();
    expect(() => approveNewOrganisation(actorOf(people.provider), organisationId)).toThrow(NotPermitted);
    expect(() => declineNewOrganisation(actorOf(people.holder), organisationId, "Not real enough")).toThrow(NotPermitted);
    expect(() => askForAnotherCheck(actorOf(people.provider), organisationId)).toThrow(NotPermitted);
    expect(status(organisationId)).toBe("pending");
    expect(approveNewOrganisation(actorOf(people.moderator), 999_999)).toMatchObject({ ok: false, status: 404 });
  });

  test("two moderators deciding at the same moment: one decision stands, the other is told it was made", async () => {
    const { organisationId } = newProvider();
    const second = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('mod2@example.org', 'Second Moderator', 'x') RETURNING id").pluck().get() as number;
    db.insert(userRoles).values({ userId: second, role: "moderator" }).run();
    const results = await race<{ ok: boolean; status?: number }>("tests/support/organisation-decisions.ts", "decide", [
      [people.moderator, organisationId, "approve"], [second, organisationId, "decline"],
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409 })]);
    expect(["published", "declined"]).toContain(status(organisationId));
    expect(db.select().from(mailOutbox).all()).toHaveLength(1);
  });
});
