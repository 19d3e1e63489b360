// An index built by an earlier version (no `near`, `cells` or `spot` attributes) still answers
// radius searches exactly, the slow way, until it is rebuilt.
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startMeilisearch, type TestMeilisearch } from "../../tests/support/meilisearch";
import { fixtureDocuments } from "../fixtures";
import { haversineMiles, placeText } from "../text";
import { indexSettings, MeilisearchEngine } from "./meilisearch";

let server: TestMeilisearch;
beforeAll(async () => { server = await startMeilisearch(); });
afterAll(async () => { await server?.stop(); });

test("a radius search on an index without `near`, `cells` or `spot` falls back to _geoRadius, with the same answer, and says so once", async () => {
  const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
  await client.createIndex("old", { primaryKey: "id" }).waitTask();
  await client.index("old").updateSettings({ ...indexSettings, filterableAttributes: ["tags", "rating", "_geo"] }).waitTask();
  const leedsCentre = { key: "leeds", lat: 53.7997, lng: -1.5492 };
  const engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: "old", centres: [leedsCentre] });
  // Documents as the earlier version wrote them.
  await client.index("old").addDocuments(fixtureDocuments.map((d) => ({ ...d, place: placeText(d), tags: [`area:${d.area}`], _geo: { lat: d.lat, lng: d.lng } }))).waitTask();
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const leeds = { lat: 53.7997, lng: -1.5492, radiusMiles: 6 };
  for (let i = 0; i < 2; i++) {
    const r = await engine.search({ text: "", filters: {}, near: leeds, sort: "distance", page: 1, pageSize: 100 });
    const expected = fixtureDocuments.filter((d) => haversineMiles(leeds.lat, leeds.lng, d.lat, d.lng) <= 6).map((d) => d.id);
    expect(r.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  }
  // Once for the distances from known centres, once for the cells; never again.
  expect(warn).toHaveBeenCalledTimes(2);
  for (const [message] of warn.mock.calls) expect(String(message)).toMatch(/search:reindex/);
  warn.mockRestore();
});

test("an index built for other search centres is not trusted for their distances: a town added since is searched by cells, exactly", async () => {
  const leeds = { key: "leeds", lat: 53.7997, lng: -1.5492 };
  const pudsey = { key: "pudsey", lat: 53.796, lng: -1.661 };
  // Built when only Leeds was known: listings carry their distance from Leeds only.
  await new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: "towns", centres: [leeds] }).reindex([fixtureDocuments]);
  const engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: "towns", centres: [leeds, pudsey] });
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  for (const from of [pudsey, leeds]) {
    const r = await engine.search({ text: "", filters: {}, near: { lat: from.lat, lng: from.lng, radiusMiles: 6 }, sort: "relevance", page: 1, pageSize: 100 });
    const expected = fixtureDocuments.filter((d) => haversineMiles(from.lat, from.lng, d.lat, d.lng) <= 6).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  }
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]![0])).toMatch(/other search centres.*search:reindex/);
  warn.mockRestore();
  // Rebuilt for both towns: distances from Pudsey are written and trusted again, with no warning.
  await engine.reindex([fixtureDocuments]);
  const again = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const r = await engine.search({ text: "", filters: {}, near: { lat: pudsey.lat, lng: pudsey.lng, radiusMiles: 6 }, sort: "relevance", page: 1, pageSize: 100 });
  expect(r.total).toBe(fixtureDocuments.filter((d) => haversineMiles(pudsey.lat, pudsey.lng, d.lat, d.lng) <= 6).length);
  expect(again).not.toHaveBeenCalled();
  again.mockRestore();
});
