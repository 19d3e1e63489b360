// Listing changes reach search through the outbox: never lost, never half-applied.
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { config } from "../../app/config.server";
import { createService, updateOrganisation, updateService, withdrawService } from "../../app/directory/listings.server";
import { db } from "../../db/client";
import { searchOutbox } from "../../db/schema";
import { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll, drainOutbox, pendingCount, reindex } from "../../search/outbox";
import type { SearchEngine, SearchRequest } from "../../search/port";
import { anOrganisation, aService, seedRegion } from "../support/fixtures";

const find = (engine: SearchEngine, text: string, r: Partial<SearchRequest> = {}) =>
  engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 50, ...r });

/** An engine that is down: every write fails, as when Meilisearch is unreachable. */
const down = (engine: SearchEngine): SearchEngine => ({
  ...engine,
  name: "down",
  search: engine.search.bind(engine),
  reindex: engine.reindex.bind(engine),
  upsert: async () => { throw new Error("connect ECONNREFUSED 127.0.0.1:7700"); },
  remove: async () => { throw new Error("connect ECONNREFUSED 127.0.0.1:7700"); },
});

afterEach(() => vi.useRealTimers());

describe("listing changes reach search through the outbox", () => {
  test("a new service is searchable once the outbox drains, and not before", async () => {
    const engine = await seedRegion(50);
    const org = anOrganisation();
    const id = createService(aService(org.id));
    expect((await find(engine, "knit natter")).total).toBe(0);
    expect(pendingCount(db)).toBe(1);
    await drainAll(db, engine);
    const r = await find(engine, "knit natter");
    expect(r.hits.map((h) => h.id)).toEqual([id]);
    expect(r.hits[0]).toMatchObject({ organisationName: "Test Friends of Otley", townName: "Otley", areaName: "Leeds", days: ["tue"] });
    expect(pendingCount(db)).toBe(0);
  });

  test("an edit replaces what search knows, and a withdrawn service disappears", async () => {
    const engine = await seedRegion(50);
    const org = anOrganisation();
    const id = createService(aService(org.id));
    updateService(id, { name: "Crochet circle", categorySlug: "day-activities" });
    await drainAll(db, engine);
    expect((await find(engine, "natter ")).total).toBe(0);
    expect((await find(engine, "crochet", { filters: { category: "day-activities" } })).hits.map((h) => h.id)).toEqual([id]);
    withdrawService(id);
    await drainAll(db, engine);
    expect((await find(engine, "crochet")).total).toBe(0);
  });

  test("renaming an organisation updates every one of its services in search", async () => {
    const engine = await seedRegion(50);
    const org = anOrganisation();
    const ids = [createService(aService(org.id)), createService(aService(org.id, { name: "Chair yoga" }))];
    await drainAll(db, engine);
    updateOrganisation(org.id, { name: "Wharfedale Good Neighbours" });
    await drainAll(db, engine);
    const r = await find(engine, "wharfedale neighbours");
    expect(r.hits.map((h) => h.id).sort()).toEqual(ids.sort());
  });

  test("when the engine is down, changes wait with backoff and are applied once it is back", async () => {
    const engine = await seedRegion(50);
    const org = anOrganisation();
    const id = createService(aService(org.id));
    const t0 = Date.now() + 60_000; // a minute on, so the new row is due
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    vi.useFakeTimers({ now: at(0), toFake: ["Date"] });

    const failed = await drainOutbox(db, down(engine));
    expect(failed).toMatchObject({ applied: 0, failed: 1, error: expect.stringContaining("ECONNREFUSED") });
    const row = db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, id)).get()!;
    expect(row).toMatchObject({ attempts: 1, doneAt: null, lastError: expect.stringContaining("ECONNREFUSED") });
    expect(Date.parse(row.nextAttemptAt)).toBe(at(1).getTime());

    // Not due yet: nothing is retried, even with the engine back.
    expect(await drainOutbox(db, engine)).toMatchObject({ applied: 0, failed: 0 });
    vi.setSystemTime(at(1));
    await drainOutbox(db, down(engine)); // still down a second later: the wait doubles
    const again = db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, id)).get()!;
    expect(again.attempts).toBe(2);
    expect(Date.parse(again.nextAttemptAt)).toBe(at(3).getTime());

    vi.setSystemTime(at(3));
    expect(await drainAll(db, engine)).toMatchObject({ applied: 1, failed: 0 });
    expect((await find(engine, "knit natter")).hits.map((h) => h.id)).toEqual([id]);
  });
});

describe("rebuilding the index", () => {
  test("searches keep answering from the old index while a rebuild runs, then see the new one", async () => {
    const engine = await seedRegion(120);
    const before = await find(engine, "", { pageSize: 0 });
    // A second connection, as another server process would have.
    const other = new EmbeddedEngine(new Database(config.DATABASE_PATH));
    let during: number | undefined;
    const org = anOrganisation();
    createService(aService(org.id)); // pending in the outbox when the rebuild starts

    await engine.reindex((function* () {
      yield [];
      during = other.searchNow({ text: "", filters: {}, sort: "relevance", page: 1, pageSize: 0 }).total;
    })());
    expect(during).toBe(before.total);
    expect(other.searchNow({ text: "", filters: {}, sort: "relevance", page: 1, pageSize: 0 }).total).toBe(0);
  });

  test("a change made during a rebuild is not lost", async () => {
    const engine = await seedRegion(80);
    const org = anOrganisation();
    let id = 0;
    const sneaky: SearchEngine = {
      ...engine,
      search: engine.search.bind(engine),
      upsert: engine.upsert.bind(engine),
      remove: engine.remove.bind(engine),
      reindex: async (batches) => {
        await engine.reindex((async function* () {
          for await (const batch of batches) {
            yield batch;
            if (!id) id = createService(aService(org.id, { name: "Mid-rebuild memory cafe" }));
          }
        })());
      },
    };
    await reindex(db, sneaky);
    expect((await find(engine, "memory cafe")).hits.map((h) => h.id)).toEqual([id]);
    expect(pendingCount(db)).toBe(0);
  });
});
