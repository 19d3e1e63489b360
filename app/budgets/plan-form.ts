// The support plan form: outcomes in the person's words, and planned support by kind.
import { z } from "zod";
import { categories, slugsOf } from "../directory/vocabulary";

export const planLineKinds = [
  { value: "paid", label: "Paid support" },
  { value: "community", label: "Community or free activity" },
  { value: "informal", label: "Help from family, friends or neighbours" },
] as const;

const Pounds = z.string().trim().transform((v, ctx) => {
  if (v === "") return 0;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(v.replace(/^£/, ""))) {
    ctx.addIssue({ code: "custom", message: "Enter an amount in pounds, like 120 or 45.50" });
    return z.NEVER;
  }
  return Math.round(Number(v.replace(/^£/, "")) * 100);
});

export const PlanLine = z.object({
  kind: z.enum(["paid", "community", "informal"], { error: "Choose what kind of support this is" }),
  category: z.enum(slugsOf(categories), { error: "Choose the kind of support" }),
  description: z.string().trim().min(1, "Say what the support is").max(300, "Keep each line to 300 characters"),
  planned: Pounds,
});

export const PlanForm = z.object({
  outcomes: z.array(z.string().trim().max(500, "Keep each outcome to 500 characters")).transform((xs) => xs.filter(Boolean))
    .pipe(z.array(z.string()).min(1, "Write at least one thing that matters to you").max(12, "Twelve outcomes at most")),
  lines: z.array(PlanLine).max(30, "Thirty lines at most"),
});

export const AgreeForm = z.object({
  agreedBy: z.string().trim().min(3, "Say who agreed the plan, for example “Jo Smith, social worker”").max(200),
});

/** Reads the plan form's repeated fields: outcome, and line-N-kind / -category / -description / -planned. */
export function planValues(form: FormData) {
  const lines: Record<string, string>[] = [];
  for (let i = 0; i < 30; i++) {
    const get = (k: string) => String(form.get(`line-${i}-${k}`) ?? "");
    const line = { kind: get("kind"), category: get("category"), description: get("description"), planned: get("planned") };
    if (line.description || line.planned) lines.push(line);
  }
  return { outcomes: form.getAll("outcome").map(String), lines };
}
