// Opening a budget for someone: checked with the rules in accounts/permissions.ts, and every
// look by anyone other than the holder goes in the holder's access log.
import type { RouterContextProvider } from "react-router";
import { db } from "../../db/client";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
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

/**
 * The guard every budget route starts with: signed in (else off to log in), a real budget id
 * (else 404), and allowed to see it (else 403). Returns the person asking and the budget.
 */
export function requireBudget(request: Request, context: Readonly<RouterContextProvider>, rawId: string | undefined, what: string) {
  const actor = requireActor(request, context);
  const id = parseId(rawId) ?? notFound();
  const account = openBudget(actor, id, what);
  if (account === "missing") notFound();
  allow(account !== "forbidden", "You can only see your own budgets and those of people who have allowed you to act for them.");
  return { actor, account };
}
