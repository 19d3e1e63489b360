// The council's form for opening a budget account, as a zod schema shared by the page and the
// tests. Amounts typed in pounds become whole pence; an ISF must name the provider holding it.
import { z } from "zod";
import { localAuthorities } from "../directory/region";
import { Pounds, realDate } from "../purchasing/order-form";

const optionalPounds = z.string().trim().transform((s) => s || "0").pipe(Pounds);

export const periodChoices = [
  { value: "28", label: "Every four weeks" },
  { value: "14", label: "Every two weeks" },
  { value: "7", label: "Every week" },
] as const;

export const OpenAccountForm = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter the email address of the person's Weave account").email("Enter an email address like name@example.org"),
  areaSlug: z.enum(localAuthorities.map((a) => a.slug) as [string, ...string[]], { error: "Choose the council" }),
  arrangement: z.enum(["direct-payment", "isf", "council-managed", "self-funded"], { error: "Choose how the budget is held" }),
  isfProviderId: z.string().trim().transform((s) => (s ? Number(s) : null)).refine((n) => n === null || (Number.isSafeInteger(n) && n > 0), "Choose a provider from the list"),
  annualAllocation: Pounds,
  periodDays: z.enum(["28", "14", "7"], { error: "Choose how often payments arrive" }).transform(Number),
  contribution: optionalPounds,
  feeKind: z.enum(["none", "amount", "percent"], { error: "Choose the kind of management fee" }),
  fee: z.string().trim().transform((s) => s || "0").refine((s) => /^\d{1,6}(\.\d{1,2})?$/.test(s.replace(/^£/, "")), "Enter the fee as a number, like 40 or 7.5")
    .transform((s) => Math.round(Number(s.replace(/^£/, "")) * 100)),
  startsOn: z.string().trim().min(1, "Enter the date the budget starts").refine(realDate, "Enter a real date, like 2026-12-01"),
  endsOn: z.string().trim().refine((s) => s === "" || realDate(s), "Enter a real date, like 2027-11-30, or leave it empty").transform((s) => s || null),
}).superRefine((v, ctx) => {
  if (v.arrangement === "isf" && v.isfProviderId === null) ctx.addIssue({ code: "custom", path: ["isfProviderId"], message: "Choose the provider who will hold the Individual Service Fund" });
  if (v.arrangement !== "isf" && v.feeKind !== "none") ctx.addIssue({ code: "custom", path: ["feeKind"], message: "Only an Individual Service Fund has a management fee" });
  if (v.feeKind === "percent" && v.fee > 10_000) ctx.addIssue({ code: "custom", path: ["fee"], message: "A percentage fee is 100 or less" });
  if (v.annualAllocation <= 0) ctx.addIssue({ code: "custom", path: ["annualAllocation"], message: "Enter the yearly amount, more than £0" });
  if (v.endsOn && v.endsOn <= v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end date must be after the start date" });
});
export type OpenAccountValues = z.output<typeof OpenAccountForm>;

export const StatusForm = z.object({
  change: z.enum(["suspend", "reactivate", "end"], { error: "Choose what to do" }),
  reason: z.string().trim().min(1, "Say why: the person can see it in their access log").max(500, "Write 500 characters or fewer"),
});
