// Runs the budget schedule (payments, period ends) hourly in one server process: the first
// worker, the same one that drains the search outbox (server.js numbers them).
import { runSchedule } from "./budgets.server";

let started = false;

export function startBudgetSchedule() {
  if (started || (process.env.WEAVE_WORKER ?? "0") !== "0" || process.env.NODE_ENV === "test") return;
  started = true;
  const run = () => {
    try {
      runSchedule();
    } catch (error) {
      console.error("budget schedule failed; it will run again within the hour", error);
    }
  };
  run();
  setInterval(run, 3_600_000).unref();
}
