// Demo budgets and every council's spending rules. The rules are invented for the demo but
// shaped like real ones: carry-over limits, things a direct payment may not buy, cash.
import { localAuthorities } from "../app/directory/region";
import { allocate, openBudgetAccount, spend } from "../app/budgets/budgets.server";
import { recordIsfSpend } from "../app/budgets/isf.server";
import { agreePlan, draftFor, saveDraft } from "../app/budgets/plans.server";
import type { Db } from "../db/client";
import { spendingRules } from "../db/schema";
import type { DemoKey } from "./accounts";

export function seedSpendingRules(db: Db) {
  db.transaction((tx) => {
    localAuthorities.forEach((area, i) => {
      const percent = [25, 20, 25, 30][i % 4]!;
      const capWeeks = [4, 6, 4, 8][i % 4]!;
      tx.insert(spendingRules).values([
        { areaSlug: area.slug, kind: "carry-over", params: { percent, capWeeks },
          explanation: `${area.name} lets you keep up to ${percent}% of each payment you do not spend, up to ${capWeeks} weeks' worth, as a contingency. The rest goes back to the council at the end of each period.`,
          instead: "Plan ahead with your support planner if you are saving for something." },
        { areaSlug: area.slug, kind: "cash-withdrawals", params: { allowed: i % 3 === 0 },
          explanation: i % 3 === 0 ? `${area.name} allows cash withdrawals for small purchases, with receipts kept.` : `${area.name} does not allow cash to be taken out of a personal budget, because every payment must be traceable.`,
          instead: "Pay the provider directly from your budget, or ask them to invoice you." },
        { areaSlug: area.slug, kind: "category-not-allowed", params: { category: "training-for-pas" },
          explanation: i % 2 === 0 ? `In ${area.name}, training for personal assistants is paid from the council's PA training fund, not from your budget.` : `${area.name} pays for PA training centrally, so it cannot come out of your budget.`,
          instead: "Ask your support planner to book the course through the council's PA training fund." },
      ]).run();
    });
  });
}

/** Budgets for the demo people: an ISF held by the demo provider, and a direct payment. */
export function seedDemoBudgets(ids: Record<DemoKey, number>, providerOrganisationId: number) {
  const startsOn = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
  const isf = openBudgetAccount({ holderId: ids.holder, areaSlug: "leeds", arrangement: "isf", isfProviderId: providerOrganisationId,
    annualAllocationPence: 1_820_000, periodDays: 28, contributionPence: 1_500, feeKind: "percent", feeValue: 750, startsOn }, ids.admin);
  const dp = openBudgetAccount({ holderId: ids.holder2, areaSlug: "bradford", arrangement: "direct-payment",
    annualAllocationPence: 950_000, periodDays: 28, startsOn }, ids.admin);
  for (let p = 0; p < 5; p++) {
    const on = new Date(Date.parse(startsOn) + p * 28 * 86_400_000).toISOString().slice(0, 10);
    allocate(isf.id, p, ids.admin, on);
    allocate(dp.id, p, ids.admin, on);
  }
  for (let d = 0; d < 110; d += 3) {
    const on = new Date(Date.parse(startsOn) + d * 86_400_000).toISOString().slice(0, 10);
    recordIsfSpend({ budgetAccountId: isf.id, organisationId: providerOrganisationId, effectiveOn: on, category: "personal-care",
      description: "Morning support", hours: 2, ratePence: 2_150, idempotencyKey: `demo-isf-${d}`, by: ids.provider });
    if (d % 9 === 0) {
      spend({ budgetAccountId: dp.id, amountPence: 6_000, category: "personal-care", organisationId: null, description: "PA wages (Sam)",
        effectiveOn: on, idempotencyKey: `demo-dp-${d}`, by: ids.holder2 });
    }
  }
  const plan = draftFor(isf.id, ids.holder);
  saveDraft(plan, {
    outcomes: ["Get up and ready in the morning at my own pace", "Go to the allotment on Wednesdays", "Keep living in my own flat"],
    lines: [
      { kind: "paid", category: "personal-care", description: "Morning support, 2 hours most days", planned: 120_400 },
      { kind: "community", category: "leisure-and-arts", description: "Allotment group", planned: 0 },
      { kind: "informal", category: "transport", description: "Lifts from my sister Carol", planned: 0 },
    ],
  }, ids.holder);
  agreePlan(plan, "Jo Smith, social worker, Leeds City Council", ids.holder);
}
