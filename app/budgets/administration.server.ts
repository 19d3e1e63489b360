// Opening, suspending and ending budget accounts: what the council asks Weave's admins to do.
// These pages show an account's terms and status, never its balance, statement or plan.
import { desc, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { budgetAccounts, organisations, userRoles, users } from "../../db/schema";
import { findArea } from "../directory/region";
import type { OpenAccountValues } from "./account-form";
import { changeBudgetStatus, getBudgetAccount, openBudgetAccount, scheduleAccount, type StatusChange } from "./budgets.server";
import { isfProvidersIn } from "./isf.server";
import { LedgerError } from "./ledger.server";

export type OpenResult = { ok: true; accountId: number } | { ok: false; errors: Record<string, string> };

/** Opens the account, makes the person a budget holder, and pays whatever is already due. */
export function openAccountFor(values: OpenAccountValues, by: number, today = new Date().toISOString().slice(0, 10)): OpenResult {
  const holder = db.select({ id: users.id }).from(users).where(eq(users.email, values.email)).get();
  if (!holder) return { ok: false, errors: { email: "There is no Weave account with this email address: ask the person (or someone acting for them) to sign up first" } };
  if (values.arrangement === "isf" && !isfProvidersIn(values.areaSlug).some((o) => o.id === values.isfProviderId)) {
    return { ok: false, errors: { isfProviderId: "Choose a provider from the list: it must take ISFs in this council's area" } };
  }
  const account = db.transaction((tx) => {
    const opened = openBudgetAccount({
      holderId: holder.id, areaSlug: values.areaSlug, arrangement: values.arrangement, isfProviderId: values.isfProviderId,
      annualAllocationPence: values.annualAllocation, periodDays: values.periodDays, contributionPence: values.contribution,
      feeKind: values.feeKind, feeValue: values.fee, startsOn: values.startsOn, endsOn: values.endsOn,
    }, by);
    tx.insert(userRoles).values({ userId: holder.id, role: "budget-holder" }).onConflictDoNothing().run();
    return opened;
  }, { behavior: "immediate" });
  scheduleAccount(account, today);
  return { ok: true, accountId: account.id };
}

export function changeStatus(accountId: number, change: StatusChange, by: number, reason: string): { ok: true } | { ok: false; error: string } {
  try {
    changeBudgetStatus(accountId, change, by, reason);
    return { ok: true };
  } catch (error) {
    if (error instanceof LedgerError) return { ok: false, error: error.message };
    throw error;
  }
}

const summaryColumns = {
  id: budgetAccounts.id, arrangement: budgetAccounts.arrangement, status: budgetAccounts.status, areaSlug: budgetAccounts.areaSlug,
  annualAllocationPence: budgetAccounts.annualAllocationPence, periodDays: budgetAccounts.periodDays, contributionPence: budgetAccounts.contributionPence,
  feeKind: budgetAccounts.feeKind, feeValue: budgetAccounts.feeValue, startsOn: budgetAccounts.startsOn, endsOn: budgetAccounts.endsOn,
  holderName: users.name, holderEmail: users.email, isfProviderName: organisations.name,
};

const summaries = () => db.select(summaryColumns).from(budgetAccounts).innerJoin(users, eq(users.id, budgetAccounts.holderId))
  .leftJoin(organisations, eq(organisations.id, budgetAccounts.isfProviderId));

/** The most recently opened accounts (or one person's), terms only. */
export function recentAccounts(email?: string) {
  const q = summaries();
  return (email ? q.where(eq(users.email, email.trim().toLowerCase())) : q).orderBy(desc(budgetAccounts.id)).limit(50).all()
    .map((a) => ({ ...a, areaName: findArea(a.areaSlug)?.name ?? a.areaSlug }));
}

export function accountTerms(accountId: number) {
  if (!getBudgetAccount(accountId)) return null;
  const a = summaries().where(eq(budgetAccounts.id, accountId)).get()!;
  return { ...a, areaName: findArea(a.areaSlug)?.name ?? a.areaSlug };
}
