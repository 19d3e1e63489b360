// Dates and amounts of an order, as pure functions (the form, the check screen and the
// service share them). Dates are calendar days, "2026-12-01"; money is integer pence.
import type { Recurrence } from "../../db/schema/purchasing";
import { formatDate, formatPence } from "../directory/format";
import { days, priceUnits, type PriceUnit } from "../directory/vocabulary";

/** Recurring orders are booked (and their money set aside) this many days ahead at a time. */
export const HORIZON_DAYS = 28;
/** A delivery nobody disputes is confirmed this many days after it was recorded. */
export const AUTO_CONFIRM_DAYS = 7;

const DAY_MS = 86_400_000;
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

export const intervalDays: Record<Recurrence, number | null> = { "one-off": null, weekly: 7, fortnightly: 14 };

type Pattern = { recurrence: Recurrence; startsOn: string; endsOn: string | null };

/** The dates an order runs on between two dates (both included). */
export function occurrenceDates(order: Pattern, from: string, through: string): string[] {
  const step = intervalDays[order.recurrence];
  const last = order.endsOn && order.endsOn < through ? order.endsOn : through;
  if (step === null) return order.startsOn >= from && order.startsOn <= last ? [order.startsOn] : [];
  const out: string[] = [];
  // The first date on the pattern on or after `from`.
  const skip = Math.max(0, Math.ceil(daysBetween(order.startsOn, from) / step));
  for (let d = addDays(order.startsOn, skip * step); d <= last; d = addDays(d, step)) out.push(d);
  return out;
}

/** What one occurrence costs: price per unit x units, to the nearest penny. */
export const amountFor = (unitPricePence: number, quantityHundredths: number) => Math.round((unitPricePence * quantityHundredths) / 100);

/** "2 hours", "1.5 hours", "1 session", "3 items". */
export function formatQuantity(quantityHundredths: number, unit: PriceUnit | string): string {
  const n = quantityHundredths / 100;
  const words: Record<string, [string, string]> = {
    hour: ["hour", "hours"], session: ["session", "sessions"], day: ["day", "days"], week: ["week", "weeks"], item: ["item", "items"],
  };
  const [one, many] = words[unit] ?? [unit, unit];
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, "")} ${n === 1 ? one : many}`;
}

/** "2 hours × £18 an hour" as a line on a check screen or an invoice. */
export const describeCost = (quantityHundredths: number, unit: PriceUnit, unitPricePence: number) =>
  `${formatQuantity(quantityHundredths, unit)} × ${formatPence(unitPricePence)} ${priceUnits.find((u) => u.slug === unit)?.name ?? ""}`.trim();

const weekday = (date: string) => days[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!.name;

/** "Tuesdays 10:00 to 12:00, every week, from 1 December 2026" — how people say it. */
export function describeSchedule(o: Pattern & { timeFrom: string | null; timeTo: string | null }): string {
  const time = o.timeFrom && o.timeTo ? ` ${o.timeFrom} to ${o.timeTo}` : "";
  if (o.recurrence === "one-off") return `${weekday(o.startsOn)} ${formatDate(o.startsOn)}${time}, once`;
  const every = o.recurrence === "weekly" ? "every week" : "every other week";
  return `${weekday(o.startsOn)}s${time}, ${every}, from ${formatDate(o.startsOn)}${o.endsOn ? ` until ${formatDate(o.endsOn)}` : ""}`;
}

export const invoiceNumber = (invoiceId: number) => `W-${String(invoiceId).padStart(6, "0")}`;
export const creditNoteNumber = (id: number) => `CN-${String(id).padStart(6, "0")}`;

/** Shown wherever an order can be cancelled, so both sides know before they press the button. */
export const CANCELLATION_TERMS = [
  "Either side can cancel a visit, or the whole order, until the support has been delivered.",
  "Cancelling costs nothing: any money set aside from a budget goes straight back to it.",
  "Please give at least 24 hours' notice where you can, and say why: the other side is told at once.",
  "Once support has been delivered it cannot be cancelled. If something was wrong, dispute it within 7 days instead.",
];
