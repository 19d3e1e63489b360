// Closes group offers whose closing date has passed (each forms or lapses), hourly in one server
// process: the first worker, like the budget schedule. Closing is idempotent per offer, so two
// runs (or the CLI beside the server) never form a group twice.
import { repeat } from "../jobs.server";
import { closeDueOffers } from "./consortia.server";

export function startConsortiumJobs() {
  repeat("consortia job", 3_600_000, () => {
    const report = closeDueOffers();
    if (report.committed || report.lapsed) console.info(`consortia: ${report.committed} group(s) formed, ${report.lapsed} lapsed`);
  }, { firstProcessOnly: true, atStart: true });
}
