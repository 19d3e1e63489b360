// How requests and offers are said on the pages (pure, shared by both sides).
import type { PriceUnit } from "../directory/vocabulary";
import { formatPence } from "../directory/format";
import type { Recurrence } from "../../db/schema/purchasing";
import { amountFor, describeCost, describeSchedule } from "../purchasing/schedule";

/** A request is shown to providers for this long, unless the person renews it. */
export const EXPIRY_DAYS = 30;

export const kindNames = { "looking-for": "Looking for", quotes: "Request for quotes" } as const;

export const stateNames: Record<string, string> = {
  open: "Open", expired: "Expired", closed: "Closed", accepted: "Offer accepted",
};

export const offerStatusNames: Record<string, string> = {
  open: "Waiting for your answer", accepted: "Accepted", declined: "Declined", withdrawn: "Withdrawn by the provider", "not-chosen": "Not chosen",
};

/** "£15 to £20", "up to £20", "from £15", or null when the person gave no range. */
export function budgetRange(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return min === max ? formatPence(min) : `${formatPence(min)} to ${formatPence(max)}`;
  if (max !== null) return `up to ${formatPence(max)}`;
  if (min !== null) return `from ${formatPence(min)}`;
  return null;
}

type OfferTerms = {
  unitPricePence: number; quantityHundredths: number; recurrence: Recurrence; startsOn: string; timeFrom: string | null; timeTo: string | null;
};

/** An offer's price and when, the way the order will say them. */
export function describeOffer(o: OfferTerms, unit: PriceUnit) {
  return {
    each: `${describeCost(o.quantityHundredths, unit, o.unitPricePence)} = ${formatPence(amountFor(o.unitPricePence, o.quantityHundredths))}`,
    eachPence: amountFor(o.unitPricePence, o.quantityHundredths),
    when: describeSchedule({ ...o, endsOn: null }),
  };
}
