// The forms of group offers, as zod schemas shared by the pages and the tests, and how an offer's
// closing date is said ("closes Friday").
import { z } from "zod";
import type { PriceTier } from "../../db/schema/consortia";
import { categories, type CategorySlug } from "../directory/vocabulary";
import { Pounds, Quantity } from "../purchasing/order-form";
import { addDays } from "../purchasing/schedule";
import type { NewOffer } from "./consortia.server";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) => z.string().trim().refine((s) => TIME.test(s), `Enter ${label} like 10:00 or 14:30`);
const whole = (label: string, min: number, max: number) => z.string().trim().min(1, `Enter ${label}`)
  .refine((s) => /^\d{1,3}$/.test(s) && Number(s) >= min && Number(s) <= max, `Enter ${label} as a whole number from ${min} to ${max}`).transform(Number);
const optionalWhole = (label: string) => z.string().trim().refine((s) => s === "" || (/^\d{1,3}$/.test(s) && Number(s) >= 2), `Enter ${label} as a whole number, 2 or more, or leave it empty`)
  .transform((s) => (s === "" ? null : Number(s)));
const optionalPounds = z.string().trim().transform((s) => s.replace(/^£/, "")).refine((s) => s === "" || /^\d{1,6}(\.\d{1,2})?$/.test(s), "Enter an amount in pounds, like 12.50, or leave it empty")
  .transform((s) => (s === "" ? null : Math.round(Number(s) * 100)));

/** The provider's form: up to three prices, each for a group of at least so many. */
export const OfferForm = z.object({
  title: z.string().trim().min(3, "Give the group a name people will recognise").max(120, "Write 120 characters or fewer"),
  description: z.string().trim().min(10, "Say what the group does, in a sentence or two").max(2_000, "Write 2,000 characters or fewer"),
  members1: whole("the smallest group", 2, 100), price1: Pounds,
  members2: optionalWhole("the size of a larger group"), price2: optionalPounds,
  members3: optionalWhole("the size of the largest group's price"), price3: optionalPounds,
  maxMembers: whole("the most people who can join", 2, 100),
  quantity: Quantity,
  recurrence: z.enum(["weekly", "fortnightly"], { error: "Choose how often" }),
  timeFrom: time("the start time"),
  timeTo: time("the end time"),
  closesOn: z.string().trim().min(1, "Enter the closing date").refine(realDate, "Enter a real date, like 2026-12-04"),
  startsOn: z.string().trim().min(1, "Enter the first date").refine(realDate, "Enter a real date, like 2026-12-08"),
  termWeeks: whole("how many weeks it runs", 1, 104),
  noticeWeeks: whole("the weeks of notice to leave", 0, 12),
}).superRefine((v, ctx) => {
  if (v.timeTo <= v.timeFrom) ctx.addIssue({ code: "custom", path: ["timeTo"], message: "The end time must be after the start time" });
  for (const n of [2, 3] as const) {
    if ((v[`members${n}`] === null) !== (v[`price${n}`] === null)) {
      ctx.addIssue({ code: "custom", path: [`members${n}`], message: "Give both the group size and its price, or neither" });
    }
  }
  if (v.startsOn < v.closesOn) ctx.addIssue({ code: "custom", path: ["startsOn"], message: "The group starts on or after the closing date" });
});
export type OfferFormValues = z.output<typeof OfferForm>;

/** What the form starts with: a group of 3 to 6, two hours a week, closing in two weeks, starting a week later. */
export function offerFormDefaults(today: string): Record<string, string> {
  return {
    title: "", description: "", members1: "3", price1: "", members2: "", price2: "", members3: "", price3: "", maxMembers: "6", quantity: "2",
    recurrence: "weekly", timeFrom: "10:00", timeTo: "12:00", closesOn: addDays(today, 14), startsOn: addDays(today, 21), termWeeks: "12", noticeWeeks: "2",
  };
}

/** The form's answers as the terms the service takes. */
export const offerTerms = (serviceId: number, v: OfferFormValues): NewOffer => ({
  serviceId, title: v.title, description: v.description, tiers: tiersOf(v), maxMembers: v.maxMembers, quantityHundredths: v.quantity,
  recurrence: v.recurrence, timeFrom: v.timeFrom, timeTo: v.timeTo, pledgeDeadline: londonFivePm(v.closesOn), startsOn: v.startsOn,
  termWeeks: v.termWeeks, noticeWeeks: v.noticeWeeks,
});

export const tiersOf = (v: OfferFormValues): PriceTier[] =>
  ([[v.members1, v.price1], [v.members2, v.price2], [v.members3, v.price3]] as const)
    .filter((t): t is readonly [number, number] => t[0] !== null && t[1] !== null).map(([members, pricePence]) => ({ members, pricePence }));

/** Joining: which budget (and so for whom: "holder:budget"), and the name others in the group will see. */
export const PledgeForm = z.object({
  budget: z.string().refine((s) => /^\d+:\d+$/.test(s), "Choose the budget to pay from")
    .transform((s) => ({ holderId: Number(s.split(":")[0]), budgetAccountId: Number(s.split(":")[1]) })),
  displayName: z.string().trim().min(1, "Enter the name other members will see").max(40, "Write 40 characters or fewer"),
});

export const PledgeIdForm = z.object({ pledgeId: z.coerce.number().int().positive() });
export const CallOffForm = z.object({ reason: z.string().trim().min(1, "Say why, so the people who joined know").max(1_000, "Write 1,000 characters or fewer") });

const london = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", ...options }).format(new Date(iso));

/** A closing date people read at a glance: "closes today at 5pm", "closes Friday", "closes 12 December"; "closed" once passed. */
export function describeDeadline(deadline: string, now = new Date()): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (ms <= 0) return "closed";
  const day = (iso: string) => london(iso, { year: "numeric", month: "2-digit", day: "2-digit" });
  if (day(deadline) === day(now.toISOString())) return `closes today at ${london(deadline, { hour: "numeric", minute: "2-digit", hour12: true }).replace(":00", "").replace(" ", "")}`;
  if (ms < 6.5 * 86_400_000) return `closes ${london(deadline, { weekday: "long" })}`;
  return `closes ${london(deadline, { day: "numeric", month: "long" })}`;
}

/** 17:00 London time on a date, as a UTC instant (GMT or BST as it falls). */
export function londonFivePm(date: string): string {
  const guess = new Date(`${date}T17:00:00Z`);
  const shown = Number(london(guess.toISOString(), { hour: "numeric", hour12: false }));
  return new Date(guess.getTime() - (shown - 17) * 3_600_000).toISOString();
}

/** Opting in to be introduced: the kind of support, where ("holder:area"), and the name others see. */
export const InterestForm = z.object({
  category: z.string().refine((s) => categories.some((c) => c.slug === s), "Choose the kind of support").transform((s) => s as CategorySlug),
  where: z.string().refine((s) => /^\d+:[a-z0-9-]+$/.test(s), "Choose where").transform((s) => ({ holderId: Number(s.split(":")[0]), areaSlug: s.split(":")[1]! })),
  displayName: z.string().trim().min(1, "Enter the name others will see").max(40, "Write 40 characters or fewer"),
});
export const InterestIdForm = z.object({ interestId: z.coerce.number().int().positive() });
