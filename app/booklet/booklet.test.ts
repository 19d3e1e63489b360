// The printable area booklet: exactly the published services of the area and kinds of
// support asked for, grouped by kind; codes that lead to the right page online; the PDF.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { organisations, services, towns } from "../../db/schema";
import { seedRegion } from "../../tests/support/fixtures";
import { updateOrganisation, withdrawService } from "../directory/listings.server";
import { findArea } from "../directory/region";
import { categories, type CategorySlug } from "../directory/vocabulary";
import { RouterContextProvider } from "react-router";
import { loader as bookletLoader } from "../routes/booklet";
import { loader as serviceLoader } from "../routes/service";
import { loader as shortCodeLoader } from "../routes/short-code";
import { parseBookletParams } from "./booklet-query";
import { loadBooklet } from "./booklet.server";
import { bookletPdf } from "./print.server";
import { readShortCode, shortCode } from "./short-code";

const run = promisify(execFile);
const CHOSEN: readonly CategorySlug[] = ["befriending", "peer-support"];

/** What the booklet must hold, worked out straight from the tables. */
function publishedIn(area: string, chosen: readonly CategorySlug[]) {
  return db.select({ id: services.id, category: services.categorySlug }).from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .where(and(eq(towns.areaSlug, area), inArray(services.categorySlug, [...chosen]), eq(services.status, "published"), eq(organisations.status, "published")))
    .all();
}

beforeAll(async () => {
  await seedRegion(500);
  // One withdrawn service and one withdrawn organisation in the booklet's area and kinds: neither may be printed.
  const [a, b] = publishedIn("leeds", CHOSEN);
  withdrawService(a!.id);
  const orgOfB = db.select().from(services).where(eq(services.id, b!.id)).get()!.organisationId;
  updateOrganisation(orgOfB, { status: "withdrawn" });
});

const request = (query: string) => {
  const parsed = parseBookletParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.request;
};
const idsIn = (b: ReturnType<typeof loadBooklet>) => b.sections.flatMap((s) => s.entries.map((e) => readShortCode(e.code)!));

describe("short codes", () => {
  test("every code reads back as its service; people's usual slips are forgiven", () => {
    for (const id of [1, 2, 31, 32, 1000, 4242, 99_999, 1_000_000, 2 ** 31 - 1]) expect(readShortCode(shortCode(id))).toBe(id);
    const code = shortCode(4242);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4,}$/);
    expect(readShortCode(` ${code.toLowerCase().slice(0, 2)}-${code.slice(2)} `)).toBe(4242);
    expect(readShortCode(shortCode(1010).replace(/1/g, "I").replace(/0/g, "O"))).toBe(1010);
  });

  test("any one mistyped character is caught rather than opening another service", () => {
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (const id of [7, 515, 4242, 123_456]) {
      const code = shortCode(id);
      for (let i = 0; i < code.length; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          expect(readShortCode(code.slice(0, i) + c + code.slice(i + 1)), `${code} with ${c} at ${i}`).toBeNull();
        }
      }
    }
    for (const junk of ["", "A", "ABC", "U123", "!!!!", "1".repeat(20)]) expect(readShortCode(junk)).toBeNull();
  });
});

describe("choosing a booklet", () => {
  test("needs a council area we know; towns must be in it; kinds of support must be ours", () => {
    expect(parseBookletParams(new URLSearchParams(""))).toMatchObject({ ok: false, errors: { area: "Choose the council area the booklet is for" } });
    expect(parseBookletParams(new URLSearchParams("area=gotham"))).toMatchObject({ ok: false, errors: { area: expect.stringContaining("gotham") } });
    expect(parseBookletParams(new URLSearchParams("area=leeds&town=whitby"))).toMatchObject({ ok: false, errors: { town: "Whitby is not in Leeds: choose a town in Leeds, or all of it" } });
    expect(parseBookletParams(new URLSearchParams("area=leeds&categories=befriending,knitting"))).toMatchObject({ ok: false, errors: { categories: expect.stringContaining("knitting") } });
    // A link's comma list and a form's repeated boxes mean the same.
    expect(request("area=leeds&categories=befriending,peer-support")).toEqual(request("area=leeds&categories=peer-support&categories=befriending"));
  });
});

describe("the booklet", () => {
  test("holds exactly the published services of the area and those kinds of support, grouped by kind", () => {
    const booklet = loadBooklet(request(`area=leeds&categories=${CHOSEN.join(",")}`));
    const expected = publishedIn("leeds", CHOSEN);
    expect(expected.length).toBeGreaterThan(3);
    expect(idsIn(booklet).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
    expect(booklet.total).toBe(expected.length);
    expect(booklet.sections.map((s) => s.slug)).toEqual(categories.map((c) => c.slug).filter((c) => CHOSEN.includes(c) && expected.some((e) => e.category === c)));
    for (const section of booklet.sections) {
      for (const entry of section.entries) expect(expected.find((e) => e.id === readShortCode(entry.code))!.category).toBe(section.slug);
    }
  });

  test("every entry has its name, what it offers, cost, contact, checked date and code", () => {
    const booklet = loadBooklet(request("area=leeds&categories=befriending"));
    for (const e of booklet.sections.flatMap((s) => s.entries)) {
      const s = db.select().from(services).where(eq(services.id, readShortCode(e.code)!)).get()!;
      const o = db.select().from(organisations).where(eq(organisations.id, s.organisationId)).get()!;
      expect(e).toMatchObject({ name: s.name, offers: s.description, organisation: o.name, phone: o.phone });
      expect(e.cost).toMatch(/^(Free|£[\d,.]+ (an hour|a session|a day|a week|each))$/);
      expect(e.checked).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    }
  });

  test("without kinds of support it is the whole area; with a town, only that town", () => {
    const all = loadBooklet(request("area=york"));
    const york = db.select({ id: services.id }).from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .innerJoin(towns, eq(towns.slug, services.townSlug))
      .where(and(eq(towns.areaSlug, "york"), eq(services.status, "published"), eq(organisations.status, "published"))).all();
    expect(idsIn(all).sort((a, b) => a - b)).toEqual(york.map((s) => s.id).sort((a, b) => a - b));
    const town = findArea("leeds")!.towns[0]!;
    const one = loadBooklet(request(`area=leeds&town=${town.slug}`));
    expect(one.sections.flatMap((s) => s.entries).every((e) => e.town === town.name)).toBe(true);
  });

  test("a very large area is cut at the limit and says so", () => {
    const booklet = loadBooklet(request("area=leeds"), { limit: 5 });
    expect(booklet.shown).toBe(5);
    expect(booklet.total).toBeGreaterThan(5);
  });
});

describe("the pages", () => {
  test("/booklet shows the form, refuses a bad area with a 400, and renders a booklet for a good one", async () => {
    const call = (q: string) => bookletLoader({ request: new Request(`http://weave.test/booklet${q}`), params: {}, context: {} } as never) as any;
    expect(call("")).toMatchObject({ form: true, errors: {} });
    const bad = call("?area=gotham");
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.area).toContain("gotham");
    const good = call(`?area=leeds&categories=${CHOSEN.join(",")}`);
    expect(good).toMatchObject({ form: false, site: "http://weave.test", booklet: { title: "Care and support in Leeds" } });
  });

  test("a printed code leads to that service's page online", async () => {
    const entry = loadBooklet(request("area=leeds&categories=befriending")).sections[0]!.entries[0]!;
    for (const typed of [entry.code, entry.code.toLowerCase()]) {
      let location: string | null = null;
      try {
        shortCodeLoader({ request: new Request(`http://weave.test/s/${typed}`), params: { code: typed }, context: {} } as never);
      } catch (thrown) {
        location = (thrown as Response).headers.get("Location");
      }
      expect(location).toMatch(/^\/services\/\d+$/);
      const id = location!.split("/").pop()!;
      expect((serviceLoader({ params: { id }, request: new Request(`http://weave.test${location}`), context: new RouterContextProvider() } as never) as any).service.name).toBe(entry.name);
    }
    // The form at /s does the same from a typed code.
    expect(() => shortCodeLoader({ request: new Request(`http://weave.test/s?code=${entry.code}`), params: {}, context: {} } as never)).toThrow();
    const wrong = shortCodeLoader({ request: new Request("http://weave.test/s/ZZZZ"), params: { code: "ZZZZ" }, context: {} } as never) as any;
    expect(wrong.init.status).toBe(404);
    expect(wrong.data.error).toContain("not right");
  });
});

describe("the PDF", () => {
  test("is produced, on A4, and holds every service of the booklet with its code and where to look it up", async () => {
    const { booklet, pdf, text } = await bookletPdf(request(`area=leeds&categories=${CHOSEN.join(",")}`), "https://weave.example");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5000);
    // A4 is 595 x 842 points.
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    for (const e of booklet.sections.flatMap((s) => s.entries)) {
      expect(text).toContain(e.name);
      expect(text).toContain(e.code);
    }
    expect(text).toContain("weave.example/s");
  }, 60_000);

  test("npm run booklet writes the PDF, and explains bad arguments", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "weave-booklet-")), "leeds.pdf");
    const { stdout } = await run(process.execPath, [
      "--import", "tsx", "app/booklet/cli.ts", "--area", "leeds", "--categories", CHOSEN.join(","), "--out", out, "--site", "https://weave.example",
    ], { env: process.env });
    expect(stdout).toMatch(/^Wrote .*leeds\.pdf: Care and support in Leeds, \d+ of \d+ services in \d sections? \(\d+ KB\)\.$/m);
    expect(readFileSync(out).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const failed = await run(process.execPath, ["--import", "tsx", "app/booklet/cli.ts", "--area", "atlantis", "--out", out], { env: process.env })
      .then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain("We do not know the council area “atlantis”");
  }, 60_000);
});
