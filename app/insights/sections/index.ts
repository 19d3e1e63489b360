// The dashboard's sections, in page order.
import { arrangementsSection } from "./arrangements";
import { balancesSection } from "./balances";
import { consortiaSection } from "./consortia";
import { demandSection } from "./demand";
import { marketSection } from "./market";
import { pricesSection } from "./prices";
import { ratingsSection } from "./ratings";
import { requestsSection } from "./requests";
import type { InsightSection } from "./section";
import { spendSection } from "./spend";

export const sections: InsightSection[] = [
  spendSection, pricesSection, arrangementsSection, marketSection, demandSection, requestsSection, consortiaSection, ratingsSection, balancesSection,
];
