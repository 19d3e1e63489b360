// The in-process orders job, like the search outbox worker: every ORDERS_JOB_INTERVAL_MS it
// confirms deliveries nobody disputed within seven days and books recurring orders ahead.
// Both steps are idempotent, so a job run twice (or by two processes) does nothing twice.
import { config } from "../config.server";
import { runOrderJobs } from "./orders.server";

let started = false;

export function startOrderJobs() {
  if (started || config.ORDERS_JOB_INTERVAL_MS === 0) return;
  started = true;
  const timer = setInterval(() => {
    try {
      const report = runOrderJobs(new Date());
      if (report.confirmed || report.booked) console.info(`orders: ${report.confirmed} confirmed automatically, ${report.booked} visits booked ahead`);
    } catch (error) {
      // Next interval tries again; a failed run has rolled back its transaction.
      console.warn(`orders job failed and will run again: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, config.ORDERS_JOB_INTERVAL_MS);
  timer.unref();
}
