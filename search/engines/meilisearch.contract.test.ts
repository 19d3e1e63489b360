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
// The same with the contract's centre (Leeds) known, so its radius searches are tag filters
// (listings carry their distance from it) rather than grid cells.
searchEngineContract("Meilisearch, searching from a known centre", () => new MeilisearchEngine({
  host: server.url, apiKey: server.masterKey, index: `contract_${++n}`, centres: [{ key: "leeds", lat: 53.7997, lng: -1.5492 }],
}));
