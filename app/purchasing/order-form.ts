// The forms of ordering, as zod schemas shared by the pages and the tests: typed values or
// GOV.UK-style messages for each field. Money typed in pounds becomes whole pence here.
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const realDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const optionalTime = (label: string) => z.string().trim().transform((s) => s.replace(".", ":").replace(/^(\d):/, "0$1:"))
  .refine((s) => s === "" || TIME.test(s), `Enter ${label} like 10:00 or 14:30`).transform((s) => s || null);

/** "2", "1.5", "1¼" typed as a number of units becomes hundredths: 200, 150. */
export const Quantity = z.string().trim().min(1, "Enter how many each time, like 2 or 1.5")
  .refine((s) => /^\d{1,3}(\.\d{1,2})?$/.test(s), "Enter a number, like 2 or 1.5")
  .transform((s) => Math.round(Number(s) * 100))
  .refine((n) => n > 0, "Enter a number above 0")
  .refine((n) => n <= 10_000, "Enter 100 or fewer each time")
  .refine((n) => n % 25 === 0, "Use whole numbers, halves or quarters, like 1.5 or 2.25");

/** "card", "budget:<id>" (paid through Weave) or "budget-card:<id>" (a direct payment's own card). */
export const PayWith = z.string().min(1, "Choose how to pay").refine((s) => s === "card" || /^budget(-card)?:\d+$/.test(s), "Choose how to pay")
  .transform((s) => (s === "card" ? ("card" as const) : { budgetAccountId: Number(s.split(":")[1]), card: s.startsWith("budget-card:") }));

export const OrderForm = z.object({
  quantity: Quantity,
  recurrence: z.enum(["one-off", "weekly", "fortnightly"], { error: "Choose how often" }),
  startsOn: z.string().trim().min(1, "Enter the date of the first visit").refine(realDate, "Enter a real date, like 2026-12-01"),
  endsOn: z.string().trim().refine((s) => s === "" || realDate(s), "Enter a real date, like 2027-03-31, or leave it empty").transform((s) => s || null),
  timeFrom: optionalTime("the start time"),
  timeTo: optionalTime("the end time"),
  payWith: PayWith,
  message: z.string().trim().max(2_000, "Write 2,000 characters or fewer").optional().default(""),
}).superRefine((v, ctx) => {
  if ((v.timeFrom === null) !== (v.timeTo === null)) ctx.addIssue({ code: "custom", path: [v.timeFrom ? "timeTo" : "timeFrom"], message: "Enter both times, or neither" });
  if (v.timeFrom && v.timeTo && v.timeTo <= v.timeFrom) ctx.addIssue({ code: "custom", path: ["timeTo"], message: "The end time must be after the start time" });
  if (v.recurrence !== "one-off" && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The last date must be on or after the first" });
});
export type OrderFormValues = z.output<typeof OrderForm>;

/** Why a provider declines a request: a fixed list, so commissioners can count reasons without reading anyone's words. */
export const declineReasons = [
  { value: "full", label: "We have no places free" },
  { value: "area", label: "We do not cover where the person lives" },
  { value: "times", label: "We cannot do those days or times" },
  { value: "service", label: "We do not offer what was asked for" },
  { value: "other", label: "Another reason" },
] as const;
export type DeclineReason = (typeof declineReasons)[number]["value"];

export const Reason = z.string().trim().min(1, "Say why, so the other side knows").max(1_000, "Write 1,000 characters or fewer");

/** "18", "18.50", "£6" into pence. */
export const Pounds = z.string().trim().min(1, "Enter an amount, like 6 or 12.50")
  .transform((s) => s.replace(/^£/, "").replace(/,/g, ""))
  .refine((s) => /^\d{1,6}(\.\d{1,2})?$/.test(s), "Enter an amount in pounds, like 6 or 12.50")
  .transform((s) => Math.round(Number(s) * 100));

export const DeliveryForm = z.object({
  occurrenceId: z.coerce.number().int().positive(),
  deliveredOn: z.string().trim().min(1, "Enter the date it was delivered").refine(realDate, "Enter a real date, like 2026-12-01"),
  quantity: Quantity,
  notes: z.string().trim().max(1_000, "Write 1,000 characters or fewer").default(""),
});

export const CreditForm = z.object({ occurrenceId: z.coerce.number().int().positive(), amount: Pounds, reason: Reason });
export const VisitReasonForm = z.object({ occurrenceId: z.coerce.number().int().positive(), reason: Reason });
export const VisitForm = z.object({ occurrenceId: z.coerce.number().int().positive() });
export const ReasonForm = z.object({ reason: Reason });
export const DeclineForm = z.object({
  reasonKind: z.enum(declineReasons.map((r) => r.value) as [DeclineReason, ...DeclineReason[]], { error: "Choose the main reason" }),
  reason: Reason,
});
export const MessageForm = z.object({ body: z.string().trim().min(1, "Write a message").max(2_000, "Write 2,000 characters or fewer") });
export const ChangeForm = z.object({ quantity: Quantity, timeFrom: optionalTime("the start time"), timeTo: optionalTime("the end time") });
export const ResolveForm = z.object({ disputeId: z.coerce.number().int().positive(), pay: Pounds, resolution: z.string().trim().min(1, "Explain the decision to both sides").max(1_000, "Write 1,000 characters or fewer") });
export const PayoutForm = z.object({ payoutId: z.coerce.number().int().positive(), reference: z.string().trim().min(1, "Enter the payment reference").max(100, "Write 100 characters or fewer") });
