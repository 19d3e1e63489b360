// `npm run orders:auto-confirm [-- --now 2026-12-08T09:00:00Z]`: what the scheduled job does,
// once — for a cron on servers that run the job outside the web process (ORDERS_JOB_INTERVAL_MS=0).
import { parseArgs } from "node:util";
import { runOrderJobs } from "./orders.server";

const { values } = parseArgs({ options: { now: { type: "string" } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error("--now must be a date and time, like 2026-12-08T09:00:00Z");
  process.exitCode = 2;
} else {
  const report = runOrderJobs(now);
  console.log(`Confirmed ${report.confirmed} delivery(ies) nobody disputed within 7 days; booked ${report.booked} visit(s) of recurring orders ahead.`);
}
