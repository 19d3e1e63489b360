// Providers managing their own listings: who may change what, what reaches search, and the
// micro-enterprise rule.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { canEditService, canManageOrganisation, canManageStaff, NotPermitted } from "../accounts/permissions";
import { db } from "../../db/client";
import { auditLog, memberships, organisations } from "../../db/schema";
import { seedDemoPeople } from "../../seeds/accounts";
import type { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll } from "../../search/outbox";
import { actorOf, seedRegion } from "../../tests/support/fixtures";
import { formData, organisationInput, readOrganisation, readService, serviceInput } from "../../tests/support/listings";
import { readForm } from "../forms";
import { checkedAgo, isStale } from "./format";
import { AddStaffForm } from "./listing-forms";
import { getOrganisation, getService, updateOrganisation, updateService } from "./listings.server";
import {
  addStaff, confirmServiceAccurate, createDraftService, editOrganisation, editService, organisationForManaging, organisationsOf, publishService,
  registerOrganisation, removeStaff, serviceForEditing, staffOf, stateOrganisationFacts, unpublishService,
} from "./manage.server";
import { lapseEndedInsurance, statedFacts } from "./vetting.server";

const search = (engine: EmbeddedEngine, text: string) => engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 10 });

let engine: EmbeddedEngine;
let people: Awaited<ReturnType<typeof seedDemoPeople>>;
let orgA: number;
let orgB: number;

beforeEach(async () => {
  engine = await seedRegion(30);
  people = await seedDemoPeople(db);
  const owned = (userId: number) => db.select().from(memberships).where(eq(memberships.userId, userId)).get()!.organisationId;
  orgA = owned(people.provider);
  orgB = owned(people.provider2);
});

describe("who may change an organisation's listings", () => {
  test("staff of one organisation cannot change another's services or staff", () => {
    const dev = actorOf(people.provider);
    const erin = actorOf(people.provider2);
    const theirs = createDraftService(erin, orgB, serviceInput());

    // The rules, as routes ask them.
    expect(canManageOrganisation(dev, orgB)).toBe(false);
    expect(canEditService(dev, { organisationId: orgB })).toBe(false);
    expect(canManageStaff(dev, orgB)).toBe(false);
    expect(canEditService(erin, { organisationId: orgB })).toBe(true);

    // And the capability itself, in case a route forgets to ask.
    const attempts = [
      () => editService(dev, theirs, serviceInput({ name: "Taken over" })),
      () => publishService(dev, theirs),
      () => unpublishService(dev, theirs),
      () => confirmServiceAccurate(dev, theirs),
      () => createDraftService(dev, orgB, serviceInput()),
      () => addStaff(dev, orgB, { email: "dev@example.org", role: "owner" }),
      () => removeStaff(dev, orgB, people.provider2),
      () => stateOrganisationFacts(dev, orgB, { cqcLocationId: null, charityNumber: null, companyNumber: null, checks: ["dbs-checked"], insuranceExpiresOn: "" }),
      () => editOrganisation(dev, orgB, { ...organisationInput(), name: "Renamed" }),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(NotPermitted);

    expect(serviceForEditing(theirs)!.service).toMatchObject({ name: "Wharfedale garden helpers", status: "draft" });
    expect(staffOf(orgB).map((s) => s.email)).toEqual(["erin@example.org"]);
    expect(statedFacts(orgB)).toEqual([]);
    expect(db.select().from(organisations).where(eq(organisations.id, orgB)).get()!.name).not.toBe("Renamed");
  });

  test("staff can change their organisation's services, but only owners add or remove people", () => {
    const dev = actorOf(people.provider);
    expect(addStaff(dev, orgA, { email: "carol@example.org", role: "staff" })).toEqual({ ok: true, name: "Carol Hussain" });
    const carol = actorOf(people.representative);
    expect(carol.organisations).toEqual([{ id: orgA, role: "staff" }]);
    const id = createDraftService(carol, orgA, serviceInput());
    expect(editService(carol, id, serviceInput({ name: "Garden helpers of Otley" }))).toBe(true);
    expect(serviceForEditing(id)!.service.name).toBe("Garden helpers of Otley");
    expect(() => addStaff(carol, orgA, { email: "brian@example.org", role: "staff" })).toThrow(NotPermitted);
    expect(() => removeStaff(carol, orgA, people.provider)).toThrow(NotPermitted);
  });

  test("adding staff needs an existing account, once; an organisation keeps at least one owner", () => {
    const dev = actorOf(people.provider);
    expect(addStaff(dev, orgA, { email: "nobody@example.org", role: "staff" }))
      .toEqual({ ok: false, errors: { email: "There is no Weave account with this email address: ask them to create one first" } });
    expect(addStaff(dev, orgA, { email: "erin@example.org", role: "owner" })).toMatchObject({ ok: true });
    expect(addStaff(dev, orgA, { email: "erin@example.org", role: "staff" }))
      .toEqual({ ok: false, errors: { email: "Erin Clarke already works for this organisation" } });
    expect(removeStaff(dev, orgA, people.provider2)).toEqual({ ok: true, name: "Erin Clarke" });
    expect(removeStaff(dev, orgA, people.provider))
      .toEqual({ ok: false, errors: { staff: "An organisation needs at least one owner: add another owner before removing this one" } });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "organisation.staff-added")).all()).toHaveLength(1);
  });

  test("the staff form says what is wrong", () => {
    expect(readForm(AddStaffForm, formData({ email: "not an email", role: "boss" }))).toMatchObject({
      ok: false, errors: { email: "Enter an email address like name@example.com", role: "Choose what they can do" },
    });
  });
});

describe("services from draft to search", () => {
  test("a new service is a draft; published it is found by search, unpublished it is not", async () => {
    const dev = actorOf(people.provider);
    const id = createDraftService(dev, orgA, serviceInput());
    await drainAll(db, engine);
    expect((await search(engine, "wharfedale garden helpers")).total).toBe(0);
    expect(getService(id)).toBeNull();

    expect(publishService(dev, id)).toBe(true);
    await drainAll(db, engine);
    const found = await search(engine, "wharfedale garden helpers");
    expect(found.hits.map((h) => h.id)).toEqual([id]);
    expect(found.hits[0]).toMatchObject({ pricePence: 1850, priceUnit: "hour", days: ["mon", "thu"], payment: ["direct-payment", "self-funded"] });
    expect(getService(id)!.service).toMatchObject({
      availability: [{ day: "mon", from: "09:00", to: "17:00" }, { day: "thu", from: "10:00", to: "14:30" }],
      postcode: "LS21 1AB", capacityFree: 3, languages: ["English", "Polish"], radiusMiles: 8,
    });

    expect(editService(dev, id, serviceInput({ name: "Wharfedale hedge cutters" }))).toBe(true);
    await drainAll(db, engine);
    expect((await search(engine, "hedge cutters")).hits.map((h) => h.id)).toEqual([id]);

    expect(unpublishService(dev, id)).toBe(true);
    await drainAll(db, engine);
    expect((await search(engine, "hedge cutters")).total).toBe(0);
    expect(getService(id)).toBeNull();
    expect(serviceForEditing(id)!.service.status).toBe("withdrawn");
  });

  test("confirming a listing is still accurate resets its checked date, in search too", async () => {
    const dev = actorOf(people.provider);
    const id = createDraftService(dev, orgA, serviceInput());
    publishService(dev, id);
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    updateService(id, { updatedAt: longAgo });
    await drainAll(db, engine);
    expect(isStale((await search(engine, "wharfedale garden helpers")).hits[0]!.updatedAt)).toBe(true);

    expect(confirmServiceAccurate(dev, id)).toBe(true);
    const { service } = serviceForEditing(id)!;
    expect(checkedAgo(service.updatedAt)).toBe("Checked today");
    expect(service.name).toBe("Wharfedale garden helpers");
    await drainAll(db, engine);
    const hit = (await search(engine, "wharfedale garden helpers")).hits[0]!;
    expect(isStale(hit.updatedAt)).toBe(false);
    expect(checkedAgo(hit.updatedAt)).toBe("Checked today");
  });

  test("an unknown service is not changed, and says so", () => {
    expect(publishService(actorOf(people.admin), 999_999)).toBe(false);
  });
});

describe("the service form", () => {
  test("says what is wrong with each field, in the order of the form", () => {
    const read = readService({
      name: "", price: "lots", deliveryModes: [], monFrom: "9:00", monTo: "", tueFrom: "14:00", tueTo: "12:00",
      wedFrom: "25:00", capacityFree: "some", languages: [], radiusMiles: "500", postcode: "nowhere",
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({
      name: "Enter the name of the service",
      price: "Enter the price in pounds and pence, like 18.50",
      deliveryModes: "Choose where the service happens",
      monTo: "Enter the time it finishes on Monday",
      tueTo: "The finishing time on Tuesday must be after the start time",
      wedFrom: "Enter a time like 09:30, or leave it blank",
      capacityFree: "Enter the number of free places as a whole number, or leave it blank",
      languages: "Choose at least one language it is offered in",
      postcode: "Enter a postcode like LS6 3AA, or leave it blank",
      radiusMiles: "Enter how far you travel as a whole number of miles from 0 to 100",
    });
  });

  test("a free service has no price, and a paid one needs a price and a way to pay", () => {
    expect(readService({ priceUnit: "free", price: "5" }))
      .toMatchObject({ ok: false, errors: { price: "A free service has no price: leave the price blank, or choose what the price is for" } });
    expect(readService({ price: "", paymentRoutes: [] }))
      .toMatchObject({ ok: false, errors: { price: "Enter the price, like 18.50", paymentRoutes: "Choose at least one way people can pay" } });
    expect(serviceInput({ priceUnit: "free", price: "", paymentRoutes: [] })).toMatchObject({ priceUnit: "free", price: null });
  });
});

describe("registering an organisation", () => {
  const register = readOrganisation;

  test("makes its creator the owner, and the facts it states wait for a moderator", () => {
    const read = register({ kind: "provider", staffCount: "12", charityNumber: "1234567", checks: ["dbs-checked", "insurance"], insuranceExpiresOn: "31/3/2099" });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const newcomer = actorOf(people.holder);
    const result = registerOrganisation(newcomer, read.data);
    if (!result.ok) throw new Error("should register");
    expect(organisationsOf(actorOf(people.holder))).toEqual([{ id: result.id, name: "Otley Garden Helpers", kind: "provider", role: "owner" }]);
    // Not public until a moderator has checked it (organisation-checks.test.ts).
    expect(getOrganisation(result.id)).toBeNull();
    const organisation = organisationForManaging(result.id)!.organisation;
    expect(organisation).toMatchObject({ status: "pending", charityNumber: null, dbsChecked: false, insured: false, insuranceExpiresOn: null });
    expect(statedFacts(result.id)).toEqual([
      { fact: "charity-number", value: "1234567", expiresOn: null },
      { fact: "dbs-checked", value: null, expiresOn: null },
      { fact: "insurance", value: null, expiresOn: "2099-03-31" },
    ]);
  });

  test("a micro-enterprise has one to five staff", () => {
    const problem = "A micro-enterprise has between 1 and 5 staff. If you have more, choose another kind of organisation";
    expect(register({ staffCount: "6" })).toMatchObject({ ok: false, errors: { staffCount: problem } });
    expect(register({ staffCount: "0" })).toMatchObject({ ok: false, errors: { staffCount: problem } });
    expect(register({ staffCount: "5" })).toMatchObject({ ok: true });
    expect(register({ kind: "provider", staffCount: "6" })).toMatchObject({ ok: true });

    // The capability holds the rule too, and an edit cannot break it.
    const read = register({ staffCount: "5" });
    if (!read.ok) throw new Error("should be valid");
    const dev = actorOf(people.provider);
    expect(registerOrganisation(dev, { ...read.data, staffCount: 6 })).toEqual({ ok: false, errors: { staffCount: problem } });
    const created = registerOrganisation(dev, read.data);
    if (!created.ok) throw new Error("should register");
    expect(editOrganisation(actorOf(people.provider), created.id, { ...read.data, staffCount: 7 })).toEqual({ ok: false, errors: { staffCount: problem } });
  });

  test("a micro-enterprise cannot have more than five people working for it on Weave", () => {
    const read = register();
    if (!read.ok) throw new Error("should be valid");
    const created = registerOrganisation(actorOf(people.provider), read.data);
    if (!created.ok) throw new Error("should register");
    const owner = actorOf(people.provider);
    for (const email of ["amina@example.org", "brian@example.org", "carol@example.org", "erin@example.org"]) {
      expect(addStaff(owner, created.id, { email, role: "staff" })).toMatchObject({ ok: true });
    }
    expect(addStaff(owner, created.id, { email: "femi@example.org", role: "staff" })).toEqual({
      ok: false, errors: { email: "A micro-enterprise has 5 or fewer staff, and 5 people already work for this one on Weave" },
    });
  });

  test("insurance needs a real end date in the future, and registration numbers their usual shape", () => {
    expect(register({ checks: ["insurance"] })).toMatchObject({ ok: false, errors: { insuranceExpiresOn: "Enter the date your insurance ends" } });
    expect(register({ checks: ["insurance"], insuranceExpiresOn: "31/2/2099" }))
      .toMatchObject({ ok: false, errors: { insuranceExpiresOn: "Enter the date your insurance ends as a real date, like 31/3/2027" } });
    expect(register({ checks: ["insurance"], insuranceExpiresOn: "1/1/2020" }))
      .toMatchObject({ ok: false, errors: { insuranceExpiresOn: "The date your insurance ends must be in the future: enter the date your current policy ends" } });
    expect(register({ cqcLocationId: "12345", companyNumber: "123" })).toMatchObject({
      ok: false, errors: {
        cqcLocationId: "Enter a CQC location ID like 1-123456789, or leave it blank",
        companyNumber: "Enter a company number of 8 characters, like 01234567 or SC123456, or leave it blank",
      },
    });
    expect(register({ companyNumber: "sc 123456", cqcLocationId: "1-123456789" })).toMatchObject({ ok: true, data: { companyNumber: "SC123456", cqcLocationId: "1-123456789" } });
  });
});

describe("insurance that has ended", () => {
  test("stops showing as insured, on the organisation and in search, the day after its policy ends; a policy ending today still counts", async () => {
    const dev = actorOf(people.provider);
    const id = createDraftService(dev, orgA, serviceInput());
    publishService(dev, id);
    const erin = actorOf(people.provider2);
    const theirs = createDraftService(erin, orgB, serviceInput({ name: "Wharfedale hedge cutters" }));
    publishService(erin, theirs);
    updateOrganisation(orgA, { insured: true, insuranceExpiresOn: "2027-03-31" });
    updateOrganisation(orgB, { insured: true, insuranceExpiresOn: "2027-04-01" });
    await drainAll(db, engine);
    const insured = async (text: string) => (await search(engine, text)).hits[0]!.vetting.insured;
    expect(await insured("wharfedale garden helpers")).toBe(true);

    expect(lapseEndedInsurance("2027-04-01")).toEqual([orgA]);
    expect(lapseEndedInsurance("2027-04-01")).toEqual([]); // nothing more to do
    await drainAll(db, engine);
    expect(db.select().from(organisations).where(eq(organisations.id, orgA)).get()).toMatchObject({ insured: false, insuranceExpiresOn: "2027-03-31" });
    expect(await insured("wharfedale garden helpers")).toBe(false);
    expect(await insured("hedge cutters")).toBe(true);
  });
});
