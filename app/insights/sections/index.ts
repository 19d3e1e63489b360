// The dashboard's sections, in page order. Ratings (reviews), consortia and "looking for" posts
// are each one more file like these, added here once their capabilities exist.
import { arrangementsSection } from "./arrangements";
import { balancesSection } from "./balances";
import { demandSection } from "./demand";
import { marketSection } from "./market";
import { pricesSection } from "./prices";
import type { InsightSection } from "./section";
import { spendSection } from "./spend";

export const sections: InsightSection[] = [spendSection, pricesSection, arrangementsSection, marketSection, demandSection, balancesSection];
