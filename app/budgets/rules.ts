// A council's spending rules are data (spending_rules); this is how a purchase is checked
// against them. A refusal always says why, in plain English, and what to do instead.
import type { spendingRules } from "../../db/schema";

export type Refusal = { rule: string; explanation: string; instead: string };
type Rule = typeof spendingRules.$inferSelect;

export function ruleRefusal(rules: Rule[], purchase: { category: string; cash?: boolean }): Refusal | null {
  for (const rule of rules) {
    const broken =
      (rule.kind === "category-not-allowed" && rule.params.category === purchase.category) ||
      (rule.kind === "cash-withdrawals" && purchase.cash === true && rule.params.allowed === false);
    if (broken) return { rule: rule.kind, explanation: rule.explanation, instead: rule.instead };
  }
  return null;
}

/** How much of an unspent period payment a person may keep, by the council's carry-over rule. */
export function carryOverAllowance(rules: Rule[], periodPaymentPence: number, periodDays: number): number {
  const rule = rules.find((r) => r.kind === "carry-over");
  if (!rule) return Number.MAX_SAFE_INTEGER;
  const byPercent = Math.floor((periodPaymentPence * (rule.params.percent ?? 100)) / 100);
  const weekly = Math.round((periodPaymentPence * 7) / periodDays);
  const cap = rule.params.capWeeks !== undefined ? weekly * rule.params.capWeeks : Number.MAX_SAFE_INTEGER;
  return Math.min(byPercent, cap);
}
