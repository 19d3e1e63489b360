// Demo reviews, so `npm run demo` shows scores: a few paid services reviewed from delivered
// orders by invented reviewers (who cannot log in), two free groups reviewed by people who went,
// and one fresh review of the demo provider's service still inside its seven days to reply.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { occurrences, orders, reviews, services, users } from "../db/schema";

const DAY = 86_400_000;
const bodies = [
  "Always on time, and never rushed me. I get out more now.",
  "Friendly and reliable. Once they were late but they rang to say so.",
  "Good value for what we get. They listen to what my dad wants.",
  "It took a few weeks to settle in, but now it works well.",
  "Kind staff. They helped me get back to the allotment.",
  "Some weeks it was a different person each time, which was hard.",
];

/** Reviews for the first few published services; `providerOrganisationId` is the demo provider's. */
export function seedDemoReviews(db: Db, providerOrganisationId: number, now = Date.now()) {
  db.transaction((tx) => {
    const reviewers = Array.from({ length: 20 }, (_, i) => tx.insert(users).values({
      email: `reviewer${String(i + 1).padStart(2, "0")}@example.org`, name: `Demo reviewer ${i + 1}`, passwordHash: "not-a-password: demo reviewers cannot log in",
    }).returning({ id: users.id }).get().id);
    const paid = tx.select().from(services).where(and(eq(services.status, "published"), gt(services.pricePence, 0))).orderBy(asc(services.id)).limit(6).all();
    const providers = tx.select().from(services).where(and(eq(services.organisationId, providerOrganisationId), eq(services.status, "published"), gt(services.pricePence, 0)))
      .orderBy(asc(services.id)).limit(1).all();
    const free = tx.select().from(services).where(and(eq(services.status, "published"), eq(services.priceUnit, "free"))).orderBy(asc(services.id)).limit(2).all();
    const counts = [20, 12, 7, 4, 2, 1];
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

    const write = (s: typeof services.$inferSelect, n: number, k: number, basis: "order" | "attended", daysAgo: number) => {
      const person = reviewers[(k + s.id) % reviewers.length]!;
      const stars = (shift: number) => Math.max(1, Math.min(5, 5 - ((k * 3 + s.id + shift) % 4 === 0 ? 2 : (k + shift) % 3 === 0 ? 1 : 0)));
      let orderId: number | undefined;
      if (basis === "order") {
        const on = at(daysAgo + 2).slice(0, 10);
        orderId = tx.insert(orders).values({
          serviceId: s.id, organisationId: s.organisationId, buyerId: person, placedBy: person, status: "ended", paymentMethod: "card", serviceName: s.name,
          category: s.categorySlug, unit: s.priceUnit, unitPricePence: s.pricePence, quantityHundredths: 100, recurrence: "one-off", startsOn: on,
        }).returning({ id: orders.id }).get().id;
        tx.insert(occurrences).values({
          orderId, date: on, quantityHundredths: 100, amountPence: s.pricePence, status: "paid", deliveredOn: on, deliveredQuantityHundredths: 100,
          deliveryRecordedAt: at(daysAgo + 2), chargedPence: s.pricePence, confirmedAt: at(daysAgo + 1),
        }).run();
      }
      const submittedAt = at(daysAgo);
      const publishAt = at(daysAgo - 7);
      tx.insert(reviews).values({
        serviceId: s.id, organisationId: s.organisationId, personId: person, authorId: person, basis, orderId,
        reliability: stars(0), communication: stars(1), value: stars(2), helpedMe: stars(3), overall: stars(0),
        body: bodies[(k + s.id) % bodies.length]!, submittedAt, publishAt, scoredAt: daysAgo >= 7 ? publishAt : null,
        reply: k === 0 && n > 3 ? "Thank you for taking the time to tell people about us." : null,
        repliedAt: k === 0 && n > 3 ? at(daysAgo - 1) : null,
      }).run();
    };

    paid.forEach((s, i) => { for (let k = 0; k < counts[i]!; k++) write(s, counts[i]!, k, "order", 10 + k * 17); });
    free.forEach((s, i) => { for (let k = 0; k < 3 + i; k++) write(s, 3 + i, k, "attended", 12 + k * 23); });
    for (const s of providers.filter((p) => !paid.some((x) => x.id === p.id))) {
      for (let k = 0; k < 4; k++) write(s, 4, k, "order", 20 + k * 30);
    }
    // Fresh: written two days ago, so the demo provider has one waiting for a reply.
    for (const s of providers) write(s, 1, 7, "order", 2);
  });
}
