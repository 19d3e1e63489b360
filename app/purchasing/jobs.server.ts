// The in-process orders job, like the search outbox worker: every ORDERS_JOB_INTERVAL_MS it
// confirms deliveries nobody disputed within seven days and books recurring orders ahead.
// Both steps are idempotent, so a job run twice (or by two processes) does nothing twice.
import { config } from "../config.server";
import { repeat } from "../jobs.server";
import { runOrderJobs } from "./orders.server";

export function startOrderJobs() {
  repeat("orders job", config.ORDERS_JOB_INTERVAL_MS, () => {
    const report = runOrderJobs(new Date());
    if (report.confirmed || report.booked) console.info(`orders: ${report.confirmed} confirmed automatically, ${report.booked} visits booked ahead`);
  });
}
