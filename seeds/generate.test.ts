import { describe, expect, test } from "vitest";
import { isStale } from "../app/directory/format";
import { findTown, localAuthorities } from "../app/directory/region";
import { categories, organisationKinds } from "../app/directory/vocabulary";
import { generateRegion } from "./generate";

const today = new Date("2026-11-23T12:00:00Z");

describe("the demo region", () => {
  const region = generateRegion({ listings: 2000, today });
  const all = region.flatMap((o) => o.services.map((s) => ({ ...s, org: o })));

  test("is the same every time for the same seed and size", () => {
    expect(generateRegion({ listings: 2000, today })).toEqual(region);
    expect(generateRegion({ listings: 2000, today, seed: 1 })).not.toEqual(region);
  });

  test("has exactly the number of listings asked for", () => {
    expect(all).toHaveLength(2000);
    expect(generateRegion({ listings: 37, today }).flatMap((o) => o.services)).toHaveLength(37);
  });

  test("covers every council, category and kind of organisation", () => {
    const areas = new Set(all.map((s) => findTown(s.townSlug)!.area.slug));
    expect(areas).toEqual(new Set(localAuthorities.map((a) => a.slug)));
    expect(new Set(all.map((s) => s.categorySlug))).toEqual(new Set(categories.map((c) => c.slug)));
    expect(new Set(region.map((o) => o.kind))).toEqual(new Set(organisationKinds.map((k) => k.slug)));
  });

  test("has some stale listings, but most were checked this year", () => {
    const stale = all.filter((s) => isStale(s.updatedAt, today)).length / all.length;
    expect(stale).toBeGreaterThan(0.05);
    expect(stale).toBeLessThan(0.25);
  });

  test("prices are whole pence, free means free, and micro-enterprises have five or fewer staff", () => {
    for (const s of all) {
      expect(Number.isInteger(s.pricePence)).toBe(true);
      expect(s.priceUnit === "free").toBe(s.pricePence === 0);
    }
    for (const o of region.filter((o) => o.kind === "micro-enterprise")) expect(o.staffCount).toBeLessThanOrEqual(5);
  });

  test("places every service near its town and every organisation's name once", () => {
    for (const s of all) {
      const town = findTown(s.townSlug)!;
      expect(Math.abs(s.lat - town.lat)).toBeLessThan(0.05);
      expect(Math.abs(s.lng - town.lng)).toBeLessThan(0.08);
    }
    expect(new Set(region.map((o) => o.name)).size).toBe(region.length);
  });
});
