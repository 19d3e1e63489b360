// What an ISF provider records: support delivered (hours x rate) or other spend (an amount).
import { z } from "zod";
import { categories, slugsOf } from "../directory/vocabulary";

const money = (label: string) => z.string().trim().refine((v) => v === "" || /^\d{1,6}(\.\d{1,2})?$/.test(v), `Enter ${label} in pounds, like 21.50`);

export const IsfSpendForm = z.object({
  effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date, like 2026-11-23"),
  category: z.enum([...slugsOf(categories), "other"], { error: "Choose what the money was for" }),
  description: z.string().trim().min(3, "Say what was delivered or bought").max(200, "Keep it to 200 characters"),
  hours: z.string().trim().refine((v) => v === "" || (/^\d{1,3}(\.\d{1,2})?$/.test(v) && Number(v) > 0 && Number(v) <= 24), "Enter hours between 0.25 and 24, like 2.5"),
  rate: money("the hourly rate"),
  amount: money("the amount"),
}).superRefine((v, ctx) => {
  const timed = v.hours !== "" || v.rate !== "";
  if (timed && (v.hours === "" || v.rate === "")) ctx.addIssue({ code: "custom", path: [v.hours === "" ? "hours" : "rate"], message: "For support delivered, enter both the hours and the hourly rate" });
  if (!timed && v.amount === "") ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter the hours and rate, or an amount for other spend" });
  if (timed && v.amount !== "") ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter hours and rate, or an amount, not both" });
});

export const toPence = (pounds: string) => Math.round(Number(pounds) * 100);
