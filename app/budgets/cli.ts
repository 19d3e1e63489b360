// `npm run budgets:schedule`: pays every period that has started and closes every period that
// has ended (carry-over), for all active budgets. Safe to run any number of times; the server
// also runs it every hour.
import { runSchedule } from "./budgets.server";

const { payments, closed } = runSchedule();
console.log(`Paid ${payments} period(s) and closed ${closed}.`);
