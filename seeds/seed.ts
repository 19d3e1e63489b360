// `npm run db:seed [-- --listings N --reset]`: fills the database with the demo region and indexes it.
// Without --reset an already seeded database is left alone, so `npm run demo` keeps your changes.
import { parseArgs } from "node:util";
import { asc, count } from "drizzle-orm";
import { db } from "../db/client";
import { mailOutbox, organisations, services } from "../db/schema";
import { searchEngine } from "../search/engine";
import { reindex } from "../search/outbox";
import { generateRegion } from "./generate";
import { DEMO_PASSWORD, demoPeople, seedDemoPeople } from "./accounts";
import { seedDemoBudgets, seedSpendingRules } from "./budgets";
import { seedDemoGroupOffer } from "./consortia";
import { seedPurchaseHistory } from "./insights";
import { loadRegion } from "./load";
import { seedDemoReviews } from "./reviews";
import { seedDemoRequests } from "./requests";

const { values } = parseArgs({
  options: { listings: { type: "string", default: "2000" }, reset: { type: "boolean", default: false }, seed: { type: "string" } },
});
const listings = Number(values.listings);
if (!Number.isInteger(listings) || listings < 1 || listings > 1_000_000) {
  console.error("--listings must be a whole number from 1 to 1,000,000");
  process.exit(2);
}

const existing = db.select({ n: count() }).from(services).get()?.n ?? 0;
if (existing > 0 && !values.reset) {
  console.log(`Already seeded (${existing} services); pass --reset to start again.`);
  process.exit(0);
}

const started = Date.now();
const region = generateRegion({ listings, seed: values.seed ? Number(values.seed) : undefined });
loadRegion(db, region, { reset: true });
const people = await seedDemoPeople(db);
seedSpendingRules(db);
const demoProvider = db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.id)).get()!.id;
seedDemoBudgets(people, demoProvider);
seedDemoReviews(db, demoProvider);
seedDemoRequests(people);
seedDemoGroupOffer(db, people, demoProvider);
// Two years of past purchases in Leeds and Bradford, so Kim (their commissioner) has insights to read.
seedPurchaseHistory(db, { area: "leeds", buyers: 400, orders: 6_000, months: 24, searches: 3_000, seed: 1 });
seedPurchaseHistory(db, { area: "bradford", buyers: 150, orders: 1_500, months: 24, searches: 800, seed: 2 });
// The demo's history is not news to anyone: nothing it made is emailed.
db.delete(mailOutbox).run();
console.log(`Seeded ${region.length} organisations and ${listings} services in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${demoPeople.map((p) => `${p.email} (${p.key})`).join(", ")}.`);

const engine = searchEngine();
await reindex(db, engine);
db.$client.pragma("optimize");
console.log(`Indexed for ${engine.name} search in ${((Date.now() - started) / 1000).toFixed(1)} s in all.`);
