// The forms providers (and moderators) fill in to list an organisation and its services: one zod
// schema each, used by the page and the server. Shapes are exported so moderation can put the
// same fields on its approval form; cross-field rules are exported functions for the same reason.
import { z } from "zod";
import type { NewService, ServiceRow } from "./listings.server";
import { findTown } from "./region";
import { OptionalEmail, optional, Phone, Postcode, TownSlug, Website } from "./suggestion";
import {
  accessibilityFeatures, categories, type Day, days, deliveryModes, languages, MICRO_ENTERPRISE_MAX_STAFF,
  organisationKinds, paymentRoutes, priceUnits, slugsOf,
} from "./vocabulary";

type Issues = z.core.$RefinementCtx;

/**
 * Cross-field rules run even when a field has failed, so a person sees every problem at once
 * rather than in rounds; each rule checks the types it relies on.
 */
export const everyProblem = { when: () => true };

const wholeNumber = (required: string, wrong: string, max: number) =>
  z.string().trim().min(1, required).regex(/^\d{1,7}$/, wrong).transform(Number).refine((n) => n <= max, wrong);

// Organisation

export const organisationShape = {
  name: z.string().trim()
    .min(1, "Enter the name of your organisation")
    .min(2, "The name must be at least 2 characters")
    .max(120, "The name must be 120 characters or fewer"),
  kind: z.enum(slugsOf(organisationKinds), { error: "Choose what kind of organisation it is" }),
  staffCount: wholeNumber("Enter how many staff work for it, including you", "Enter the number of staff as a whole number, like 3", 1_000_000),
  description: z.string().trim()
    .min(1, "Describe what your organisation does")
    .min(20, "Tell people a little more about what your organisation does (at least 20 characters)")
    .max(2000, "The description must be 2,000 characters or fewer"),
  addressLine: optional(z.string().trim().max(200, "The address must be 200 characters or fewer")),
  townSlug: TownSlug,
  postcode: Postcode,
  areaServed: z.string().trim()
    .min(1, "Say which places you serve, for example Leeds and Wakefield")
    .max(200, "The places you serve must be 200 characters or fewer"),
  phone: Phone,
  email: OptionalEmail,
  website: Website,
};

/** Why this staff count cannot go with this kind, or null: a micro-enterprise has one to five staff. */
export function staffCountProblem(kind: string, staffCount: number | null): string | null {
  if (kind !== "micro-enterprise") return null;
  if (staffCount === null || staffCount < 1 || staffCount > MICRO_ENTERPRISE_MAX_STAFF) {
    return `A micro-enterprise has between 1 and ${MICRO_ENTERPRISE_MAX_STAFF} staff. If you have more, choose another kind of organisation`;
  }
  return null;
}

export function checkStaffCount(v: { kind?: unknown; staffCount?: unknown }, ctx: Issues) {
  if (typeof v.kind !== "string" || (v.staffCount !== null && typeof v.staffCount !== "number")) return;
  const problem = staffCountProblem(v.kind, v.staffCount);
  if (problem) ctx.addIssue({ code: "custom", path: ["staffCount"], message: problem, input: v.staffCount });
}

export const OrganisationForm = z.object(organisationShape).superRefine(checkStaffCount, everyProblem);
export type OrganisationInput = z.output<typeof OrganisationForm>;

// Registration and vetting facts a provider states; each becomes a claim a moderator checks.

export const statedChecks = [
  { slug: "dbs-checked", name: "Everyone who works with people has a DBS check" },
  { slug: "insurance", name: "We have public liability insurance" },
  { slug: "safeguarding-training", name: "Everyone who works with people has safeguarding training" },
] as const;

/** A date typed as 31/3/2027 or 2027-03-31, as an ISO date; null when it is not a real date. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  const uk = /^(\d{1,2})[/ .-](\d{1,2})[/ .-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const [y, m, d] = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

export const factsShape = {
  cqcLocationId: optional(z.string().trim().toUpperCase().regex(/^1-\d{5,12}$/, "Enter a CQC location ID like 1-123456789, or leave it blank")),
  charityNumber: optional(z.string().trim().toUpperCase().regex(/^(\d{6,8}(-\d{1,2})?|SC0\d{5})$/, "Enter a charity number like 1234567, or leave it blank")),
  companyNumber: optional(z.string().trim().toUpperCase().transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^(\d{8}|[A-Z]{2}\d{6})$/, "Enter a company number of 8 characters, like 01234567 or SC123456, or leave it blank"))),
  checks: z.array(z.enum(slugsOf(statedChecks), { error: "Choose checks from the list" })),
  insuranceExpiresOn: z.string().trim().max(20, "Enter the date your insurance ends, like 31/3/2027"),
};

export function checkFacts(v: { checks?: unknown; insuranceExpiresOn?: unknown }, ctx: Issues, today = new Date()) {
  if (!Array.isArray(v.checks) || typeof v.insuranceExpiresOn !== "string") return;
  const insured = v.checks.includes("insurance");
  if (!insured) return;
  const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["insuranceExpiresOn"], message, input: v.insuranceExpiresOn });
  if (!v.insuranceExpiresOn) return issue("Enter the date your insurance ends");
  const date = parseDate(v.insuranceExpiresOn);
  if (!date) return issue("Enter the date your insurance ends as a real date, like 31/3/2027");
  if (date <= today.toISOString().slice(0, 10)) return issue("The date your insurance ends must be in the future: enter the date your current policy ends");
}

export const FactsForm = z.object(factsShape).superRefine((v, ctx) => checkFacts(v, ctx), everyProblem);
export type FactsInput = z.output<typeof FactsForm>;

export const NewOrganisationForm = z.object({ ...organisationShape, ...factsShape })
  .superRefine((v, ctx) => {
    checkStaffCount(v, ctx);
    checkFacts(v, ctx);
  }, everyProblem);
export type NewOrganisationInput = z.output<typeof NewOrganisationForm>;

// Staff

export const AddStaffForm = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter the email address of their Weave account").max(254)
    .pipe(z.email("Enter an email address like name@example.com")),
  role: z.enum(["staff", "owner"], { error: "Choose what they can do" }),
});

// Service

const Time = z.string().trim().regex(/^(|([01]?\d|2[0-3])[:.][0-5]\d)$/, "Enter a time like 09:30, or leave it blank")
  .transform((v) => (v ? v.replace(".", ":").padStart(5, "0") : ""));

type DayTimeKey = `${Day}${"From" | "To"}`;
const timeShape = Object.fromEntries(days.flatMap((d) => [[`${d.slug}From`, Time], [`${d.slug}To`, Time]])) as Record<DayTimeKey, typeof Time>;
export const dayTimeKeys = (day: Day) => ({ from: `${day}From` as DayTimeKey, to: `${day}To` as DayTimeKey });

const MAX_PRICE_PENCE = 1_000_000;

/** "18", "18.5", "£18.50" as pence, without floating point; null when it is not a price. */
export function parsePounds(input: string): number | null {
  const m = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/,/g, ""));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export const penceToPounds = (pence: number) => (pence % 100 ? (pence / 100).toFixed(2) : String(pence / 100));

export const serviceShape = {
  name: z.string().trim()
    .min(1, "Enter the name of the service")
    .min(3, "The name must be at least 3 characters")
    .max(120, "The name must be 120 characters or fewer"),
  categorySlug: z.enum(slugsOf(categories), { error: "Choose the kind of support it gives" }),
  description: z.string().trim()
    .min(1, "Describe the service")
    .min(20, "Tell people a little more about the service (at least 20 characters)")
    .max(2000, "The description must be 2,000 characters or fewer"),
  price: z.string().trim().max(20, "Enter the price in pounds and pence, like 18.50").transform((v, ctx) => {
    if (!v) return null;
    const pence = parsePounds(v);
    if (pence === null || pence > MAX_PRICE_PENCE) {
      ctx.addIssue({ code: "custom", message: "Enter the price in pounds and pence, like 18.50" });
      return z.NEVER;
    }
    return pence;
  }),
  priceUnit: z.enum(slugsOf(priceUnits), { error: "Choose what the price is for, or Free" }),
  deliveryModes: z.array(z.enum(slugsOf(deliveryModes), { error: "Choose where it happens from the list" }))
    .min(1, "Choose where the service happens"),
  ...timeShape,
  capacityFree: optional(z.string().trim().regex(/^\d{1,4}$/, "Enter the number of free places as a whole number, or leave it blank"))
    .transform((v) => (v === null ? null : Number(v))),
  accessibility: z.array(z.enum(slugsOf(accessibilityFeatures), { error: "Choose accessibility features from the list" })),
  languages: z.array(z.enum(languages, { error: "Choose languages from the list" })).min(1, "Choose at least one language it is offered in"),
  paymentRoutes: z.array(z.enum(slugsOf(paymentRoutes), { error: "Choose ways to pay from the list" })),
  townSlug: TownSlug,
  postcode: Postcode,
  radiusMiles: wholeNumber("Enter how far you travel, in miles", "Enter how far you travel as a whole number of miles from 0 to 100", 100),
};

type ServiceShapeOutput = { [K in keyof typeof serviceShape]: z.output<(typeof serviceShape)[K]> };

export function checkService(v: Partial<Record<keyof typeof serviceShape, unknown>>, ctx: Issues) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message, input: v[path as keyof typeof v] });
  if (v.priceUnit === "free") {
    if (typeof v.price === "number" && v.price > 0) issue("price", "A free service has no price: leave the price blank, or choose what the price is for");
  } else if (priceUnits.some((u) => u.slug === v.priceUnit)) {
    if (v.price === null) issue("price", "Enter the price, like 18.50");
    else if (v.price === 0) issue("price", "Enter a price above £0, or choose Free");
    if (Array.isArray(v.paymentRoutes) && v.paymentRoutes.length === 0) issue("paymentRoutes", "Choose at least one way people can pay");
  }
  for (const day of days) {
    const keys = dayTimeKeys(day.slug);
    const from = v[keys.from];
    const to = v[keys.to];
    // A time that failed its own check has an error already; comparing it would add a second.
    const isTime = (t: unknown): t is string => typeof t === "string" && /^(|([01]\d|2[0-3]):[0-5]\d)$/.test(t);
    if (!isTime(from) || !isTime(to)) continue;
    if (from && !to) issue(keys.to, `Enter the time it finishes on ${day.name}`);
    else if (!from && to) issue(keys.from, `Enter the time it starts on ${day.name}`);
    else if (from && to && from >= to) issue(keys.to, `The finishing time on ${day.name} must be after the start time`);
  }
}

export const ServiceForm = z.object(serviceShape).superRefine(checkService, everyProblem);
export type ServiceInput = z.output<typeof ServiceForm>;

/** Fields that hold several values (checkboxes), for readForm. */
export const listFields = ["checks", "deliveryModes", "accessibility", "languages", "paymentRoutes"] as const;

/** A checked form as the columns of a service (placed at its town's map reference). */
export function serviceColumns(input: ServiceShapeOutput): Omit<NewService, "organisationId" | "status"> {
  const town = findTown(input.townSlug)!;
  return {
    name: input.name, categorySlug: input.categorySlug, description: input.description,
    pricePence: input.priceUnit === "free" ? 0 : (input.price ?? 0), priceUnit: input.priceUnit,
    deliveryModes: input.deliveryModes,
    availability: days.flatMap((d) => {
      const keys = dayTimeKeys(d.slug);
      return input[keys.from] && input[keys.to] ? [{ day: d.slug, from: input[keys.from], to: input[keys.to] }] : [];
    }),
    capacityFree: input.capacityFree, accessibility: input.accessibility, languages: input.languages,
    paymentRoutes: input.paymentRoutes, townSlug: input.townSlug, postcode: input.postcode,
    lat: town.lat, lng: town.lng, radiusMiles: input.radiusMiles,
  };
}

export type FormValues = Record<string, string | string[]>;

/** A service as the values its edit form starts with. */
export function serviceFormValues(s: ServiceRow): FormValues {
  const values: FormValues = {
    name: s.name, categorySlug: s.categorySlug, description: s.description,
    price: s.priceUnit === "free" ? "" : penceToPounds(s.pricePence), priceUnit: s.priceUnit,
    deliveryModes: s.deliveryModes, capacityFree: s.capacityFree === null ? "" : String(s.capacityFree),
    accessibility: s.accessibility, languages: s.languages, paymentRoutes: s.paymentRoutes,
    townSlug: s.townSlug, postcode: s.postcode ?? "", radiusMiles: String(s.radiusMiles),
  };
  for (const slot of s.availability) {
    const keys = dayTimeKeys(slot.day);
    values[keys.from] = slot.from;
    values[keys.to] = slot.to;
  }
  return values;
}

/** An organisation as the values its edit form starts with. */
export function organisationFormValues(o: { [K in keyof typeof organisationShape]: unknown }): FormValues {
  return Object.fromEntries(Object.keys(organisationShape).map((k) => {
    const value = o[k as keyof typeof organisationShape];
    return [k, value === null || value === undefined ? "" : String(value)];
  }));
}
