// Listing changes reach a real Meilisearch through the outbox: nothing lost when the server dies,
// one bad listing never blocks the rest, and the newest edit is what search ends up showing.
import { eq } from "drizzle-orm";
import { Meilisearch } from "meilisearch";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createService, updateService, withdrawService } from "../../app/directory/listings.server";
import { db } from "../../db/client";
import { searchOutbox } from "../../db/schema";
import { allDocuments, loadDocuments } from "../../search/documents";
import { MeilisearchEngine } from "../../search/engines/meilisearch";
import { fixtureDocuments } from "../../search/fixtures";
import { drainAll, drainOutbox, pendingCount, reindex, rejectedChanges } from "../../search/outbox";
import type { SearchEngine, SearchRequest, ServiceDocument } from "../../search/port";
import { generateRegion, randomSource } from "../../seeds/generate";
import { loadRegion } from "../../seeds/load";
import { anOrganisation, aService } from "../support/fixtures";
import { startMeilisearch, type TestMeilisearch } from "../support/meilisearch";

let server: TestMeilisearch;
beforeAll(async () => { server = await startMeilisearch(); });
afterAll(async () => { await server?.stop(); });
afterEach(() => vi.useRealTimers());

let n = 0;
const engineOn = (s: TestMeilisearch) => new MeilisearchEngine({ host: s.url, apiKey: s.masterKey, index: `sync_${++n}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const find = (engine: SearchEngine, text: string, r: Partial<SearchRequest> = {}) =>
  engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 100, ...r });

/** Every document in the index, read straight from Meilisearch rather than through the adapter. */
async function indexed(s: TestMeilisearch, engine: MeilisearchEngine): Promise<Map<number, Partial<ServiceDocument>>> {
  const client = new Meilisearch({ host: s.url, apiKey: s.masterKey });
  const { results } = await client.index<ServiceDocument>(engine.index)
    .getDocuments({ fields: ["id", "updatedAt", "title"], limit: 100_000 });
  return new Map(results.map((d) => [d.id, { id: d.id, updatedAt: d.updatedAt, title: d.title }]));
}

/** What the database says search should hold: every published service. */
function published(): Map<number, Partial<ServiceDocument>> {
  const docs = [...allDocuments(db)].flat();
  return new Map(docs.map((d) => [d.id, { id: d.id, updatedAt: d.updatedAt, title: d.title }]));
}

async function seededEngine(s: TestMeilisearch, listings: number) {
  loadRegion(db, generateRegion({ listings, seed: 42 }), { reset: true });
  const engine = engineOn(s);
  await reindex(db, engine);
  return engine;
}

/** The in-process worker, as search/worker.server.ts runs it, without its timer. */
function runWorker(engine: SearchEngine, pauseMs = 10) {
  let running = true;
  let failedRounds = 0;
  const done = (async () => {
    while (running) {
      const report = await drainAll(db, engine);
      if (report.error) failedRounds++;
      await sleep(pauseMs);
    }
  })();
  return { stop: async () => { running = false; await done; return failedRounds; } };
}

describe("a Meilisearch crash loses no listing change", () => {
  test("killed while 500 changes are made and restarted: once the outbox drains, the index holds what the database holds", async () => {
    // A server of its own, as this test kills it.
    const first = await startMeilisearch();
    let current = first;
    try {
      const engine = await seededEngine(first, 300);
      const org = anOrganisation();
      const live = [...published().keys()];
      const random = randomSource(7);
      const worker = runWorker(engine);

      for (let i = 0; i < 500; i++) {
        if (i === 150) await current.kill();
        if (i === 350) current = await startMeilisearch(first); // same data, port and key
        const updatedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
        const roll = random.next();
        if (roll < 0.3) {
          live.push(createService(aService(org.id, { name: `Change ${i}`, updatedAt })));
        } else if (roll < 0.9) {
          updateService(random.pick(live), { name: `Edit ${i}`, updatedAt });
        } else {
          withdrawService(live.splice(Math.floor(random.next() * live.length), 1)[0]!);
        }
        await sleep(i % 10 === 0 ? 15 : 1);
      }
      const failedRounds = await worker.stop();
      expect(failedRounds, "the worker should have met the dead server").toBeGreaterThan(0);

      // Changes that failed while it was down wait out their backoff: step past it instead of sleeping.
      vi.useFakeTimers({ now: Date.now() + 10 * 60_000, toFake: ["Date"] });
      const report = await drainAll(db, engine);
      expect(report.error).toBeUndefined();
      expect(pendingCount(db)).toBe(0);
      const truth = published();
      expect(truth.size).toBeGreaterThan(300);
      expect(await indexed(current, engine)).toEqual(truth);
    } finally {
      if (current !== first) await current.stop();
      await first.stop();
    }
  }, 60_000);
});

describe("a malformed listing does not hold back the others", () => {
  test("a listing with an impossible latitude is reported on its outbox row and left out; the rest of its batch is indexed", async () => {
    const engine = await seededEngine(server, 20);
    const org = anOrganisation();
    const good = Array.from({ length: 12 }, (_, i) => createService(aService(org.id, { name: `Knit and natter ${i + 1}` })));
    const bad = createService(aService(org.id, { name: "Knit and natter upside down", lat: 253.905 }));

    expect(await drainAll(db, engine)).toEqual({ applied: 12, failed: 0, rejected: 1, resent: 0 });
    expect((await find(engine, "knit natter")).hits.map((h) => h.id).sort()).toEqual([...good].sort());
    const row = db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, bad)).get()!;
    expect(row.doneAt).not.toBeNull();
    expect(row.lastError).toMatch(/latitude 253\.905/);
    expect(rejectedChanges(db)).toEqual([expect.objectContaining({ serviceId: bad, reason: expect.stringMatching(/latitude/) })]);

    // Not retried forever: nothing is left to send...
    expect(pendingCount(db)).toBe(0);
    expect(await drainAll(db, engine)).toMatchObject({ applied: 0, rejected: 0 });
    // ...until someone fixes the listing.
    updateService(bad, { lat: 53.905 });
    expect(await drainAll(db, engine)).toMatchObject({ applied: 1, rejected: 0 });
    expect((await find(engine, "upside down")).hits.map((h) => h.id)).toEqual([bad]);
  });

  test("a document Meilisearch itself refuses is found by halving the batch, and the others are indexed", async () => {
    const engine = engineOn(server);
    await engine.reindex([]);
    // Not an integer: Meilisearch refuses the id, which none of our own checks look at.
    const odd = { ...fixtureDocuments[0]!, id: 1.5 };
    const result = await engine.upsert([...fixtureDocuments.slice(0, 20), odd, ...fixtureDocuments.slice(20)]);
    expect(result.rejected).toEqual([{ id: 1.5, reason: expect.stringMatching(/identifier/) }]);
    const all = await find(engine, "");
    expect(all.total).toBe(fixtureDocuments.length);
  });
});

describe("concurrent edits to one listing", () => {
  test("an older version that lands after a newer one is noticed and replaced, so search ends on the latest edit", async () => {
    const engine = await seededEngine(server, 20);
    const org = anOrganisation();
    const id = createService(aService(org.id, { name: "Version one" }));
    const titleInIndex = async () => (await indexed(server, engine)).get(id)?.title;

    // Worker A reads "Version one", then stalls before sending it (a slow network, a GC pause).
    let reached!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((resolve) => { reached = resolve; });
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const stalled: SearchEngine = {
      ...engine,
      name: engine.name,
      search: engine.search.bind(engine),
      remove: engine.remove.bind(engine),
      reindex: engine.reindex.bind(engine),
      upsert: async (docs) => { reached(); await gate; return engine.upsert(docs); },
    };
    const workerA = drainOutbox(db, stalled);
    await atGate;

    // Meanwhile the listing is edited and worker B sends the new version.
    updateService(id, { name: "Version two" });
    await drainOutbox(db, engine);
    expect(await titleInIndex()).toBe("Version two");

    // A's stale write lands last...
    release();
    expect(await workerA).toMatchObject({ resent: 1 });
    expect(await titleInIndex()).toBe("Version one");
    // ...but A noticed, so its change is due again and the next drain puts the latest back.
    expect(pendingCount(db)).toBe(1);
    await drainAll(db, engine);
    expect(await titleInIndex()).toBe("Version two");
    expect(pendingCount(db)).toBe(0);
  });

  test("many edits to a few listings while two workers sync with uneven delays: the index ends on each one's latest version, whole", async () => {
    const engine = await seededEngine(server, 20);
    const org = anOrganisation();
    const ids = Array.from({ length: 6 }, (_, i) => createService(aService(org.id, { name: `Listing ${i} edit 0` })));
    const random = randomSource(3);
    // One worker is slow between reading listings and sending them (a far network, a GC pause),
    // the other quick, so the quick one's newer versions often land before the slow one's older.
    const slow: SearchEngine = {
      ...engine,
      name: engine.name,
      search: engine.search.bind(engine),
      remove: engine.remove.bind(engine),
      reindex: engine.reindex.bind(engine),
      upsert: async (docs) => { await sleep(random.int(100, 200)); return engine.upsert(docs); },
    };
    const workers = [runWorker(slow, 0), runWorker(engine, 2)];
    for (let i = 1; i <= 120; i++) {
      const id = ids[i % ids.length]!;
      updateService(id, { name: `Listing ${ids.indexOf(id)} edit ${i}`, pricePence: 100 * i, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
      await sleep(random.int(0, 6));
    }
    for (const w of workers) await w.stop();
    await drainAll(db, engine);

    const truth = loadDocuments(db, ids);
    const r = await find(engine, "listing edit", { filters: {}, pageSize: 100 });
    const found = new Map(r.hits.filter((h) => ids.includes(h.id)).map(({ distanceMiles: _d, ...doc }) => [doc.id, doc]));
    expect(found).toEqual(truth);
    expect(pendingCount(db)).toBe(0);
  });
});

describe("rebuilding the Meilisearch index", () => {
  test("searches keep answering from the old index during a rebuild; the swap brings the new one and removes the old", async () => {
    const engine = await seededEngine(server, 120);
    const before = (await find(engine, "", { pageSize: 0 })).total;
    const org = anOrganisation();
    createService(aService(org.id, { name: "Mid-rebuild memory cafe" }));

    let during: number | undefined;
    await engine.reindex((async function* () {
      yield [...allDocuments(db)].flat().slice(0, 10);
      during = (await find(engine, "", { pageSize: 0 })).total;
    })());
    expect(during).toBe(before);
    expect((await find(engine, "", { pageSize: 0 })).total).toBe(10);

    const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
    const names = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(names.filter((name) => name.startsWith(`${engine.index}_`))).toEqual([]);
    expect(names).toContain(engine.index);

    // And the change made before the rebuild is still searchable after a full one from the database.
    await reindex(db, engine);
    expect((await find(engine, "memory cafe")).total).toBe(1);
  });
});
