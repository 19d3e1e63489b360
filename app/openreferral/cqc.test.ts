// The CQC import: reads the care directory's layout (tests/fixtures/cqc-care-directory.csv, with
// CQC's title block, its headings and the rating columns joined on), reports malformed rows with
// the reason and imports the rest, and the service page then cites CQC as the source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter, RouterContextProvider } from "react-router";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { organisations } from "../../db/schema";
import { anOrganisation, aService } from "../../tests/support/fixtures";
import { createService } from "../directory/listings.server";
import Service, { loader as serviceLoader } from "../routes/service";
import { findColumns, nameKey, parseCsv, readRow } from "./cqc";
import { importCqcCsv } from "./cqc.server";

const FIXTURE = readFileSync(join(import.meta.dirname, "..", "..", "tests", "fixtures", "cqc-care-directory.csv"), "utf8");
const IMPORTED_ON = new Date("2026-11-23T10:00:00Z");

describe("reading the CSV", () => {
  test("quoted fields keep their commas, doubled quotes and line breaks; each row knows its line", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n\nlast,1,2')).toEqual([
      { line: 1, cells: ["a", "b, c", 'say "hi"'] },
      { line: 2, cells: ["two\nlines", "x", ""] },
      { line: 5, cells: ["last", "1", "2"] },
    ]);
  });

  test("finds the heading row under CQC's title block, by heading, in either of CQC's files' names", () => {
    const found = findColumns(parseCsv(FIXTURE))!;
    expect(found.headingIndex).toBe(2); // the two blank title lines are not rows
    expect(found.columns).toMatchObject({ name: 0, postcode: 3, locationId: 13, rating: 16, ratingDate: 7 });
    const ratingsFile = findColumns(parseCsv("Location ID,Location Name,Location Post Code,Latest Rating,Publication Date\n"))!;
    expect(ratingsFile.columns).toMatchObject({ locationId: 0, name: 1, postcode: 2, rating: 3, ratingDate: 4 });
    expect(findColumns(parseCsv("Just,Some,Columns\n1,2,3\n"))).toBeNull();
  });

  test("a good row becomes a location; names compare without case, punctuation or Ltd", () => {
    const rows = parseCsv(FIXTURE);
    const { headingIndex, columns } = findColumns(rows)!;
    expect(readRow(rows[headingIndex + 2]!, columns)).toEqual({ ok: true, location: {
      locationId: "1-101000002", name: "SUNRISE HOME CARE LIMITED", address: "12 Otley Road, Headingley, Leeds", postcode: "LS6 3AA",
      localAuthority: "Leeds", serviceTypes: ["Homecare agencies", "Supported living"], registrationStatus: "Registered",
      rating: "Requires improvement", ratingDate: "2024-11-15",
    } });
    expect(nameKey("SUNRISE HOME CARE LIMITED")).toBe(nameKey("Sunrise Home Care Ltd."));
    expect(nameKey("Smith & Sons")).toBe(nameKey("Smith and Sons"));
  });
});

describe("importing CQC facts", () => {
  test("a malformed row is reported with its line and reason, and the rest are imported", () => {
    const byId = anOrganisation({ name: "Aire Valley Home Care", kind: "provider", townSlug: "leeds", postcode: "LS4 2AZ", cqcLocationId: "1-101000001", cqcRating: "Inadequate", cqcRatingDate: "2020-01-01" });
    const byName = anOrganisation({ name: "Sunrise Home Care Ltd", kind: "provider", townSlug: "headingley", postcode: "LS6 3AA" });
    const cancelled = anOrganisation({ name: "Calder Lodge", kind: "provider", townSlug: "elland", postcode: "HX5 0AB", cqcLocationId: "1-101000003", cqcRating: "Good", cqcRatingDate: "2023-06-02" });
    // Same name and postcode as the Sunrise row, but already tied to another CQC location: not a match.
    const other = anOrganisation({ name: "Harbour View Nursing Home", townSlug: "whitby", postcode: "YO21 3PR", cqcLocationId: "1-999999999" });

    const report = importCqcCsv(FIXTURE, { now: IMPORTED_ON });

    expect(report.malformed).toEqual([
      { line: 8, reason: "it has 5 values where the heading row has 17" },
      { line: 10, reason: "the location id is not a CQC location id like 1-101641521" },
      { line: 11, reason: expect.stringContaining("the rating “Brilliant” is not one of Outstanding, Good") },
      { line: 12, reason: "the date “30/02/2025” is not a date like 01/03/2025" },
    ]);
    expect(report).toMatchObject({ rows: 8, matched: 3, unmatched: 1, ambiguous: [] });

    const get = (id: number) => db.select().from(organisations).where(eq(organisations.id, id)).get()!;
    expect(get(byId.id)).toMatchObject({ cqcRating: "Good", cqcRatingDate: "2025-03-01", cqcRegistrationStatus: "Registered", cqcCheckedAt: IMPORTED_ON.toISOString() });
    expect(get(byName.id)).toMatchObject({ cqcLocationId: "1-101000002", cqcRating: "Requires improvement", cqcRatingDate: "2024-11-15" });
    expect(get(cancelled.id)).toMatchObject({ cqcRegistrationStatus: "Deregistered", cqcRating: null, cqcRatingDate: null });
    expect(get(other.id)).toMatchObject({ cqcLocationId: "1-999999999", cqcRating: null, cqcCheckedAt: null });
    // CQC's word is not the provider confirming the listing: "checked N days ago" does not move.
    expect(get(byId.id).updatedAt).toBe(byId.updatedAt);
  });

  test("importing the same file again changes nothing more", () => {
    const before = db.select().from(organisations).all();
    const report = importCqcCsv(FIXTURE, { now: IMPORTED_ON });
    expect(report.matched).toBe(3);
    expect(db.select().from(organisations).all()).toEqual(before);
  });

  test("a file without CQC's headings is refused as a whole", () => {
    expect(() => importCqcCsv("name,town\nA,B\n")).toThrow(/not a CQC care directory file/);
  });

  test("the service page shows the rating with its inspection date and cites the CQC care directory", () => {
    const org = db.select().from(organisations).where(eq(organisations.cqcLocationId, "1-101000001")).get()!;
    const serviceId = createService(aService(org.id, { name: "Home care visits", categorySlug: "personal-care", townSlug: "leeds" }));
    const loaderData = serviceLoader({ params: { id: String(serviceId) }, request: new Request(`http://weave.test/services/${serviceId}`), context: new RouterContextProvider() } as unknown as Parameters<typeof serviceLoader>[0]);
    const props = { loaderData, params: {}, matches: [] } as unknown as Parameters<typeof Service>[0];
    const html = renderToStaticMarkup(createElement(MemoryRouter, null, createElement(Service, props)));
    const text = html.replace(/<[^>]+>/g, "");
    expect(text).toContain("CQC rating: Good (inspected 1 March 2025)");
    expect(text).toContain("source: CQC care directory, imported 23 November 2026");
  });
});
