import { beforeEach, expect, test } from "vitest";
import { db } from "../../db/client";
import { searchLog } from "../../db/schema";
import { drainAll } from "../../search/outbox";
import { anOrganisation, aService, seedRegion } from "../../tests/support/fixtures";
import { createService } from "./listings.server";
import { RESULT_COUNT_HEADER, searchPageCache } from "./page-cache.server";

let rendered = 0;
const page = (count: number) => async () => {
  rendered++;
  return new Response(`<html>page ${rendered}</html>`, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", [RESULT_COUNT_HEADER]: String(count) } });
};
const ask = (url: string, headers: Record<string, string> = {}, count = 7) =>
  searchPageCache({ request: new Request(`http://weave.test${url}`, { headers }), context: undefined as never, params: {}, unstable_pattern: "" } as never, page(count)) as Promise<Response>;
const logged = () => db.$count(searchLog);

beforeEach(() => { rendered = 0; });

test("the same anonymous search is answered from memory, and still logged each time", async () => {
  await seedRegion(30);
  const first = await (await ask("/search?q=cache-one")).text();
  const again = await (await ask("/search?q=cache-one")).text();
  expect(again).toBe(first);
  expect(rendered).toBe(1);
  expect(await logged()).toBe(1); // the first rendering is logged by its loader (a stand-in here); the hit is logged by the cache
});

test("a listing change means a fresh page", async () => {
  const engine = await seedRegion(30);
  await ask("/search?q=cache-two");
  createService(aService(anOrganisation().id));
  await drainAll(db, engine);
  await ask("/search?q=cache-two");
  expect(rendered).toBe(2);
});

test("logged-in people, other pages and failed searches are never cached; the count header never leaves", async () => {
  await seedRegion(30);
  await ask("/search?q=cache-three", { Cookie: "weave_session=abc" });
  await ask("/search?q=cache-three", { Cookie: "weave_session=abc" });
  expect(rendered).toBe(2);
  const response = await ask("/search?q=cache-four");
  expect(response.headers.get(RESULT_COUNT_HEADER)).toBeNull();
  await ask("/services/1");
  await ask("/services/1");
  expect(rendered).toBe(5);
});
