// The forms of looking-for posts, requests for quotes, offers and peer support, as zod schemas
// shared by the pages and the tests. Money typed in pounds becomes whole pence here.
import { z } from "zod";
import { findTown } from "../directory/region";
import { categories, slugsOf } from "../directory/vocabulary";
import { OrderForm, PayWith, Pounds, Quantity } from "../purchasing/order-form";

export const DESCRIPTION_MAX = 1_000;

const optionalPounds = z.string().trim().transform((s, ctx) => {
  if (s === "") return null;
  const parsed = Pounds.safeParse(s);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: "Enter an amount in pounds, like 15 or 12.50, or leave it empty" });
    return z.NEVER;
  }
  return parsed.data;
});

/** Ticked when the person has seen the warning about identifying details and sends it anyway. */
const sendAsItIs = z.string().optional().transform((v) => v === "yes");

export const PostForm = z.object({
  description: z.string().trim().min(10, "Describe what you would like, in a sentence or two").max(DESCRIPTION_MAX, `Write ${DESCRIPTION_MAX.toLocaleString("en-GB")} characters or fewer`),
  category: z.enum(slugsOf(categories), { error: "Choose the kind of support" }),
  townSlug: z.string().refine((s) => !!findTown(s), "Choose the town you live in or nearest to"),
  whenText: z.string().trim().min(2, "Say when you would like it, like “Saturday mornings”").max(200, "Write 200 characters or fewer"),
  budgetMin: optionalPounds,
  budgetMax: optionalPounds,
  sendAsItIs,
}).superRefine((v, ctx) => {
  if (v.budgetMin !== null && v.budgetMax !== null && v.budgetMax < v.budgetMin) {
    ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "The most you would pay must be at least the least" });
  }
});
export type PostValues = z.output<typeof PostForm>;

export const QuotesForm = z.object({
  lineIds: z.array(z.coerce.number().int().positive()).min(1, "Choose at least one line of your plan to ask for quotes on"),
  outcomes: z.array(z.coerce.number().int().min(0)).max(12),
  townSlug: z.string().refine((s) => !!findTown(s), "Choose the town you live in or nearest to"),
  whenText: z.string().trim().min(2, "Say when you would like it, like “weekday mornings”").max(200, "Write 200 characters or fewer"),
  note: z.string().trim().max(DESCRIPTION_MAX, `Write ${DESCRIPTION_MAX.toLocaleString("en-GB")} characters or fewer`).default(""),
  sendAsItIs,
});
export type QuotesValues = z.output<typeof QuotesForm>;

/** A provider's offer: which of their services, at what price per unit, how much each time and when. */
export const OfferForm = z.object({
  serviceId: z.coerce.number({ error: "Choose which of your services this is" }).int().positive("Choose which of your services this is"),
  price: Pounds.refine((p) => p > 0, "Enter a price above £0"),
  quantity: Quantity,
  recurrence: OrderForm.shape.recurrence,
  startsOn: OrderForm.shape.startsOn,
  timeFrom: OrderForm.shape.timeFrom,
  timeTo: OrderForm.shape.timeTo,
  message: z.string().trim().min(1, "Write a short message: who you are and how you would meet this").max(2_000, "Write 2,000 characters or fewer"),
}).superRefine((v, ctx) => {
  if ((v.timeFrom === null) !== (v.timeTo === null)) ctx.addIssue({ code: "custom", path: [v.timeFrom ? "timeTo" : "timeFrom"], message: "Enter both times, or neither" });
  if (v.timeFrom && v.timeTo && v.timeTo <= v.timeFrom) ctx.addIssue({ code: "custom", path: ["timeTo"], message: "The end time must be after the start time" });
});
export type OfferValues = z.output<typeof OfferForm>;

export const OfferChoice = z.object({ offerId: z.coerce.number().int().positive() });
export const AcceptForm = z.object({ offerId: z.coerce.number().int().positive(), payWith: PayWith });
export const AskForm = z.object({ offerId: z.coerce.number().int().positive(), body: z.string().trim().min(1, "Write your question").max(2_000, "Write 2,000 characters or fewer") });

export const PeerSupporterForm = z.object({
  areaSlug: z.string().min(1, "Choose the council area you can support people in"),
  about: z.string().trim().min(10, "Say a little about yourself, in a sentence or two").max(500, "Write 500 characters or fewer"),
});
export const PeerAskForm = z.object({
  message: z.string().trim().min(1, "Say what you would like to talk about").max(1_000, "Write 1,000 characters or fewer"),
});
