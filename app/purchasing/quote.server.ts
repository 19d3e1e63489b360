// What an order would cost and whether it may be placed: the figures on the check screen
// (each time, the first four weeks, the budget left after) and any refusal, with the council's
// own explanation. Placing an order asks the same question again, so the two cannot disagree.
import { budgetAccountsOf, getBudgetAccount, purchaseRefusal, spendable } from "../budgets/budgets.server";
import { arrangementNames } from "../budgets/labels";
import type { Refusal } from "../budgets/rules";
import { cardPaymentsEnabled } from "../config.server";
import type { getService } from "../directory/listings.server";
import type { Recurrence } from "../../db/schema/purchasing";
import { cardReadyFor } from "./payments.server";
import { addDays, amountFor, dayOf, describeCost, describeSchedule, HORIZON_DAYS, occurrenceDates } from "./schedule";

export type Listing = NonNullable<ReturnType<typeof getService>>;

export type OrderTerms = {
  /** A card (self-funders), a budget paid through Weave, or a direct payment's own card (`card: true`). */
  payWith: "card" | { budgetAccountId: number; card?: boolean };
  quantityHundredths: number;
  recurrence: Recurrence;
  startsOn: string;
  endsOn?: string | null;
  timeFrom?: string | null;
  timeTo?: string | null;
};

export type Quote = {
  perVisitPence: number;
  perVisitLine: string;
  schedule: string;
  /** Visits in the first four weeks: what is set aside when the provider accepts. */
  firstVisits: number;
  setAsidePence: number;
  budget: { name: string; availablePence: number; leftAfterPence: number } | null;
  refusal: Refusal | null;
};

/** Paid by card, whether the person's own or a direct payment's card. */
export const payingByCard = (payWith: OrderTerms["payWith"]) => payWith === "card" || payWith.card === true;

const refuse = (rule: string, explanation: string, instead: string): Refusal => ({ rule, explanation, instead });

/** Why this person cannot pay this provider by card here, or null when they can. */
export function cardRefusal(found: Listing): Refusal | null {
  if (!cardPaymentsEnabled()) {
    return refuse("card-off", "Card payments are switched off on this Weave site: it has not been given Stripe keys.", "Pay from a budget, or ask the provider how else you can pay.");
  }
  if (!found.service.paymentRoutes.some((r) => r === "self-funded" || r === "direct-payment")) {
    return refuse("card-route", `${found.organisation.name} does not take card payments for this service.`, "Pay from a budget if you have one that this provider takes.");
  }
  if (!cardReadyFor(found.organisation.id)) {
    return refuse("card-provider", `${found.organisation.name} has not set up card payments on Weave yet.`, "Pay from a budget, or ask the provider to set up card payments.");
  }
  return null;
}

/**
 * The figures and any refusal for an order. `agreedPricePence` is a price the provider offered
 * the person (app/requests) instead of the listed one; everything else is asked the same way.
 */
export function quoteOrder(found: Listing, terms: OrderTerms & { buyerId: number; agreedPricePence?: number }, now = new Date()): Quote {
  const s = { ...found.service, pricePence: terms.agreedPricePence ?? found.service.pricePence };
  const perVisitPence = amountFor(s.pricePence, terms.quantityHundredths);
  const pattern = { recurrence: terms.recurrence, startsOn: terms.startsOn, endsOn: terms.recurrence === "one-off" ? null : terms.endsOn ?? null };
  const firstVisits = occurrenceDates(pattern, terms.startsOn, addDays(terms.startsOn, HORIZON_DAYS - 1)).length;
  const setAsidePence = perVisitPence * firstVisits;
  const quote: Quote = {
    perVisitPence, perVisitLine: describeCost(terms.quantityHundredths, s.priceUnit, s.pricePence),
    schedule: describeSchedule({ ...pattern, timeFrom: terms.timeFrom ?? null, timeTo: terms.timeTo ?? null }),
    firstVisits, setAsidePence, budget: null, refusal: null,
  };
  if (s.priceUnit === "free" || s.pricePence === 0) {
    return { ...quote, refusal: refuse("free", "This service is free, so there is nothing to pay or order here.", `Contact ${found.organisation.name} to book a place.`) };
  }
  if (terms.startsOn < dayOf(now)) return { ...quote, refusal: refuse("dates", "The first date has already passed.", "Choose a date from today on.") };
  if (firstVisits === 0) return { ...quote, refusal: refuse("dates", "There is no date between the first and last dates you chose.", "Check the dates.") };
  if (perVisitPence < 1) return { ...quote, refusal: refuse("amount", "That comes to less than a penny each time.", "Check how much you are asking for.") };
  if (terms.payWith === "card") return { ...quote, refusal: cardRefusal(found) };

  const account = getBudgetAccount(terms.payWith.budgetAccountId);
  if (!account || account.holderId !== terms.buyerId) {
    return { ...quote, refusal: refuse("no-account", "That is not one of this person's budgets.", "Choose one of the budgets listed.") };
  }
  const name = arrangementNames[account.arrangement] ?? account.arrangement;
  if (terms.payWith.card) {
    if (account.arrangement !== "direct-payment") {
      return { ...quote, refusal: refuse("card-budget", `Only a direct payment comes with its own card; a ${name.toLowerCase()} is paid through Weave.`, `Choose “${name}” without the card.`) };
    }
    const refusal = cardRefusal(found);
    if (refusal) return { ...quote, refusal };
  }
  const availablePence = spendable(account.id);
  const withBudget = { ...quote, budget: { name, availablePence, leftAfterPence: availablePence - setAsidePence } };
  if (!s.paymentRoutes.includes(account.arrangement)) {
    return { ...withBudget, refusal: refuse("payment-route", `${found.organisation.name} does not take payment from ${/^[aeiou]/i.test(name) ? "an" : "a"} ${name.toLowerCase()} for this service.`, "Choose another way to pay, or ask the provider.") };
  }
  return { ...withBudget, refusal: purchaseRefusal({ budgetAccountId: account.id, amountPence: setAsidePence, category: s.categorySlug, effectiveOn: terms.startsOn }) };
}

/** The ways this person could pay for this service, each with why not when it cannot be used. */
export function paymentOptions(buyerId: number, found: Listing) {
  return {
    budgets: budgetAccountsOf(buyerId).map((b) => ({
      id: b.id, name: arrangementNames[b.arrangement] ?? b.arrangement, availablePence: spendable(b.id), status: b.status,
      takes: found.service.paymentRoutes.includes(b.arrangement),
      /** A direct payment's card can pay the provider directly, still recorded against the budget. */
      hasCard: b.arrangement === "direct-payment",
    })),
    card: cardRefusal(found),
  };
}
