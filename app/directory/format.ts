// Formatting at the edge: money, prices, distances and how fresh a listing is.
import { priceUnits, type PriceUnit } from "./vocabulary";

const DAY_MS = 86_400_000;
/** A listing not confirmed for 12 months may be out of date, and says so. */
export const STALE_AFTER_DAYS = 365;

export function formatPence(pence: number): string {
  // Hand-rolled: Intl currency formatting costs more than the rest of a result card together.
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const rest = abs % 100;
  return `${sign}£${pounds}${rest ? `.${String(rest).padStart(2, "0")}` : ""}`;
}

/** "£18 an hour", "£4.50 a session", "£250 each", "Free". */
export function formatPrice(pence: number, unit: PriceUnit): string {
  if (unit === "free" || pence === 0) return "Free";
  return `${formatPence(pence)} ${priceUnits.find((u) => u.slug === unit)?.name ?? ""}`.trim();
}

export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS));
}

export function isStale(iso: string, now: Date = new Date()): boolean {
  return daysSince(iso, now) > STALE_AFTER_DAYS;
}

/** "Checked today", "Checked 1 day ago", "Checked 45 days ago". */
export function checkedAgo(iso: string, now: Date = new Date()): string {
  const days = daysSince(iso, now);
  if (days === 0) return "Checked today";
  return `Checked ${days} ${days === 1 ? "day" : "days"} ago`;
}

export function formatMiles(miles: number): string {
  if (miles < 0.1) return "less than 0.1 miles";
  const rounded = miles < 10 ? miles.toFixed(1) : Math.round(miles).toString();
  return `${rounded} ${rounded === "1.0" ? "mile" : "miles"}`;
}

/** A date for people in the UK: "1 March 2025". */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}
