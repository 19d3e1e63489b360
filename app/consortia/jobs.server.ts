// Closes group offers whose closing date has passed (each forms or lapses), hourly in one server
// process: the first worker, like the budget schedule. Closing is idempotent per offer, so two
// runs (or the CLI beside the server) never form a group twice.
import { closeDueOffers } from "./consortia.server";

let started = false;

export function startConsortiumJobs() {
  if (started || (process.env.WEAVE_WORKER ?? "0") !== "0" || process.env.NODE_ENV === "test") return;
  started = true;
  const run = () => {
    try {
      const report = closeDueOffers();
      if (report.committed || report.lapsed) console.info(`consortia: ${report.committed} group(s) formed, ${report.lapsed} lapsed`);
    } catch (error) {
      // A failed close has rolled back whole; the next run tries again.
      console.warn(`consortia job failed and will run again within the hour: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  run();
  setInterval(run, 3_600_000).unref();
}
