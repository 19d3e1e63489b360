// Publishing after seven days happens by time passing, and so does a review ageing out of the 24
// months a score counts: this job (in the first server process, every 15 minutes, and by
// `npm run reviews:rescore`) re-indexes the listings whose scores changed that way.
import { rescoreDue } from "./reviews.server";

let started = false;
export const REVIEWS_JOB_INTERVAL_MS = 15 * 60_000;

export function startReviewJobs() {
  if (started || (process.env.WEAVE_WORKER ?? "0") !== "0" || process.env.NODE_ENV === "test") return;
  started = true;
  const run = () => {
    try {
      const report = rescoreDue();
      if (report.listings) console.info(`reviews: ${report.published} published, ${report.aged} aged out; ${report.listings} listings re-scored`);
    } catch (error) {
      // A failed run rolled back; the reviews are still unmarked, so the next run picks them up.
      console.warn(`reviews job failed and will run again: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  run();
  setInterval(run, REVIEWS_JOB_INTERVAL_MS).unref();
}
