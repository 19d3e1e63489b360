// Searches go to Meilisearch over node:http (./meilisearch-http.ts): its answers and failures must
// read exactly as the client's would, or the engine's fallbacks and messages would not work.
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startMeilisearch, type TestMeilisearch } from "../../tests/support/meilisearch";
import { fixtureDocuments } from "../fixtures";
import { MeilisearchEngine } from "./meilisearch";

let server: TestMeilisearch;
beforeAll(async () => { server = await startMeilisearch(); });
afterAll(async () => { await server?.stop(); });

test("a search finds what was written, and a search of an index not yet made finds nothing rather than failing", async () => {
  const engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: "http_answers" });
  const request = { text: "", filters: {}, sort: "relevance", page: 1, pageSize: 5 } as const;
  expect(await engine.search(request)).toMatchObject({ total: 0, hits: [] });
  await engine.upsert(fixtureDocuments);
  expect((await engine.search(request)).total).toBe(fixtureDocuments.length);
});

test("a wrong key is Meilisearch's refusal, and a server that is not there says which server", async () => {
  const wrongKey = new MeilisearchEngine({ host: server.url, apiKey: "not-the-key", index: "http_answers" });
  await expect(wrongKey.search({ text: "art", filters: {}, sort: "relevance", page: 1, pageSize: 5 })).rejects.toThrow(/API key/i);

  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
  const nowhere = new MeilisearchEngine({ host: `http://127.0.0.1:${port}`, apiKey: "x", index: "http_answers" });
  await expect(nowhere.search({ text: "art", filters: {}, sort: "relevance", page: 1, pageSize: 5 }))
    .rejects.toThrow(`Meilisearch at http://127.0.0.1:${port} is unreachable (ECONNREFUSED)`);
});
