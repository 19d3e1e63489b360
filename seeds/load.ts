// Writes a generated region into the database in one transaction (used by the seed command and tests).
import type { Db, Tx } from "../db/client";
import * as t from "../db/schema";
import type { SeedOrganisation } from "./generate";

/** Empties every table that holds people or listings, children before parents. */
export function clearData(tx: Tx) {
  for (const table of [
    t.reviewReports, t.relationshipRatings, t.reviews,
    t.peerRequests, t.peerSupporters, t.requestOffers, t.supportRequests,
    t.consortiumNotices, t.consortiumInterests, t.pledges, t.consortiumContracts, t.consortiumOffers,
    t.insightSpendMonths, t.insightBuyerYears, t.insightPeopleMonths, t.insightPriceMonths, t.insightDeclineYears, t.insightDeclineReasonYears, t.insightSearchMonths, t.insightWatermarks,
    t.messages, t.enquiries, t.stripeEvents, t.cardPayments, t.paymentAccounts, t.payouts, t.disputes, t.creditNotes, t.occurrences, t.invoices, t.orders,
    t.postings, t.ledgerBalances, t.journals, t.ledgerAccounts, t.reservations, t.isfMoves, t.planLines, t.supportPlans,
    t.budgetAccounts, t.spendingRules, t.auditLog, t.sessions, t.passwordResets, t.mailOutbox, t.rateLimits, t.representativeInvites, t.representativeGrants, t.memberships,
    t.commissionerAreas, t.userRoles, t.vettingClaims, t.searchOutbox, t.suggestions, t.services, t.organisations, t.users,
  ]) tx.delete(table).run();
}

export function loadRegion(db: Db, region: SeedOrganisation[], { reset = false } = {}) {
  db.transaction((tx) => {
    if (reset) clearData(tx);
    for (const { services: list, ...org } of region) {
      const { id } = tx.insert(t.organisations).values(org).returning({ id: t.organisations.id }).get();
      for (let i = 0; i < list.length; i += 100) {
        tx.insert(t.services).values(list.slice(i, i + 100).map((s) => ({ ...s, organisationId: id }))).run();
      }
    }
  });
}
