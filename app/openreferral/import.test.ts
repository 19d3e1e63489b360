// Importing HSDS 3.0 services: the round trip through our own API into an empty database,
// re-imports that update instead of copying, other directories' records, and records we refuse.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, openDatabase, type Db } from "../../db/client";
import { organisations, searchOutbox, services, towns } from "../../db/schema";
import { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll } from "../../search/outbox";
import { seedRegion } from "../../tests/support/fixtures";
import { example } from "../../tests/support/hsds";
import { apiFetch, apiGet, ORIGIN } from "../../tests/support/openreferral-api";
import { convertService } from "./hsds-input";
import { serviceUuid } from "./mapping";
import { importServices } from "./import.server";
import { fromApi } from "./source";
import { termId } from "./taxonomies";

const run = promisify(execFile);
let engine: EmbeddedEngine;
let exported: any[] = [];

beforeAll(async () => {
  engine = await seedRegion(120);
  // Some of the facts that only some listings have, so the round trip carries them too.
  const [first, second] = db.select().from(organisations).orderBy(asc(organisations.id)).limit(2).all();
  db.update(organisations).set({ charityNumber: "1234567", companyNumber: "07654321" }).where(eq(organisations.id, first!.id)).run();
  db.update(organisations).set({ cqcLocationId: "1-555000111", cqcRating: "Outstanding", cqcRatingDate: "2025-03-01" }).where(eq(organisations.id, second!.id)).run();
  // The export: what any consumer harvesting the API would collect.
  for await (const batch of fromApi(`${ORIGIN}/openreferral`, { fetcher: apiFetch, perPage: 25 })) exported.push(...batch);
});

/** The directory as people see it: every published organisation and service, by its content, not its ids. */
function directory(d: Db) {
  const rows = d.select({ s: services, o: organisations, area: towns.areaSlug })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .where(and(eq(services.status, "published"), eq(organisations.status, "published"))).all();
  return rows.map(({ s, o, area }) => ({
    organisation: {
      name: o.name, kind: o.kind, description: o.description, phone: o.phone, email: o.email, website: o.website, addressLine: o.addressLine,
      town: o.townSlug, postcode: o.postcode, lat: o.lat, lng: o.lng, areaServed: o.areaServed, cqcLocationId: o.cqcLocationId,
      cqcRating: o.cqcRating, cqcRatingDate: o.cqcRatingDate, charityNumber: o.charityNumber, companyNumber: o.companyNumber,
      dbsChecked: o.dbsChecked, insured: o.insured, safeguardingTrained: o.safeguardingTrained,
    },
    service: {
      name: s.name, category: s.categorySlug, description: s.description, pricePence: s.pricePence, priceUnit: s.priceUnit,
      deliveryModes: s.deliveryModes, availability: s.availability, accessibility: s.accessibility, languages: s.languages,
      paymentRoutes: s.paymentRoutes, town: s.townSlug, area, postcode: s.postcode, lat: s.lat, lng: s.lng, radiusMiles: s.radiusMiles,
      checked: s.updatedAt.slice(0, 10),
    },
  })).sort((a, b) => `${a.organisation.name}|${a.service.name}|${a.service.lat}`.localeCompare(`${b.organisation.name}|${b.service.name}|${b.service.lat}`));
}

describe("round trip", () => {
  test("the harvest collects every published service in full", () => {
    expect(exported.length).toBe(directory(db).length);
    expect(exported.every((s) => Array.isArray(s.service_at_locations) && s.organization.locations)).toBe(true);
  });

  test("exported through the API and imported into an empty database, the directory is the same and searchable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weave-roundtrip-"));
    const file = join(dir, "export.json");
    writeFileSync(file, JSON.stringify(exported));
    const target = join(dir, "empty.db");
    copyFileSync(join(process.env.WEAVE_TEST_RUN_DIR!, "template.db"), target);

    const { stdout } = await run(process.execPath, ["--import", "tsx", "app/openreferral/cli.ts", "openreferral", file], {
      env: { ...process.env, DATABASE_PATH: target, SEARCH_ENGINE: "embedded" },
    });
    expect(stdout).toMatch(/… 100 record\(s\) read/); // progress per batch
    expect(stdout).toContain(`Read ${exported.length} record(s): ${exported.length} service(s) added, 0 updated, 0 withdrawn;`);
    expect(stdout).toContain("0 skipped");

    const imported = openDatabase(target);
    try {
      expect(directory(imported)).toEqual(directory(db));
      // Imported services reached the search index, through the outbox.
      expect(imported.select().from(searchOutbox).where(isNull(searchOutbox.doneAt)).all()).toEqual([]);
      const name = exported[7].name as string;
      const found = await new EmbeddedEngine(imported.$client).search({ text: name, filters: {}, sort: "relevance", page: 1, pageSize: 50 });
      expect(found.hits.map((h) => h.title)).toContain(name);
    } finally {
      imported.$client.close();
    }
  });
});

const aRecord = (over: Record<string, unknown> = {}) => ({ ...structuredClone(exported[0]), ...over });

describe("importing into a directory that has data", () => {
  test("re-importing updates the same rows instead of adding copies", async () => {
    const records = exported.slice(0, 12).map((r) => ({ ...structuredClone(r), id: crypto.randomUUID(), organization: { ...structuredClone(r.organization), id: crypto.randomUUID() } }));
    // Share one organisation between two services, as real data does.
    records[1]!.organization = records[0]!.organization;
    const before = db.select().from(services).all().length;
    const first = await importServices([records.slice(0, 6), records.slice(6)]);
    expect(first).toMatchObject({ read: 12, created: 12, updated: 0, organisationsCreated: 11, skipped: [] });
    expect(db.select().from(services).all().length).toBe(before + 12);

    records[3]!.name = "Renamed by the other directory";
    const again = await importServices([records]);
    expect(again).toMatchObject({ read: 12, created: 0, updated: 12, organisationsCreated: 0, organisationsUpdated: 11, skipped: [] });
    expect(db.select().from(services).all().length).toBe(before + 12);
    expect(db.select().from(services).where(eq(services.externalId, records[3]!.id)).get()!.name).toBe("Renamed by the other directory");

    // Imported services are searchable once the outbox is drained.
    await drainAll(db, engine);
    const found = await engine.search({ text: "Renamed by the other directory", filters: {}, sort: "relevance", page: 1, pageSize: 5 });
    expect(found.hits[0]?.title).toBe("Renamed by the other directory");

    // A service the other directory marks inactive is withdrawn here, and leaves the API.
    const closed = { ...records[4]!, status: "inactive" };
    expect(await importServices([[closed]])).toMatchObject({ withdrawn: 1, skipped: [] });
    const row = db.select().from(services).where(eq(services.externalId, closed.id)).get()!;
    expect(row.status).toBe("withdrawn");
    const listed = (await apiGet(`/openreferral/services?search=${encodeURIComponent(closed.name)}&per_page=500`)).body.contents.map((s: any) => s.id);
    expect(listed).not.toContain(serviceUuid(row.id));
    expect((await apiGet(`/openreferral/services/${serviceUuid(row.id)}`)).status).toBe(404);
  });

  test("invalid records are reported with the reason and skipped; the valid ones in the same batch are imported", async () => {
    const good = aRecord({ id: crypto.randomUUID(), name: "A good record" });
    good.organization = { ...good.organization, id: crypto.randomUUID() };
    const withoutCategory = aRecord({ id: crypto.randomUUID(), attributes: [] });
    const abroad = structuredClone(aRecord({ id: crypto.randomUUID() }));
    abroad.service_at_locations[0].location.addresses[0] = { ...abroad.service_at_locations[0].location.addresses[0], postal_code: "SW1A 1AA", city: "London" };
    const monthly = aRecord({ id: crypto.randomUUID(), cost_options: [{ amount: 30, amount_description: "per month" }] });
    const badEmail = aRecord({ id: crypto.randomUUID(), organization: { ...exported[0].organization, id: crypto.randomUUID(), email: "not an email" } });

    const report = await importServices([[
      good, { name: "No id or anything" }, aRecord({ id: "42" }), withoutCategory, abroad, monthly, badEmail, "not even an object",
      aRecord({ id: crypto.randomUUID(), status: "closed" }),
    ]]);
    expect(report.created).toBe(1);
    expect(report.skipped.map((s) => [s.record, s.reason])).toEqual([
      [2, "id is missing"],
      [3, "id is not a UUID"],
      [4, "it has no category we know: give it an attribute with a term from the Weave service categories taxonomy"],
      [5, "we cannot place it: its location needs a postcode or town in Yorkshire and the Humber"],
      [6, expect.stringMatching(/^we cannot tell what its price of £30 is for \(“per month”\)/)],
      [7, "organization.email is not an email address"],
      [8, "it is not an HSDS service (a JSON object)"],
      [9, "status must be active, inactive, defunct or temporarily closed"],
    ]);
    expect(db.select().from(services).where(eq(services.externalId, good.id)).get()?.name).toBe("A good record");
  });

  test("another directory's record in the UK profile's own shape is read by term names, or refused when it is not in our region", () => {
    const theirs = example("service_full.json") as any;
    // As published it is refused, not guessed: its latitude is 100, its address is in the US, its category is not one we know.
    expect(convertService(theirs)).toMatchObject({ ok: false, reason: "service_at_locations.0.location.latitude is not a latitude" });
    theirs.service_at_locations[0].location.latitude = 53.82;
    theirs.service_at_locations[0].location.longitude = -1.58;
    expect(convertService(theirs)).toMatchObject({ ok: false, reason: expect.stringContaining("we cannot place it") });
    theirs.service_at_locations[0].location.addresses[0] = { ...theirs.service_at_locations[0].location.addresses[0], postal_code: "LS6 1AA", city: "Leeds" };
    expect(convertService(theirs)).toMatchObject({ ok: false, reason: expect.stringContaining("no category we know") });
    theirs.attributes = [{ id: crypto.randomUUID(), taxonomy_term: { id: crypto.randomUUID(), name: "Health and wellbeing", description: "Another directory's term" } }];
    theirs.languages = [{ id: crypto.randomUUID(), code: "pl" }];
    const converted = convertService(theirs);
    expect(converted).toMatchObject({
      ok: true,
      organisation: { name: "Example Organization Inc.", kind: "community-group", companyNumber: "1234567", townSlug: "headingley" },
      service: {
        name: "Community Counselling", categorySlug: "health-and-wellbeing", pricePence: 3500, priceUnit: "session",
        availability: [{ day: "thu", from: "10:00", to: "18:00" }, { day: "fri", from: "10:00", to: "18:00" }],
        languages: ["Polish"], postcode: "LS6 1AA", townSlug: "headingley", updatedAt: "2005-01-01T00:00:00.000Z",
      },
    });
    // Ours by id works as well as by name.
    theirs.attributes = [{ taxonomy_term_id: termId("category", "advocacy") }];
    expect(convertService(theirs)).toMatchObject({ ok: true, service: { categorySlug: "advocacy" } });
  });
});
