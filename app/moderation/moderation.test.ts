// Moderation: suggested listings become public only when approved; facts providers state are
// "stated by the provider" until a moderator verifies them.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { canModerate, canRecordAppointee, NotPermitted } from "../accounts/permissions";
import { recordAppointee } from "../accounts/representatives.server";
import { db } from "../../db/client";
import { auditLog, mailOutbox, organisations, suggestions } from "../../db/schema";
import { seedDemoPeople } from "../../seeds/accounts";
import type { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll } from "../../search/outbox";
import { actorOf, seedRegion } from "../../tests/support/fixtures";
import { formData, organisationInput, serviceInput } from "../../tests/support/listings";
import { readForm } from "../forms";
import { listFields } from "../directory/listing-forms";
import { getOrganisation, getService } from "../directory/listings.server";
import { createDraftService, publishService, registerOrganisation, stateOrganisationFacts } from "../directory/manage.server";
import { parseSuggestion } from "../directory/suggestion";
import { getSuggestion, suggestService, writtenFromSuggestion } from "../directory/suggestions.server";
import { claimsOf, statedFacts } from "../directory/vetting.server";
import { ApproveForm, approvalValues, RejectForm } from "./forms";
import {
  approveNewOrganisation, approveSuggestion, moderationQueues, rejectSuggestion, rejectVettingClaim, verifyVettingClaim,
} from "./moderation.server";

const search = (engine: EmbeddedEngine, text: string) => engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 10 });

let engine: EmbeddedEngine;
let people: Awaited<ReturnType<typeof seedDemoPeople>>;

beforeEach(async () => {
  engine = await seedRegion(30);
  people = await seedDemoPeople(db);
});

function suggest(serviceName = "Roundhay wandering walkers") {
  const parsed = parseSuggestion({
    serviceName, organisationName: "Friends of Roundhay Park", categorySlug: "befriending", townSlug: "chapeltown",
    description: "A friendly walking group that meets at the park gates every Wednesday morning.", postcode: "ls8 2ha",
    deliveryModes: ["community"], days: ["wed"], contactPhone: "0113 496 0000", contactWebsite: "", suggesterEmail: "walker@example.org",
  });
  if (!parsed.ok) throw new Error("fixture should be valid");
  const { reference } = suggestService(parsed.suggestion);
  return Number(reference.slice(2));
}

/** The approval form as a moderator sends it: the suggestion's values, plus what they filled in. */
function approval(id: number, changes: Record<string, string | string[]> = {}) {
  const read = readForm(ApproveForm, formData({ ...approvalValues(getSuggestion(id)!), priceUnit: "free", wedFrom: "10:00", wedTo: "12:00", ...changes }), listFields);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.data;
}

describe("suggested listings", () => {
  test("an approved suggestion becomes a published organisation and service, found by search", async () => {
    const id = suggest();
    const mo = actorOf(people.moderator);
    expect(moderationQueues(mo, { suggestions: 1, claims: 1 })).toMatchObject({ suggestionTotal: 1, suggestions: [{ id, serviceName: "Roundhay wandering walkers" }] });
    await drainAll(db, engine);
    expect((await search(engine, "roundhay wandering walkers")).total).toBe(0);

    const result = approveSuggestion(mo, id, approval(id, { name: "Roundhay Park walkers", kind: "micro-enterprise", staffCount: "2" }));
    if (!result.ok) throw new Error(result.message);
    const serviceId = result.serviceId!;
    expect(getSuggestion(id)).toMatchObject({ status: "approved", serviceId, reviewedBy: people.moderator, reviewedAt: expect.any(String) });
    const listing = getService(serviceId)!;
    expect(listing.service).toMatchObject({
      name: "Roundhay Park walkers", status: "published", pricePence: 0, priceUnit: "free", postcode: "LS8 2HA",
      availability: [{ day: "wed", from: "10:00", to: "12:00" }],
    });
    expect(listing.organisation).toMatchObject({ name: "Friends of Roundhay Park", kind: "micro-enterprise", staffCount: 2, phone: "0113 496 0000", status: "published" });
    expect(writtenFromSuggestion({ serviceId })).toBe(true);
    expect(writtenFromSuggestion({ organisationId: listing.organisation.id })).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "suggestion.approved")).all()).toHaveLength(1);

    await drainAll(db, engine);
    const found = await search(engine, "roundhay park walkers");
    expect(found.hits.map((h) => h.id)).toEqual([serviceId]);
    expect(found.hits[0]).toMatchObject({ organisationKind: "micro-enterprise", townName: "Chapeltown", days: ["wed"] });
    expect(moderationQueues(mo, { suggestions: 1, claims: 1 }).suggestionTotal).toBe(0);
  });

  test("a suggestion can be dealt with once: approving again changes nothing", () => {
    const id = suggest();
    const mo = actorOf(people.moderator);
    expect(approveSuggestion(mo, id, approval(id))).toMatchObject({ ok: true });
    expect(approveSuggestion(mo, id, approval(id))).toMatchObject({ ok: false, status: 409 });
    expect(rejectSuggestion(mo, id, "Changed my mind about this one")).toMatchObject({ ok: false, status: 409 });
    expect(db.select().from(organisations).where(eq(organisations.name, "Friends of Roundhay Park")).all()).toHaveLength(1);
    expect(approveSuggestion(mo, 999_999, approval(id))).toMatchObject({ ok: false, status: 404 });
  });

  test("a rejected suggestion keeps the reason and never reaches search", async () => {
    const id = suggest();
    expect(readForm(RejectForm, formData({ reason: "" }))).toMatchObject({ ok: false, errors: { reason: "Give the reason, so it can be explained to whoever sent it" } });
    expect(rejectSuggestion(actorOf(people.moderator), id, "This is a private club, not open to the public.")).toEqual({ ok: true, serviceId: null });
    expect(getSuggestion(id)).toMatchObject({ status: "rejected", reviewNote: "This is a private club, not open to the public.", reviewedBy: people.moderator, serviceId: null });
    await drainAll(db, engine);
    expect((await search(engine, "roundhay wandering walkers")).total).toBe(0);
  });

  test("the approval form holds the micro-enterprise rule and the service rules", () => {
    const id = suggest();
    const read = readForm(ApproveForm, formData({ ...approvalValues(getSuggestion(id)!), kind: "micro-enterprise", staffCount: "" }), listFields);
    expect(read).toMatchObject({ ok: false, errors: {
      staffCount: "A micro-enterprise has between 1 and 5 staff. If you have more, choose another kind of organisation",
      priceUnit: "Choose what the price is for, or Free",
    } });
  });

  test("only moderators can deal with suggestions", () => {
    const id = suggest();
    const dev = actorOf(people.provider);
    expect(canModerate(dev)).toBe(false);
    expect(canModerate(actorOf(people.admin))).toBe(true);
    expect(() => approveSuggestion(dev, id, approval(id))).toThrow(NotPermitted);
    expect(() => rejectSuggestion(dev, id, "Not a real service, sorry")).toThrow(NotPermitted);
    expect(() => moderationQueues(dev, { suggestions: 1, claims: 1 })).toThrow(NotPermitted);
    expect(getSuggestion(id)!.status).toBe("pending");
  });
});

describe("vetting facts providers state", () => {
  async function statedOrganisation() {
    const dev = actorOf(people.provider);
    const created = registerOrganisation(dev, organisationInput({ checks: ["dbs-checked", "insurance"], insuranceExpiresOn: "2099-03-31" }));
    if (!created.ok) throw new Error("should register");
    const owner = actorOf(people.provider);
    const serviceId = createDraftService(owner, created.id, serviceInput());
    publishService(owner, serviceId);
    // The organisation itself is approved; the facts it states are checked one by one.
    approveNewOrganisation(actorOf(people.moderator), created.id);
    await drainAll(db, engine);
    return { organisationId: created.id, serviceId };
  }

  test("show as stated by the provider until a moderator verifies them; verified, they are the organisation's own", async () => {
    const { organisationId } = await statedOrganisation();
    expect(statedFacts(organisationId).map((c) => c.fact)).toEqual(["dbs-checked", "insurance"]);
    expect(getOrganisation(organisationId)!.organisation).toMatchObject({ dbsChecked: false, insured: false });
    expect((await search(engine, "wharfedale garden helpers")).hits[0]!.vetting).toMatchObject({ dbsChecked: false, insured: false });

    const mo = actorOf(people.moderator);
    const { claims } = moderationQueues(mo, { suggestions: 1, claims: 1 });
    const [dbs, insurance] = claims.map((c) => c.claim.id);
    expect(verifyVettingClaim(mo, dbs!)).toMatchObject({ ok: true });
    expect(rejectVettingClaim(mo, insurance!, "The certificate sent ended in 2023; send the current one.")).toMatchObject({ ok: true });
    // The organisation's people are told of each decision by email, with the reason for a rejection.
    const told = db.select().from(mailOutbox).all().filter((m) => m.subject.includes("A fact you told us"));
    expect(told.map((m) => [m.toAddress, m.subject])).toEqual([
      ["dev@example.org", "A fact you told us is checked on Weave"],
      ["dev@example.org", "A fact you told us could not be checked on Weave"],
    ]);
    expect(told[1]!.body).toContain("The certificate sent ended in 2023; send the current one.");

    expect(statedFacts(organisationId)).toEqual([]);
    expect(getOrganisation(organisationId)!.organisation).toMatchObject({ dbsChecked: true, insured: false, insuranceExpiresOn: null });
    expect(claimsOf(organisationId).map((c) => [c.fact, c.status, c.reason])).toEqual([
      ["insurance", "rejected", "The certificate sent ended in 2023; send the current one."],
      ["dbs-checked", "verified", null],
    ]);
    await drainAll(db, engine);
    expect((await search(engine, "wharfedale garden helpers")).hits[0]!.vetting).toMatchObject({ dbsChecked: true, insured: false });
    expect(verifyVettingClaim(mo, dbs!)).toMatchObject({ ok: false, status: 409 });
  });

  test("a verified insurance claim records when the policy ends; stating it again changes nothing", async () => {
    const { organisationId } = await statedOrganisation();
    const mo = actorOf(people.moderator);
    const insurance = claimsOf(organisationId).find((c) => c.fact === "insurance")!;
    verifyVettingClaim(mo, insurance.id);
    expect(getOrganisation(organisationId)!.organisation).toMatchObject({ insured: true, insuranceExpiresOn: "2099-03-31" });
    const again = stateOrganisationFacts(actorOf(people.provider), organisationId, {
      cqcLocationId: null, charityNumber: null, companyNumber: null, checks: ["insurance"], insuranceExpiresOn: "2099-03-31",
    });
    expect(again).toEqual({ ok: true, stated: 0 });
    expect(statedFacts(organisationId).map((c) => c.fact)).toEqual(["dbs-checked"]);
  });

  test("only moderators verify or reject claims", async () => {
    const { organisationId } = await statedOrganisation();
    const claim = claimsOf(organisationId)[0]!;
    const dev = actorOf(people.provider);
    expect(() => verifyVettingClaim(dev, claim.id)).toThrow(NotPermitted);
    expect(() => rejectVettingClaim(dev, claim.id, "Not allowed to do this")).toThrow(NotPermitted);
    expect(statedFacts(organisationId)).toHaveLength(2);
  });
});

describe("appointees", () => {
  test("only a moderator or admin can record one, and the legal basis is kept", () => {
    const input = {
      holderEmail: "brian@example.org", representativeEmail: "carol@example.org", relationship: "Sister",
      legalBasis: "DWP appointeeship, reference AP-123456, letter dated 2 May 2025",
    };
    expect(canRecordAppointee(actorOf(people.provider))).toBe(false);
    expect(() => recordAppointee(actorOf(people.provider), input)).toThrow(NotPermitted);
    expect(recordAppointee(actorOf(people.moderator), input)).toEqual({ ok: true, holderName: "Brian Walsh", appointeeName: "Carol Hussain" });
    expect(actorOf(people.representative).represents).toContain(people.holder2);
  });
});

test("approving a suggestion does not touch suggestions still waiting", () => {
  const first = suggest("First walkers");
  const second = suggest("Second walkers");
  approveSuggestion(actorOf(people.moderator), first, approval(first));
  expect(db.select({ id: suggestions.id, status: suggestions.status }).from(suggestions).all())
    .toEqual([{ id: first, status: "approved" }, { id: second, status: "pending" }]);
});
