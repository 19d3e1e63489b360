// Hourly directory upkeep in one server process (the first worker, like the other jobs): insurance
// whose policy has ended stops showing as a checked fact (vetting.server.ts).
import { lapseEndedInsurance } from "./vetting.server";

let started = false;

export function startDirectoryJobs() {
  if (started || (process.env.WEAVE_WORKER ?? "0") !== "0" || process.env.NODE_ENV === "test") return;
  started = true;
  const run = () => {
    try {
      const lapsed = lapseEndedInsurance();
      if (lapsed.length) console.info(`directory: insurance ended for ${lapsed.length} organisation(s); no longer shown as insured`);
    } catch (error) {
      console.warn(`directory job failed and will run again within the hour: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  run();
  setInterval(run, 3_600_000).unref();
}
