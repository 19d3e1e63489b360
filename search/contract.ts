// The contract every SearchEngine must pass, run unchanged against each engine
// (search/engines/*.contract.test.ts). Expected answers are worked out from the fixture
// documents by plain reference code here, never copied from an engine's output.
import { beforeEach, describe, expect, test } from "vitest";
import { priceBandOf } from "../app/directory/vocabulary";
import { fixtureDocuments } from "./fixtures";
import type { FacetCounts, SearchEngine, SearchFilters, SearchRequest, ServiceDocument } from "./port";
import { EARTH_RADIUS_MILES, haversineMiles } from "./text";

const LEEDS = { lat: 53.7997, lng: -1.5492 };

const request = (r: Partial<SearchRequest>): SearchRequest => ({ text: "", filters: {}, sort: "relevance", page: 1, pageSize: 100, ...r });

/** The reference answer for a filter: which fixture documents it should keep. */
function keeps(d: ServiceDocument, f: SearchFilters): boolean {
  const band = priceBandOf(d.pricePence, d.priceUnit);
  return (!f.category || d.category === f.category)
    && (!f.area || d.area === f.area)
    && (!f.kind || d.organisationKind === f.kind)
    && (!f.priceBand || band === f.priceBand)
    && (!f.free || band === "free")
    && (f.delivery ?? []).every((v) => d.delivery.includes(v))
    && (f.days ?? []).every((v) => d.days.includes(v))
    && (f.accessibility ?? []).every((v) => d.accessibility.includes(v))
    && (f.payment ?? []).every((v) => d.payment.includes(v))
    && (f.minRating === undefined || (d.rating !== null && d.rating >= f.minRating))
    && (!f.groupOffer || d.groupOffer === true);
}

function referenceFacets(docs: ServiceDocument[]): FacetCounts {
  const facets: FacetCounts = { category: {}, area: {}, priceBand: {}, kind: {}, delivery: {}, days: {}, accessibility: {}, payment: {}, groupOffer: {} };
  const add = (facet: keyof FacetCounts, value: string) => { facets[facet][value] = (facets[facet][value] ?? 0) + 1; };
  for (const d of docs) {
    add("category", d.category);
    add("area", d.area);
    add("priceBand", priceBandOf(d.pricePence, d.priceUnit));
    add("kind", d.organisationKind);
    d.delivery.forEach((v) => add("delivery", v));
    d.days.forEach((v) => add("days", v));
    d.accessibility.forEach((v) => add("accessibility", v));
    d.payment.forEach((v) => add("payment", v));
    if (d.groupOffer) add("groupOffer", "yes");
  }
  return facets;
}

const ids = (hits: { id: number }[]) => hits.map((h) => h.id);

/** The point `miles` from `from` on a compass bearing (degrees). */
function travel(from: { lat: number; lng: number }, bearing: number, miles: number) {
  const rad = Math.PI / 180;
  const [φ1, λ1, θ, δ] = [from.lat * rad, from.lng * rad, bearing * rad, miles / EARTH_RADIUS_MILES];
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 / rad, lng: λ2 / rad };
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export function searchEngineContract(name: string, makeEngine: () => SearchEngine | Promise<SearchEngine>) {
  describe(`${name} search engine contract`, () => {
    let engine: SearchEngine;
    beforeEach(async () => {
      engine = await makeEngine();
      await engine.reindex([fixtureDocuments]);
    });

    describe("words", () => {
      test("finds a service by a word in its title, title matches first", async () => {
        const r = await engine.search(request({ text: "befriending" }));
        expect(sorted(ids(r.hits))).toEqual([1, 2, 3]);
        expect(sorted(ids(r.hits.slice(0, 2)))).toEqual([1, 2]);
      });

      test("tolerates a one-letter typo in a word of five or more letters", async () => {
        for (const [typo, id] of [["befrending", 1], ["minibis", 7], ["advocasy", 10], ["gardning", 100], ["payrol", 11]] as const) {
          const r = await engine.search(request({ text: `${typo} ` }));
          expect(ids(r.hits), typo).toContain(id);
        }
      });

      test("a word the index holds also finds close spellings of it, ranked after the word as typed", async () => {
        // A person who types "carers" wants the young carer's drop-in too; Meilisearch always adds
        // close spellings and ranks them after exact matches, and every engine must do the same.
        const carers = await engine.search(request({ text: "carers " }));
        expect(ids(carers.hits)).toEqual([8, 13]); // "carers" in 8's description comes before "carer" in 13's title
        // "carer" as typed first; then "care" (4 and 5) and "carers" (8), one letter away.
        const carer = await engine.search(request({ text: "carer " }));
        expect(ids(carer.hits)[0]).toBe(13);
        expect(sorted(ids(carer.hits))).toEqual([4, 5, 8, 13]);
        // The same while the word is still being typed.
        expect(ids((await engine.search(request({ text: "carers" }))).hits)).toEqual([8, 13]);
      });

      test("does not let short words drift: a typo in a four-letter word finds nothing", async () => {
        const r = await engine.search(request({ text: "artz " }));
        expect(r.total).toBe(0);
      });

      test("treats the last word as a prefix while it is typed", async () => {
        expect(sorted(ids((await engine.search(request({ text: "befr" }))).hits))).toEqual([1, 2, 3]);
        expect(ids((await engine.search(request({ text: "accessible minib" }))).hits)).toEqual([7]);
      });

      test("needs every word, and finds words in the organisation's name and the place", async () => {
        expect(sorted(ids((await engine.search(request({ text: "care home " }))).hits))).toEqual([4, 5]);
        expect(ids((await engine.search(request({ text: "bright support " }))).hits)).toEqual([4]);
        expect(ids((await engine.search(request({ text: "painting halifax " }))).hits)).toEqual([8]);
        expect(ids((await engine.search(request({ text: "wakefield minibus" }))).hits)).toEqual([7]);
      });

      test("treats query syntax as plain words and never fails on it", async () => {
        for (const text of ['"befriending', "befriending*", "NEAR(befriending care)", "-befriending", "befriending OR care", "{title}: x", "'; DROP TABLE x; --", "a".repeat(300)]) {
          await expect(engine.search(request({ text })), text).resolves.toBeDefined();
        }
        expect(ids((await engine.search(request({ text: '"befriending"*' }))).hits)).toContain(1);
      });

      test("finds nothing, cleanly, for a word no service has", async () => {
        const r = await engine.search(request({ text: "xylophone " }));
        expect(r).toMatchObject({ total: 0, hits: [] });
      });
    });

    describe("filters and facets", () => {
      const cases: [string, SearchFilters][] = [
        ["category", { category: "leisure-and-arts" }],
        ["council area", { area: "leeds" }],
        ["kind of organisation", { kind: "provider" }],
        ["price band", { priceBand: "10-25" }],
        ["free only", { free: true }],
        ["two delivery modes at once", { delivery: ["home", "community"] }],
        ["day available", { days: ["sat"] }],
        ["two accessibility features at once", { accessibility: ["wheelchair", "accessible-toilet"] }],
        ["payment route", { payment: ["isf"] }],
        ["minimum rating", { minRating: 4.4 }],
        ["an open group offer", { groupOffer: true }],
        ["an open group offer and an area", { groupOffer: true, area: "leeds" }],
        ["several together", { area: "leeds", payment: ["direct-payment"], days: ["mon"] }],
      ];
      for (const [label, filters] of cases) {
        test(`filters by ${label}, with facet counts over the whole result`, async () => {
          const expected = fixtureDocuments.filter((d) => keeps(d, filters));
          expect(expected.length).toBeGreaterThan(0);
          expect(expected.length).toBeLessThan(fixtureDocuments.length);
          const r = await engine.search(request({ filters, pageSize: 5 }));
          expect(r.total).toBe(expected.length);
          expect(r.facets).toEqual(referenceFacets(expected));
          const all = await engine.search(request({ filters }));
          expect(sorted(ids(all.hits))).toEqual(sorted(expected.map((d) => d.id)));
        });
      }

      test("filters words and facets together", async () => {
        const r = await engine.search(request({ text: "gardening", filters: { area: "york" } }));
        const expected = fixtureDocuments.filter((d) => d.title.startsWith("Gardening") && d.area === "york");
        expect(sorted(ids(r.hits))).toEqual(sorted(expected.map((d) => d.id)));
        expect(r.facets.area).toEqual({ york: expected.length });
      });

      test("contradictory or unknown filter values give no results rather than an error", async () => {
        expect((await engine.search(request({ filters: { free: true, priceBand: "over-50" } }))).total).toBe(0);
        expect((await engine.search(request({ filters: { area: "atlantis" } }))).total).toBe(0);
      });
    });

    describe("places", () => {
      test("keeps services within the radius and says how far each is", async () => {
        const r = await engine.search(request({ near: { ...LEEDS, radiusMiles: 6 }, sort: "distance" }));
        const expected = fixtureDocuments.filter((d) => haversineMiles(LEEDS.lat, LEEDS.lng, d.lat, d.lng) <= 6);
        expect(sorted(ids(r.hits))).toEqual(sorted(expected.map((d) => d.id)));
        for (const hit of r.hits) {
          expect(hit.distanceMiles).toBeCloseTo(haversineMiles(LEEDS.lat, LEEDS.lng, hit.lat, hit.lng), 1);
        }
        const distances = r.hits.map((h) => h.distanceMiles!);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(r.facets.area).toEqual({ leeds: expected.length });
      });

      test("keeps exactly the services within the radius, however close to its edge, in every direction", async () => {
        // Services 30 metres either side of a 5-mile circle round Leeds, every 10 degrees.
        const edge = Array.from({ length: 72 }, (_, i) => ({
          ...fixtureDocuments[0]!, id: 1000 + i, title: `Edge ${i}`, ...travel(LEEDS, (i >> 1) * 10, i % 2 ? 5.02 : 4.98),
        }));
        await engine.upsert(edge);
        const everything = [...fixtureDocuments, ...edge];
        const expected = everything.filter((d) => haversineMiles(LEEDS.lat, LEEDS.lng, d.lat, d.lng) <= 5);
        expect(expected.filter((d) => d.id >= 1000)).toHaveLength(36);
        for (const sort of ["distance", "relevance"] as const) {
          const r = await engine.search(request({ near: { ...LEEDS, radiusMiles: 5 }, sort, pageSize: 200 }));
          expect(sorted(ids(r.hits)), sort).toEqual(sorted(expected.map((d) => d.id)));
          expect(r.total).toBe(expected.length);
          expect(r.facets).toEqual(referenceFacets(expected));
        }
        // Page by page, nearest first: the same distances as sorting them all.
        const distances: number[] = [];
        for (let page = 1; page <= 4; page++) {
          const r = await engine.search(request({ near: { ...LEEDS, radiusMiles: 5 }, sort: "distance", page, pageSize: 4 }));
          distances.push(...r.hits.map((h) => h.distanceMiles!));
        }
        const reference = expected.map((d) => haversineMiles(LEEDS.lat, LEEDS.lng, d.lat, d.lng)).sort((a, b) => a - b).slice(0, 16);
        expect(distances.map((d) => d.toFixed(3))).toEqual(reference.map((d) => d.toFixed(3)));
      });

      test("a larger radius takes in the next towns", async () => {
        const r = await engine.search(request({ near: { ...LEEDS, radiusMiles: 12 } }));
        expect(ids(r.hits)).toEqual(expect.arrayContaining([6, 7, 9]));
        expect(ids(r.hits)).not.toContain(2); // Sheffield is about 29 miles away
      });

      test("says nothing about distance when no place was given", async () => {
        const r = await engine.search(request({ text: "befriending" }));
        expect(r.hits.every((h) => h.distanceMiles === null)).toBe(true);
      });
    });

    describe("order and pages", () => {
      test("sorts by price, lowest first", async () => {
        const r = await engine.search(request({ sort: "price" }));
        const prices = r.hits.map((h) => h.pricePence);
        expect(prices).toEqual([...prices].sort((a, b) => a - b));
        expect(r.total).toBe(fixtureDocuments.length);
      });

      test("sorts by rating, best first, unrated last", async () => {
        const r = await engine.search(request({ sort: "rating" }));
        const ratings = r.hits.map((h) => h.rating);
        const rated = ratings.filter((x): x is number => x !== null);
        expect(rated).toEqual([...rated].sort((a, b) => b - a));
        expect(ratings.slice(rated.length).every((x) => x === null)).toBe(true);
      });

      test("pages through every result once, in a stable order", async () => {
        const seen: number[] = [];
        for (let page = 1; page <= 3; page++) {
          const r = await engine.search(request({ text: "gardening club", sort: "price", page, pageSize: 10 }));
          expect(r.total).toBe(25);
          expect(r.hits).toHaveLength(page < 3 ? 10 : 5);
          seen.push(...ids(r.hits));
        }
        expect(sorted(seen)).toEqual(Array.from({ length: 25 }, (_, i) => 100 + i));
        const beyond = await engine.search(request({ text: "gardening club", page: 9, pageSize: 10 }));
        expect(beyond).toMatchObject({ total: 25, hits: [] });
      });

      test("returns whole documents, as indexed", async () => {
        const r = await engine.search(request({ text: "payroll" }));
        const { distanceMiles, ...doc } = r.hits[0]!;
        expect(distanceMiles).toBeNull();
        expect(doc).toEqual(fixtureDocuments.find((d) => d.id === 11));
      });
    });

    describe("keeping the index current", () => {
      test("an upsert replaces a document everywhere: words, filters and facets", async () => {
        const art = fixtureDocuments.find((d) => d.id === 8)!;
        await engine.upsert([{ ...art, title: "Pottery group", category: "day-activities" }]);
        expect(ids((await engine.search(request({ text: "pottery" }))).hits)).toEqual([8]);
        expect(ids((await engine.search(request({ text: "art group " }))).hits)).not.toContain(8);
        const r = await engine.search(request({ filters: { category: "day-activities" } }));
        expect(sorted(ids(r.hits))).toEqual([6, 8]);
      });

      test("a removed document leaves results and facet counts", async () => {
        await engine.remove([7]);
        expect((await engine.search(request({ text: "minibus" }))).total).toBe(0);
        const r = await engine.search(request({}));
        expect(r.total).toBe(fixtureDocuments.length - 1);
        expect(r.facets.category.transport).toBeUndefined();
      });

      test("a rebuild replaces the whole index", async () => {
        await engine.reindex([fixtureDocuments.slice(0, 3), fixtureDocuments.slice(3, 5)]);
        const r = await engine.search(request({}));
        expect(sorted(ids(r.hits))).toEqual([1, 2, 3, 4, 5]);
        expect(ids((await engine.search(request({ text: "gardening" }))).hits)).toEqual([]);
      });
    });
  });
}
