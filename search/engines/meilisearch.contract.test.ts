// The shared contract, run unchanged against a real Meilisearch server (started for this file).
import { afterAll, beforeAll } from "vitest";
import { startMeilisearch, type TestMeilisearch } from "../../tests/support/meilisearch";
import { searchEngineContract } from "../contract";
import { MeilisearchEngine } from "./meilisearch";

let server: TestMeilisearch;
beforeAll(async () => { server = await startMeilisearch(); });
afterAll(async () => { await server?.stop(); });

// A fresh index for every test, so no test sees another's writes.
let n = 0;
searchEngineContract("Meilisearch", () => new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, index: `contract_${++n}` }));
