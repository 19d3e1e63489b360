// `npm run consortia:close`: what the hourly job does, once — every open group offer past its
// closing time forms (or lapses). For servers that run jobs outside the web process.
import { closeDueOffers } from "./consortia.server";

const report = closeDueOffers();
console.log(`Formed ${report.committed} group(s); ${report.lapsed} lapsed with fewer members than they needed.`);
