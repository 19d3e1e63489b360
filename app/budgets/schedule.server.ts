// Runs the budget schedule (payments, period ends) hourly in one server process: the first
// worker, the same one that drains the search outbox (server.js numbers them).
import { repeat } from "../jobs.server";
import { runSchedule } from "./budgets.server";

export function startBudgetSchedule() {
  repeat("budget schedule", 3_600_000, runSchedule, { firstProcessOnly: true, atStart: true });
}
