// `npm run consortia:close [-- --now 2026-12-08T09:00:00Z]`: what the hourly job does, once —
// every open group offer past its closing date forms (or lapses).
import { parseArgs } from "node:util";
import { closeDueOffers } from "./consortia.server";

const { values } = parseArgs({ options: { now: { type: "string" } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error("--now must be a date and time, like 2026-12-08T09:00:00Z");
  process.exitCode = 2;
} else {
  const report = closeDueOffers(now);
  console.log(`Formed ${report.committed} group(s); ${report.lapsed} lapsed with fewer members than they needed.`);
}
