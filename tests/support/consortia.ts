// A small world for group offers: a provider with a weekly art group at £24 an hour alone, and
// `holders` budget holders in Leeds with £1,000 each (from 1 January 2026). The offer: 2 hours
// every Tuesday from 10 February 2026 for 12 weeks, £15 an hour each with 3 members, £12 with 5,
// at most 6, closing on 6 February at 17:00, two weeks' notice to leave.
import { db } from "../../db/client";
import { memberships, spendingRules, userRoles } from "../../db/schema";
import type { PriceTier } from "../../db/schema/consortia";
import { clearData } from "../../seeds/load";
import { allocate, openBudgetAccount } from "../../app/budgets/budgets.server";
import { createService } from "../../app/directory/listings.server";
import { openOffer, pledge, type NewOffer } from "../../app/consortia/consortia.server";
import { actorOf, anOrganisation, aService } from "./fixtures";

export type GroupWorld = ReturnType<typeof groupWorld>;

export const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T09:00:00Z` : iso);
export const BEFORE = at("2026-02-01");
export const AFTER_DEADLINE = at("2026-02-06T17:00:01Z");

const person = (email: string, name: string) =>
  db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'x') RETURNING id").pluck().get(email, name) as number;

export function groupWorld({ holders = 6, budgetPence = 100_000 } = {}) {
  db.transaction((tx) => clearData(tx));
  const staff = person("staff@example.org", "Sam Staff");
  const stranger = person("stranger@example.org", "Stan Stranger");
  const organisation = anOrganisation({ name: "Otley Art Club", kind: "micro-enterprise", staffCount: 2 }).id;
  db.insert(memberships).values({ userId: staff, organisationId: organisation, role: "owner" }).run();
  const serviceId = createService(aService(organisation, {
    name: "Art group in Otley", categorySlug: "leisure-and-arts", pricePence: 2_400, priceUnit: "hour", paymentRoutes: ["direct-payment", "self-funded"],
  }));
  const training = createService(aService(organisation, {
    name: "First aid for PAs", categorySlug: "training-for-pas", pricePence: 3_000, priceUnit: "hour", paymentRoutes: ["direct-payment"],
  }));
  db.insert(spendingRules).values({
    areaSlug: "leeds", kind: "category-not-allowed", params: { category: "training-for-pas" },
    explanation: "In Leeds, training for personal assistants is paid from the council's PA training fund, not from your budget.",
    instead: "Ask your support planner to book the course through the council's PA training fund.",
  }).run();
  const people = Array.from({ length: holders }, (_, i) => {
    const id = person(`holder${i}@example.org`, `Holder${i} Surname${i}`);
    db.insert(userRoles).values({ userId: id, role: "budget-holder" }).run();
    const budget = openBudgetAccount({
      holderId: id, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: budgetPence * 13, periodDays: 28, startsOn: "2026-01-01", endsOn: "2027-12-31",
    }, staff);
    allocate(budget.id, 0, staff, "2026-01-01");
    return { id, budget: budget.id };
  });
  return { staff, stranger, organisation, serviceId, training, people, as: actorOf };
}

export const tiers: PriceTier[] = [{ members: 3, pricePence: 1_500 }, { members: 5, pricePence: 1_200 }];

export function offerTerms(w: GroupWorld, over: Partial<NewOffer> = {}): NewOffer {
  return {
    serviceId: w.serviceId, title: "Tuesday art group", description: "Painting together, 10 to 12 every Tuesday.", tiers, maxMembers: 6,
    quantityHundredths: 200, recurrence: "weekly", timeFrom: "10:00", timeTo: "12:00", pledgeDeadline: "2026-02-06T17:00:00.000Z",
    startsOn: "2026-02-10", termWeeks: 12, noticeWeeks: 2, ...over,
  };
}

export const opened = (w: GroupWorld, over: Partial<NewOffer> = {}) => openOffer(w.as(w.staff), offerTerms(w, over), BEFORE);

/** Person `i` pledges from their own budget (fails the test if refused). */
export function pledged(w: GroupWorld, offerId: number, i: number, now = BEFORE) {
  const p = w.people[i]!;
  const r = pledge(w.as(p.id), { offerId, holderId: p.id, budgetAccountId: p.budget, displayName: `Holder${i}` }, now);
  if (!r.ok) throw new Error(`pledge refused: ${r.refusal.explanation}`);
  return r;
}
