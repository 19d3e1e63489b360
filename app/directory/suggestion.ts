// The "suggest a local service" form: one schema for the page and the server.
import { z } from "zod";
import { fieldErrors } from "../forms";
import { findTown, normalisePostcode } from "./region";
import { categories, days, deliveryModes, slugsOf } from "./vocabulary";

/** An optional text field: blank becomes null. */
export const optional = (schema: z.ZodType<string, string>) => z.union([z.literal(""), schema]).transform((v) => v || null);

// Field rules shared by every directory form (suggestions, providers' listings, moderation).
export const TownSlug = z.string().refine((slug) => findTown(slug) !== undefined, "Choose the town where it is");
export const Postcode = z.string().trim().transform((v, ctx) => {
  if (!v) return null;
  const pc = normalisePostcode(v);
  if (!pc) {
    ctx.addIssue({ code: "custom", message: "Enter a postcode like LS6 3AA, or leave it blank" });
    return z.NEVER;
  }
  return pc.full;
});
export const Phone = optional(z.string().trim().regex(/^\+?[0-9 ()-]{10,20}$/, "Enter a phone number like 0113 496 0000, or leave it blank"));
export const Website = optional(z.string().trim().max(300).regex(/^https?:\/\/[^\s.]+\.[^\s]+$/i, "Enter a web address starting with https://, or leave it blank"));
export const OptionalEmail = optional(z.string().trim().max(254).pipe(z.email("Enter an email address like name@example.com, or leave it blank")));

export const SuggestionForm = z.object({
  serviceName: z.string().trim()
    .min(1, "Enter the name of the service")
    .min(3, "The name must be at least 3 characters")
    .max(120, "The name must be 120 characters or fewer"),
  organisationName: optional(z.string().trim().max(120, "The organisation's name must be 120 characters or fewer")),
  description: z.string().trim()
    .min(1, "Tell us what the service offers")
    .min(10, "Tell us a little more about what the service offers (at least 10 characters)")
    .max(1000, "The description must be 1,000 characters or fewer"),
  categorySlug: z.enum(slugsOf(categories), { error: "Choose the kind of support it gives" }),
  townSlug: TownSlug,
  postcode: Postcode,
  deliveryModes: z.array(z.enum(slugsOf(deliveryModes), { error: "Choose where it happens from the list" })),
  days: z.array(z.enum(slugsOf(days), { error: "Choose days from the list" })),
  contactPhone: Phone,
  contactWebsite: Website,
  suggesterEmail: OptionalEmail,
});

export type Suggestion = z.output<typeof SuggestionForm>;
export type SuggestionValues = Record<keyof z.input<typeof SuggestionForm>, string | string[]>;

export function suggestionValues(form: FormData): SuggestionValues {
  const text = (k: string) => String(form.get(k) ?? "");
  return {
    serviceName: text("serviceName"),
    organisationName: text("organisationName"),
    description: text("description"),
    categorySlug: text("categorySlug"),
    townSlug: text("townSlug"),
    postcode: text("postcode"),
    deliveryModes: form.getAll("deliveryModes").map(String),
    days: form.getAll("days").map(String),
    contactPhone: text("contactPhone"),
    contactWebsite: text("contactWebsite"),
    suggesterEmail: text("suggesterEmail"),
  };
}

/** Field errors in form order (the order the error summary lists them). */
export function parseSuggestion(values: SuggestionValues):
  | { ok: true; suggestion: Suggestion }
  | { ok: false; errors: Record<string, string> } {
  const parsed = SuggestionForm.safeParse(values);
  return parsed.success ? { ok: true, suggestion: parsed.data } : { ok: false, errors: fieldErrors(SuggestionForm, parsed.error) };
}

export const suggestionReference = (id: number) => `S-${String(id).padStart(6, "0")}`;
