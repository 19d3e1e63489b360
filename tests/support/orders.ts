// A small world for order tests: a budget holder with a representative, a provider with a
// help-at-home service, a moderator and an admin, and a budget with money in it.
import { db } from "../../db/client";
import { memberships, spendingRules, userRoles } from "../../db/schema";
import { clearData } from "../../seeds/load";
import { allocate, openBudgetAccount } from "../../app/budgets/budgets.server";
import { createService } from "../../app/directory/listings.server";
import { placeOrder, type PlaceOrder } from "../../app/purchasing/orders.server";
import { actorOf, anOrganisation, aService } from "./fixtures";

export type World = ReturnType<typeof orderWorld>;

const person = (email: string, name: string) =>
  db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'x') RETURNING id").pluck().get(email, name) as number;

/** Everyone an order touches; the budget holds `budgetPence` (default £1,000) from 1 January 2026. */
export function orderWorld({ budgetPence = 100_000, arrangement = "direct-payment" as "direct-payment" | "isf" } = {}) {
  db.transaction((tx) => clearData(tx));
  const holder = person("holder@example.org", "Hana Holder");
  const representative = person("rep@example.org", "Ravi Rep");
  const staff = person("staff@example.org", "Sam Staff");
  const otherStaff = person("other@example.org", "Olu Other");
  const moderator = person("mod@example.org", "Mona Moderator");
  const admin = person("admin@example.org", "Ade Admin");
  const stranger = person("stranger@example.org", "Stan Stranger");
  const organisation = anOrganisation({ name: "Help at Home Otley", kind: "micro-enterprise", staffCount: 2 }).id;
  const otherOrganisation = anOrganisation({ name: "Somebody Else Ltd" }).id;
  db.insert(memberships).values([
    { userId: staff, organisationId: organisation, role: "owner" },
    { userId: otherStaff, organisationId: otherOrganisation, role: "owner" },
  ]).run();
  db.insert(userRoles).values([{ userId: moderator, role: "moderator" }, { userId: admin, role: "admin" }, { userId: holder, role: "budget-holder" }]).run();
  db.$client.prepare("INSERT INTO representative_grants (holder_id, representative_id, relationship, basis, granted_by) VALUES (?, ?, 'Son', 'consent', ?)").run(holder, representative, holder);
  const serviceId = createService(aService(organisation, {
    name: "Help at home in Otley", categorySlug: "help-at-home", pricePence: 1_800, priceUnit: "hour", deliveryModes: ["home"],
    paymentRoutes: ["direct-payment", "isf", "self-funded"],
  }));
  const ptTraining = createService(aService(organisation, {
    name: "First aid course for PAs", categorySlug: "training-for-pas", pricePence: 9_000, priceUnit: "session", paymentRoutes: ["direct-payment", "self-funded"],
  }));
  db.insert(spendingRules).values({
    areaSlug: "leeds", kind: "category-not-allowed", params: { category: "training-for-pas" },
    explanation: "In Leeds, training for personal assistants is paid from the council's PA training fund, not from your budget.",
    instead: "Ask your support planner to book the course through the council's PA training fund.",
  }).run();
  const budget = openBudgetAccount({
    holderId: holder, areaSlug: "leeds", arrangement, isfProviderId: arrangement === "isf" ? otherOrganisation : null,
    annualAllocationPence: budgetPence * 13, periodDays: 28, startsOn: "2026-01-01", endsOn: "2027-12-31",
  }, admin);
  allocate(budget.id, 0, admin, "2026-01-01");
  return {
    ids: { holder, representative, staff, otherStaff, moderator, admin, stranger, organisation, otherOrganisation, serviceId, ptTraining, budget: budget.id },
    as: {
      holder: () => actorOf(holder), representative: () => actorOf(representative), staff: () => actorOf(staff), otherStaff: () => actorOf(otherStaff),
      moderator: () => actorOf(moderator), admin: () => actorOf(admin), stranger: () => actorOf(stranger),
    },
  };
}

/** 2 hours on one Tuesday (or every Tuesday), paid from the world's budget. */
export function orderTerms(w: World, over: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    serviceId: w.ids.serviceId, buyerId: w.ids.holder, payWith: { budgetAccountId: w.ids.budget }, quantityHundredths: 200,
    recurrence: "one-off", startsOn: "2026-02-03", timeFrom: "10:00", timeTo: "12:00", ...over,
  };
}

export const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T09:00:00Z` : iso);

/** Places an order as the holder on 1 February 2026 and returns its id (fails the test if refused). */
export function placed(w: World, over: Partial<PlaceOrder> = {}, now = at("2026-02-01")): number {
  const r = placeOrder(w.as.holder(), orderTerms(w, over), now);
  if (!r.ok) throw new Error(`order refused: ${r.refusal.explanation}`);
  return r.orderId;
}
