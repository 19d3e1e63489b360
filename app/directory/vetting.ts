// Vetting facts a provider states about itself: how each one reads, the claims a form makes, and
// what a verified claim changes on the organisation. Pure, so pages and tests can use it.
import type { organisations, VettingFact } from "../../db/schema/directory";
import { formatDate } from "./format";
import { type FactsInput, parseDate } from "./listing-forms";

export type Claim = { fact: VettingFact; value: string | null; expiresOn: string | null };

const factNames: Record<VettingFact, string> = {
  "cqc-registration": "Registered with the CQC",
  "charity-number": "Registered charity",
  "company-number": "Registered company",
  "dbs-checked": "DBS checked",
  insurance: "Public liability insurance",
  "safeguarding-training": "Safeguarding trained",
};

/** "Registered charity 1234567", "Public liability insurance until 31 March 2027", "DBS checked". */
export function describeClaim(claim: Claim): string {
  const name = factNames[claim.fact];
  if (claim.fact === "cqc-registration") return `${name}: location ${claim.value}`;
  if (claim.value) return `${name} ${claim.value}`;
  if (claim.expiresOn) return `${name} until ${formatDate(claim.expiresOn)}`;
  return name;
}

/** The claims a filled-in facts form makes: one per fact stated, none for blanks. */
export function claimsFrom(facts: Pick<FactsInput, "cqcLocationId" | "charityNumber" | "companyNumber" | "checks" | "insuranceExpiresOn">): Claim[] {
  const claims: Claim[] = [];
  if (facts.cqcLocationId) claims.push({ fact: "cqc-registration", value: facts.cqcLocationId, expiresOn: null });
  if (facts.charityNumber) claims.push({ fact: "charity-number", value: facts.charityNumber, expiresOn: null });
  if (facts.companyNumber) claims.push({ fact: "company-number", value: facts.companyNumber, expiresOn: null });
  if (facts.checks.includes("dbs-checked")) claims.push({ fact: "dbs-checked", value: null, expiresOn: null });
  if (facts.checks.includes("insurance")) {
    // checkFacts has made sure the date is real and in the future.
    claims.push({ fact: "insurance", value: null, expiresOn: parseDate(facts.insuranceExpiresOn) });
  }
  if (facts.checks.includes("safeguarding-training")) claims.push({ fact: "safeguarding-training", value: null, expiresOn: null });
  return claims;
}

type OrganisationFacts = Partial<typeof organisations.$inferInsert>;

/** What a verified claim makes true of the organisation. */
export function organisationChanges(claim: Claim): OrganisationFacts {
  switch (claim.fact) {
    case "cqc-registration": return { cqcLocationId: claim.value };
    case "charity-number": return { charityNumber: claim.value };
    case "company-number": return { companyNumber: claim.value };
    case "dbs-checked": return { dbsChecked: true };
    case "insurance": return { insured: true, insuranceExpiresOn: claim.expiresOn };
    case "safeguarding-training": return { safeguardingTrained: true };
  }
}

/** True when the organisation already has this fact as verified, so stating it again changes nothing. */
export function alreadyVerified(claim: Claim, o: typeof organisations.$inferSelect): boolean {
  const changes = organisationChanges(claim);
  return Object.entries(changes).every(([k, v]) => o[k as keyof typeof o] === v);
}
