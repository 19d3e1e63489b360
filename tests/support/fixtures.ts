// Small, real data for integration tests: a generated region in this test file's database.
import { eq } from "drizzle-orm";
import { actorFor } from "../../app/accounts/actor.server";
import { db } from "../../db/client";
import { organisations, users } from "../../db/schema";
import type { NewService } from "../../app/directory/listings.server";
import { EmbeddedEngine } from "../../search/engines/embedded";
import { reindex } from "../../search/outbox";
import { generateRegion } from "../../seeds/generate";
import { loadRegion } from "../../seeds/load";

export async function seedRegion(listings = 200) {
  loadRegion(db, generateRegion({ listings, seed: 42 }), { reset: true });
  const engine = new EmbeddedEngine(db.$client);
  await reindex(db, engine);
  return engine;
}

export function anOrganisation(values: Partial<typeof organisations.$inferInsert> = {}) {
  return db.insert(organisations).values({
    name: "Test Friends of Otley", kind: "community-group", description: "Volunteers in Otley.", townSlug: "otley",
    lat: 53.905, lng: -1.694, areaServed: "Otley", ...values,
  }).returning().get();
}

export function aService(organisationId: number, values: Partial<NewService> = {}): NewService {
  return {
    organisationId, name: "Knit and natter", categorySlug: "leisure-and-arts", description: "A friendly knitting circle.",
    pricePence: 0, priceUnit: "free", deliveryModes: ["community"], availability: [{ day: "tue", from: "10:00", to: "12:00" }],
    capacityFree: 6, accessibility: ["wheelchair"], languages: ["English"], paymentRoutes: ["self-funded"],
    townSlug: "otley", postcode: "LS21 1AA", lat: 53.905, lng: -1.694, radiusMiles: 5, ...values,
  };
}

/** The signed-in person as the permission rules see them, as if they had just logged in. */
export function actorOf(userId: number) {
  const user = db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`no user ${userId}`);
  return actorFor({ sessionId: 0, user });
}
