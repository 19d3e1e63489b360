// A demo group offer: one of the first provider's paid services (an activity if it has one), bought together, closing in ten
// days with Brian already in it, so `npm run demo` shows "1 of 6 joined" on the service page.
import { and, asc, desc, eq, gt, ne, sql } from "drizzle-orm";
import { actorFor } from "../app/accounts/actor.server";
import { budgetAccountsOf } from "../app/budgets/budgets.server";
import { openOffer, pledge } from "../app/consortia/consortia.server";
import { londonFivePm } from "../app/consortia/offer-form";
import { addDays, dayOf } from "../app/purchasing/schedule";
import type { Db } from "../db/client";
import { services, users } from "../db/schema";
import type { DemoKey } from "./accounts";

const actorOf = (db: Db, id: number) => actorFor({ sessionId: 0, user: db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id)).get()! });

export function seedDemoGroupOffer(db: Db, ids: Record<DemoKey, number>, providerOrganisationId: number, now = new Date()) {
  const service = db.select().from(services).where(and(eq(services.organisationId, providerOrganisationId), eq(services.status, "published"),
    gt(services.pricePence, 400), ne(services.categorySlug, "training-for-pas"), ne(services.priceUnit, "free")))
    // Things people do together first; any paid service will do.
    .orderBy(desc(sql`${services.categorySlug} IN ('leisure-and-arts', 'day-activities', 'health-and-wellbeing', 'peer-support')`), asc(services.id)).get();
  if (!service) return null;
  const today = dayOf(now);
  const price = service.pricePence;
  const offerId = openOffer(actorOf(db, ids.provider), {
    serviceId: service.id, title: `${service.name}: a weekly group`, description: `${service.name} in a small group of people who want the same thing, each paying less than alone.`,
    tiers: [{ members: 3, pricePence: Math.round(price * 0.7) }, { members: 5, pricePence: Math.round(price * 0.55) }], maxMembers: 6,
    quantityHundredths: 200, recurrence: "weekly", timeFrom: "14:00", timeTo: "16:00",
    pledgeDeadline: londonFivePm(addDays(today, 10)), startsOn: addDays(today, 14), termWeeks: 12, noticeWeeks: 2,
  }, now);
  const brianBudget = budgetAccountsOf(ids.holder2)[0];
  if (brianBudget) pledge(actorOf(db, ids.holder2), { offerId, holderId: ids.holder2, budgetAccountId: brianBudget.id, displayName: "Brian" }, now);
  return offerId;
}
