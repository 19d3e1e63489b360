// The score pages show is the score search sorts by: a listing with one 5-star review ranks below
// one with forty reviews averaging 4.7, in the real embedded engine, after a removal as well.
import { expect, test } from "vitest";
import { db } from "../../db/client";
import { orders, reviews } from "../../db/schema";
import { createService } from "../../app/directory/listings.server";
import { removeReview } from "../../app/reviews/reviews.server";
import { serviceReviews } from "../../app/reviews/views.server";
import { EmbeddedEngine } from "../../search/engines/embedded";
import { drainAll, reindex } from "../../search/outbox";
import { aService } from "../support/fixtures";
import { orderWorld } from "../support/orders";

test("the rating sort uses the page's Bayesian score: 5.0 from 1 review ranks below 4.7 from 40", async () => {
  const w = orderWorld();
  const lone = createService(aService(w.ids.organisation, { name: "One glowing review" }));
  const many = createService(aService(w.ids.organisation, { name: "Forty good reviews" }));
  const write = (serviceId: number, overall: number) => {
    const order = db.insert(orders).values({
      serviceId, organisationId: w.ids.organisation, buyerId: w.ids.holder, placedBy: w.ids.holder, status: "ended", paymentMethod: "card",
      serviceName: "x", category: "leisure-and-arts", unit: "session", unitPricePence: 500, quantityHundredths: 100, recurrence: "one-off", startsOn: "2026-01-01",
    }).returning().get();
    return db.insert(reviews).values({
      serviceId, organisationId: w.ids.organisation, personId: w.ids.holder, authorId: w.ids.holder, basis: "order", orderId: order.id,
      reliability: overall, communication: overall, value: overall, helpedMe: overall, overall, body: "Fine.", publishAt: "2026-01-10T00:00:00.000Z",
    }).returning().get();
  };
  write(lone, 5);
  for (let i = 0; i < 40; i++) write(many, i < 28 ? 5 : 4); // 28 × 5 + 12 × 4 = 188: an average of 4.7

  const engine = new EmbeddedEngine(db.$client);
  await reindex(db, engine);
  const byRating = async () => (await engine.search({ text: "", filters: {}, sort: "rating", page: 1, pageSize: 10 })).hits
    .filter((h) => h.rating !== null).map((h) => [h.title, h.rating, h.ratingCount]);
  expect(await byRating()).toEqual([["Forty good reviews", 4.57, 40], ["One glowing review", 3.75, 1]]);
  expect(serviceReviews(many).scores.overall).toEqual({ score: 4.57, count: 40 });

  // A moderator's removal reaches the index through the outbox written with it.
  const only = db.select().from(reviews).all().find((r) => r.serviceId === lone)!;
  removeReview(w.as.moderator(), only.id, { reason: "not-a-real-experience", note: "The account never used the service." });
  await drainAll(db, engine);
  expect(await byRating()).toEqual([["Forty good reviews", 4.57, 40]]);
});
