// Moderation forms: approving a suggestion uses the same service fields as a provider's own
// listing (one set of rules), plus who runs it; every refusal needs a reason the provider or
// suggester can act on.
import { z } from "zod";
import { checkService, checkStaffCount, everyProblem, type FormValues, serviceShape } from "../directory/listing-forms";
import type { SuggestionRow } from "../directory/suggestions.server";
import { optional, Phone, Website } from "../directory/suggestion";
import { organisationKinds, slugsOf } from "../directory/vocabulary";

export const ApproveForm = z.object({
  organisationName: optional(z.string().trim().max(120, "The organisation's name must be 120 characters or fewer")),
  kind: z.enum(slugsOf(organisationKinds), { error: "Choose what kind of organisation runs it" }),
  staffCount: optional(z.string().trim().regex(/^\d{1,7}$/, "Enter the number of staff as a whole number, or leave it blank"))
    .transform((v) => (v === null ? null : Number(v))),
  phone: Phone,
  website: Website,
  ...serviceShape,
}).superRefine((v, ctx) => {
  checkStaffCount(v, ctx);
  checkService(v, ctx);
}, everyProblem);
export type ApproveInput = z.output<typeof ApproveForm>;

export const RejectForm = z.object({
  reason: z.string().trim()
    .min(1, "Give the reason, so it can be explained to whoever sent it")
    .min(10, "Give a little more of the reason (at least 10 characters)")
    .max(1000, "The reason must be 1,000 characters or fewer"),
});

/** The approval form's starting values: the suggestion as sent, with the usual defaults. */
export function approvalValues(s: SuggestionRow): FormValues {
  return {
    organisationName: s.organisationName ?? "", kind: "community-group", staffCount: "",
    phone: s.contactPhone ?? "", website: s.contactWebsite ?? "",
    name: s.serviceName, categorySlug: s.categorySlug, description: s.description, price: "", priceUnit: "",
    deliveryModes: s.deliveryModes, capacityFree: "", accessibility: [], languages: ["English"], paymentRoutes: [],
    townSlug: s.townSlug, postcode: s.postcode ?? "", radiusMiles: "5",
  };
}
