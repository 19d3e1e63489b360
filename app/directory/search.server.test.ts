import { desc } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { searchLog } from "../../db/schema";
import { seedRegion } from "../../tests/support/fixtures";
import { parseSearchParams, type SearchInput } from "./search-query";
import { searchDirectory } from "./search.server";

const input = (qs: string): SearchInput => {
  const parsed = parseSearchParams(new URLSearchParams(qs));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.input;
};
const lastLog = () => db.select().from(searchLog).orderBy(desc(searchLog.id)).get();

describe("finding support", () => {
  test("every first-page search is logged anonymously: words, filters, place and count, nothing about the person", async () => {
    await seedRegion(300);
    const result = await searchDirectory(input("q=befriending&postcode=LS6%203AA&radius=15&delivery=home"));
    expect(lastLog()).toMatchObject({
      query: "befriending",
      filters: { delivery: ["home"], radiusMiles: "15", sort: "distance" },
      areaSlug: "leeds",
      townSlug: "headingley",
      resultCount: result.total,
    });
    // The log has no place for a person: no user, session, IP or postcode.
    const columns = db.$client.prepare("SELECT name FROM pragma_table_info('search_log')").pluck().all();
    expect(columns).toEqual(["id", "at", "query", "filters", "area_slug", "town_slug", "result_count"]);
    expect(JSON.stringify(lastLog())).not.toContain("LS6");
  });

  test("paging through results does not count as another search", async () => {
    await seedRegion(300);
    await searchDirectory(input("q=support"));
    const logged = await db.$count(searchLog);
    expect(logged).toBeGreaterThan(0);
    await searchDirectory(input("q=support&page=2"));
    expect(await db.$count(searchLog)).toBe(logged);
  });

  test("a search for nothing that exists is logged with zero results, for the unmet-demand view", async () => {
    await seedRegion(100);
    const result = await searchDirectory(input("q=xylophone%20lessons&near=hull"));
    expect(result.total).toBe(0);
    expect(lastLog()).toMatchObject({ query: "xylophone lessons", resultCount: 0, areaSlug: "hull" });
  });

  test("when no service matches every word, it searches fewer words and says which", async () => {
    await seedRegion(300);
    const result = await searchDirectory(input("q=befriending%20xylophone"));
    expect(result.relaxedText).toBe("befriending");
    expect(result.total).toBeGreaterThan(0);
    expect(result.total).toBe((await searchDirectory(input("q=befriending"))).total);
  });

  test("a chosen category still shows how many the other categories would give", async () => {
    await seedRegion(300);
    const all = await searchDirectory(input("near=leeds&radius=25"));
    const one = await searchDirectory(input("near=leeds&radius=25&category=befriending"));
    expect(one.total).toBe(all.facets.category.befriending);
    expect(one.facets.category).toEqual(all.facets.category);
    // Other facets still describe the chosen results only.
    expect(one.facets.area).not.toEqual(all.facets.area);
  });

  test("results have the distance from the chosen place, nearest first", async () => {
    await seedRegion(300);
    const result = await searchDirectory(input("q=care&near=york&radius=15"));
    const distances = result.hits.map((h) => h.distanceMiles!);
    expect(distances.length).toBeGreaterThan(0);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(15);
  });
});
