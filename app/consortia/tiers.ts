// The arithmetic of a group offer, with no database: which price a group's size earns, what a
// pledge sets aside, and how a group runs period by period as people join and leave. The
// service uses these; the property test checks them against any tier table.
import type { PriceTier } from "../../db/schema/consortia";
import { addDays, amountFor, intervalDays, occurrenceDates } from "../purchasing/schedule";

/** A group's price changes only at the start of a period: four weeks, the same as an order books ahead. */
export const PERIOD_DAYS = 28;

/** Why a tier table cannot be used, or null: more members must never cost anyone more. */
export function tierProblem(tiers: PriceTier[], maxMembers: number): string | null {
  if (tiers.length === 0) return "Give at least one price for a group.";
  if (tiers[0]!.members < 2) return "A group has at least 2 members.";
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (!Number.isSafeInteger(t.pricePence) || t.pricePence <= 0) return "Each price must be a whole number of pence above zero.";
    if (t.members > maxMembers) return `A price for ${t.members} members is more than the largest group (${maxMembers}).`;
    if (i > 0 && t.members <= tiers[i - 1]!.members) return "List the prices from the smallest group to the largest, each for more members than the last.";
    if (i > 0 && t.pricePence >= tiers[i - 1]!.pricePence) return "Each larger group must pay less each than a smaller one.";
  }
  return null;
}

/** The price each member pays when the group has `members` people; null below the smallest tier (no group). */
export function tierPrice(tiers: PriceTier[], members: number): number | null {
  let price: number | null = null;
  for (const t of tiers) if (members >= t.members) price = t.pricePence;
  return price;
}

/** The worst case a member can be asked for: the price of the smallest group. */
export const topPrice = (tiers: PriceTier[]) => tiers[0]!.pricePence;

type Terms = { quantityHundredths: number; recurrence: "weekly" | "fortnightly"; startsOn: string };

/** The sessions of a group's first period (what its orders book and set aside when it forms). */
export const firstPeriodDates = (terms: Terms) =>
  occurrenceDates({ recurrence: terms.recurrence, startsOn: terms.startsOn, endsOn: null }, terms.startsOn, addDays(terms.startsOn, PERIOD_DAYS - 1));

/** What one member's first period costs at a price per unit. */
export const firstPeriodPence = (terms: Terms, unitPricePence: number) =>
  firstPeriodDates(terms).length * amountFor(unitPricePence, terms.quantityHundredths);

/** What a pledge sets aside: the first period at the smallest group's price, so nobody owes more than they saw. */
export const pledgePence = (terms: Terms, tiers: PriceTier[]) => firstPeriodPence(terms, topPrice(tiers));

export const sessionsPerPeriod = (recurrence: "weekly" | "fortnightly") => PERIOD_DAYS / intervalDays[recurrence]!;

/** The first day of the group's next period after `after`: periods run four weeks from the first session. */
export function nextPeriodStart(startsOn: string, after: string): string {
  const days = Math.round((Date.parse(`${after}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000);
  return addDays(startsOn, days < 0 ? 0 : (Math.floor(days / PERIOD_DAYS) + 1) * PERIOD_DAYS);
}

/** A member as the period-by-period rule sees them: the most they have agreed to pay per unit. */
export type Member = { id: string; ceilingPence: number };

/**
 * What each member pays per unit for one period. The group's price is the tier its size earns;
 * each member pays it if they have agreed to that much (a lower or equal price needs no yes), and
 * otherwise keeps paying the most they agreed, until they confirm the higher price; the provider
 * bears the difference. Below the smallest tier (price null) everyone keeps the most they agreed.
 * `unconfirmed` are the members asked to confirm the group's price.
 */
export function settlePeriod(tiers: PriceTier[], members: Member[]): { price: number | null; perUnit: Map<string, number>; unconfirmed: Member[] } {
  const price = tierPrice(tiers, members.length);
  const perUnit = new Map(members.map((m) => [m.id, price === null ? m.ceilingPence : Math.min(price, m.ceilingPence)]));
  return { price, perUnit, unconfirmed: price === null ? [] : members.filter((m) => m.ceilingPence < price) };
}

/** One period's charges: each member's, what the provider is paid (their sum), and what the provider bears for members who have not confirmed a rise. */
export function periodCharges(tiers: PriceTier[], members: Member[], quantityHundredths: number, sessions: number) {
  const { price, perUnit, unconfirmed } = settlePeriod(tiers, members);
  const charges = new Map([...perUnit].map(([id, p]) => [id, sessions * amountFor(p, quantityHundredths)]));
  const providerPence = [...charges.values()].reduce((a, b) => a + b, 0);
  const borne = price === null ? 0 : unconfirmed.reduce((n, m) => n + sessions * amountFor(price, quantityHundredths) - charges.get(m.id)!, 0);
  return { price, charges, unconfirmed, providerPence, providerBearsPence: borne };
}
