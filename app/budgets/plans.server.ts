// Support plans: versioned. The person or their representative edits a draft; agreeing it
// records when and by whom, and supersedes the version agreed before. Agreed versions never change.
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "../../db/client";
import { planLines, supportPlans } from "../../db/schema";
import { recordAudit } from "../accounts/audit.server";
import { getBudgetAccount } from "./budgets.server";
import type { PlanForm } from "./plan-form";

export function plansOf(budgetAccountId: number) {
  return db.select().from(supportPlans).where(eq(supportPlans.budgetAccountId, budgetAccountId)).orderBy(desc(supportPlans.version)).limit(50).all();
}

export function planWithLines(planId: number) {
  const plan = db.select().from(supportPlans).where(eq(supportPlans.id, planId)).get();
  if (!plan) return null;
  return { plan, lines: db.select().from(planLines).where(eq(planLines.planId, planId)).orderBy(planLines.id).all() };
}

/** The draft to edit: the existing one, or a new version copied from the latest plan. */
export function draftFor(budgetAccountId: number, by: number) {
  return db.transaction((tx) => {
    const latest = plansOf(budgetAccountId)[0];
    if (latest?.status === "draft") return latest.id;
    const copy = latest ? planWithLines(latest.id) : null;
    const draft = tx.insert(supportPlans).values({
      budgetAccountId, version: (latest?.version ?? 0) + 1, status: "draft", outcomes: copy?.plan.outcomes ?? [], createdBy: by,
    }).returning({ id: supportPlans.id }).get();
    for (const line of copy?.lines ?? []) {
      tx.insert(planLines).values({ planId: draft.id, kind: line.kind, category: line.category, description: line.description, plannedPence: line.plannedPence }).run();
    }
    return draft.id;
  }, { behavior: "immediate" });
}

export function saveDraft(planId: number, input: z.output<typeof PlanForm>, by: number) {
  return db.transaction((tx) => {
    const plan = tx.select().from(supportPlans).where(eq(supportPlans.id, planId)).get();
    if (!plan || plan.status !== "draft") return { ok: false as const, message: "Only a draft can be changed. Start a new version to change an agreed plan." };
    tx.update(supportPlans).set({ outcomes: input.outcomes, updatedAt: new Date().toISOString() }).where(eq(supportPlans.id, planId)).run();
    tx.delete(planLines).where(eq(planLines.planId, planId)).run();
    for (const line of input.lines) {
      tx.insert(planLines).values({ planId, kind: line.kind, category: line.category, description: line.description, plannedPence: line.kind === "paid" ? line.planned : 0 }).run();
    }
    const holderId = getBudgetAccount(plan.budgetAccountId)!.holderId;
    recordAudit(tx, { actorId: by, personId: holderId, action: "plan.edited", subjectType: "plan", subjectId: planId });
    return { ok: true as const };
  }, { behavior: "immediate" });
}

export function agreePlan(planId: number, agreedBy: string, by: number) {
  return db.transaction((tx) => {
    const plan = tx.select().from(supportPlans).where(eq(supportPlans.id, planId)).get();
    if (!plan || plan.status !== "draft") return { ok: false as const, message: "Only a draft can be agreed." };
    if (plan.outcomes.length === 0) return { ok: false as const, message: "Write at least one outcome before the plan is agreed." };
    tx.update(supportPlans).set({ status: "superseded" })
      .where(and(eq(supportPlans.budgetAccountId, plan.budgetAccountId), eq(supportPlans.status, "agreed"))).run();
    tx.update(supportPlans).set({ status: "agreed", agreedAt: new Date().toISOString(), agreedBy }).where(eq(supportPlans.id, planId)).run();
    const holderId = getBudgetAccount(plan.budgetAccountId)!.holderId;
    recordAudit(tx, { actorId: by, personId: holderId, action: "plan.agreed", subjectType: "plan", subjectId: planId, detail: { agreedBy } });
    return { ok: true as const };
  }, { behavior: "immediate" });
}
