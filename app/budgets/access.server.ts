// Opening a budget for someone: checked with the rules in accounts/permissions.ts, and every
// look by anyone other than the holder goes in the holder's access log.
import { db } from "../../db/client";
import { recordAudit } from "../accounts/audit.server";
import { canSeeBudget, type Actor } from "../accounts/permissions";
import { type BudgetAccount, getBudgetAccount } from "./budgets.server";

export function openBudget(actor: Actor, id: number, what: string): BudgetAccount | "missing" | "forbidden" {
  const account = getBudgetAccount(id);
  if (!account) return "missing";
  if (!canSeeBudget(actor, account)) return "forbidden";
  if (actor.user.id !== account.holderId) {
    db.transaction((tx) => recordAudit(tx, { actorId: actor.user.id, personId: account.holderId, action: "budget.viewed", subjectType: "budget", subjectId: id, detail: { what } }));
  }
  return account;
}
