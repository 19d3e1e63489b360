// Hourly directory upkeep in one server process (the first worker, like the other jobs): insurance
// whose policy has ended stops showing as a checked fact (vetting.server.ts).
import { repeat } from "../jobs.server";
import { lapseEndedInsurance } from "./vetting.server";

export function startDirectoryJobs() {
  repeat("directory job", 3_600_000, () => {
    const lapsed = lapseEndedInsurance();
    if (lapsed.length) console.info(`directory: insurance ended for ${lapsed.length} organisation(s); no longer shown as insured`);
  }, { firstProcessOnly: true, atStart: true });
}
