// Publishing after seven days happens by time passing, and so does a review ageing out of the 24
// months a score counts: this job (in the first server process, every 15 minutes, and by
// `npm run reviews:rescore`) re-indexes the listings whose scores changed that way. A failed run
// rolled back; the reviews are still unmarked, so the next run picks them up.
import { repeat } from "../jobs.server";
import { rescoreDue } from "./reviews.server";

export const REVIEWS_JOB_INTERVAL_MS = 15 * 60_000;

export function startReviewJobs() {
  repeat("reviews job", REVIEWS_JOB_INTERVAL_MS, () => {
    const report = rescoreDue();
    if (report.listings) console.info(`reviews: ${report.published} published, ${report.aged} aged out; ${report.listings} listings re-scored`);
  }, { firstProcessOnly: true, atStart: true });
}
