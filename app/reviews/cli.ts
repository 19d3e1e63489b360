// `npm run reviews:rescore`: re-indexes listings whose reviews were published (or aged out) by
// time passing — for servers that run jobs outside the web process.
import { rescoreDue } from "./reviews.server";

const report = rescoreDue();
console.log(`${report.published} reviews published and ${report.aged} aged out since the last run; ${report.listings} listings queued for the search index.`);
