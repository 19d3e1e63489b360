// An index built by an earlier version (no `spot` attribute) still answers radius searches exactly,
// the slow way, until it is rebuilt.
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startMeilisearch, type TestMeilisearch } from "../../tests/support/meilisearch";
import { fixtureDocuments } from "../fixtures";
import { haversineMiles, placeText } from "../text";
import { indexSettings, MeilisearchEngine } from "./meilisearch";

let server: TestMeilisearch;
beforeAll(async () => { server = await startMeilisearch(); });
afterAll(async () => { await server?.stop(); });

test("a radius search on an index without `spot` falls back to _geoRadius, with the same answer, and says so once", async () => {
  const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
  await client.createIndex("old", { primaryKey: "id" }).waitTask();
  await client.index("old").updateSettings({ ...indexSettings, filterableAttributes: ["tags", "rating", "_geo"] }).waitTask();
  const engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: "old" });
  // Documents as the earlier version wrote them: no `spot`.
  await client.index("old").addDocuments(fixtureDocuments.map((d) => ({ ...d, place: placeText(d), tags: [`area:${d.area}`], _geo: { lat: d.lat, lng: d.lng } }))).waitTask();
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const leeds = { lat: 53.7997, lng: -1.5492, radiusMiles: 6 };
  for (let i = 0; i < 2; i++) {
    const r = await engine.search({ text: "", filters: {}, near: leeds, sort: "distance", page: 1, pageSize: 100 });
    const expected = fixtureDocuments.filter((d) => haversineMiles(leeds.lat, leeds.lng, d.lat, d.lng) <= 6).map((d) => d.id);
    expect(r.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  }
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]![0])).toMatch(/search:reindex/);
  warn.mockRestore();
});
