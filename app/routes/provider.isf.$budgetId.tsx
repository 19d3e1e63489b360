import { data, Form } from "react-router";
import type { Route } from "./+types/provider.isf.$budgetId";
import { allow } from "../accounts/actor.server";
import { canRecordIsf } from "../accounts/permissions";
import { requireBudget } from "../budgets/access.server";
import { balancesOf } from "../budgets/budgets.server";
import { IsfSpendForm, toPence } from "../budgets/isf-form";
import { recordIsfSpend } from "../budgets/isf.server";
import { lineKindNames } from "../budgets/labels";
import { viewPersonName } from "../budgets/people.server";
import { statement } from "../budgets/statements.server";
import { formatDate, formatPence } from "../directory/format";
import { categories } from "../directory/vocabulary";
import { readForm } from "../forms";
import { Button, ErrorSummary, Panel, Select, TextInput } from "../ui";

export const meta = () => [{ title: "Record support – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const { actor, account } = requireBudget(request, context, rawId, "ISF record");
  allow(canRecordIsf(actor, account), "Only the provider holding this Individual Service Fund can record against it.");
  return { actor, account };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = load(request, context, params.budgetId);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  return {
    account, holderName: viewPersonName(account.holderId), balances: balancesOf(account.id), today,
    lines: statement(account.id, from, today)!.lines.slice(-30).reverse(),
    nonce: crypto.randomUUID(), // one per form shown: a resubmitted form records once
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account } = load(request, context, params.budgetId);
  const form = await request.formData();
  const parsed = readForm(IsfSpendForm, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
  const v = parsed.data;
  const result = recordIsfSpend({
    budgetAccountId: account.id, organisationId: account.isfProviderId!, effectiveOn: v.effectiveOn, category: v.category, description: v.description,
    ...(v.hours ? { hours: Number(v.hours), ratePence: toPence(v.rate) } : { amountPence: toPence(v.amount) }),
    idempotencyKey: `isf:${account.id}:${String(form.get("nonce") ?? "").slice(0, 64)}`, by: actor.user.id,
  });
  if (!result.ok) return data({ errors: { form: `${result.refusal.explanation} ${result.refusal.instead}` }, values: parsed.values ?? {}, done: null }, { status: 400 });
  return { errors: {}, values: {}, done: "Recorded. The person can see it on their statement now." };
}

export default function RecordIsf({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-1">{d.holderName}'s Individual Service Fund</h1>
      <p className="mb-4">{formatPence(d.balances.available + d.balances.contingency)} available to spend. {d.holderName} sees every line you record, as you record it.</p>
      {actionData?.done && <Panel title="Done">{actionData.done}</Panel>}
      <Form method="post" noValidate className="bg-wash p-4 mb-6">
        <h2 className="text-2xl font-bold mb-2">Record support or spending</h2>
        <input type="hidden" name="nonce" value={d.nonce} />
        <div className="grid gap-x-4 md:grid-cols-2">
          <TextInput name="effectiveOn" label="Date" type="date" defaultValue={v.effectiveOn ?? d.today} error={errors.effectiveOn} />
          <Select name="category" label="What for" placeholder="Choose" defaultValue={v.category} error={errors.category}
            options={[...categories.map((c) => ({ value: c.slug, label: c.name })), { value: "other", label: "Other" }]} />
        </div>
        <TextInput name="description" label="What was delivered or bought" defaultValue={v.description} error={errors.description} />
        <div className="grid gap-x-4 md:grid-cols-3">
          <TextInput name="hours" label="Hours" hint="For support delivered" defaultValue={v.hours} error={errors.hours} />
          <TextInput name="rate" label="Hourly rate, £" defaultValue={v.rate} error={errors.rate} />
          <TextInput name="amount" label="Or an amount, £" hint="For equipment, a course…" defaultValue={v.amount} error={errors.amount} />
        </div>
        <Button>Record</Button>
      </Form>
      <h2 className="text-2xl font-bold mb-2">Recent lines</h2>
      <ul>
        {d.lines.map((l) => (
          <li key={l.journalId} className="border-b border-line py-1">
            {formatDate(l.date)} · {l.description} · {lineKindNames[l.kind] ?? l.kind} · {l.amountPence > 0 ? "+" : "−"}{formatPence(Math.abs(l.amountPence))}
            {l.detail?.hours !== undefined && l.detail.ratePence !== undefined && ` (${l.detail.hours} hours × ${formatPence(l.detail.ratePence)})`}
          </li>
        ))}
      </ul>
    </div>
  );
}
