import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/admin.budgets";
import { allow, requireActor } from "../accounts/actor.server";
import { canAdministerBudgets } from "../accounts/permissions";
import { OpenAccountForm, periodChoices } from "../budgets/account-form";
import { openAccountFor, recentAccounts } from "../budgets/administration.server";
import { isfProvidersIn } from "../budgets/isf.server";
import { arrangementNames } from "../budgets/labels";
import { formatDate, formatPence } from "../directory/format";
import { localAuthorities } from "../directory/region";
import { readForm } from "../forms";
import { Button, ErrorSummary, Select, TextInput } from "../ui";

const onlyAdmins = "Only Weave's administrators open budget accounts, on the council's instruction.";

function page(request: Request) {
  const email = new URL(request.url).searchParams.get("email")?.trim() ?? "";
  return {
    email,
    accounts: recentAccounts(email || undefined),
    providers: localAuthorities.map((a) => ({ label: a.name, options: isfProvidersIn(a.slug).map((o) => ({ value: String(o.id), label: o.name })) }))
      .filter((g) => g.options.length > 0),
    today: new Date().toISOString().slice(0, 10),
  };
}

export function loader({ request, context }: Route.LoaderArgs) {
  allow(canAdministerBudgets(requireActor(request, context)), onlyAdmins);
  return page(request);
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  allow(canAdministerBudgets(actor), onlyAdmins);
  const form = readForm(OpenAccountForm, await request.formData());
  const result = form.ok ? openAccountFor(form.data, actor.user.id) : { ok: false as const, errors: form.errors };
  if (result.ok) throw redirect(`/admin/budgets/${result.accountId}?opened=1`);
  return data({ ...page(request), errors: result.errors, values: form.values as Record<string, string> }, { status: 400 });
}

export default function AdminBudgets({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? { ...loaderData, errors: {} as Record<string, string>, values: {} as Record<string, string> };
  const v = d.values;
  const errors = d.errors;
  return (
    <div className="max-w-4xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Budget accounts – Weave`}</title>
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-3">Budget accounts</h1>
      <p className="mb-6">Open a personal budget when the council asks, and suspend or end one. You see each account's terms, never its balance, statement or plan: those belong to the person.</p>

      <section aria-labelledby="open-heading" className="mb-10">
        <h2 id="open-heading" className="text-2xl font-bold mb-3">Open a budget account</h2>
        <Form method="post" noValidate>
          <TextInput name="email" type="email" label="The person's email address" hint="Their Weave account: they (or someone acting for them) sign up first" spellCheck={false}
            defaultValue={v.email} error={errors.email} />
          <Select name="areaSlug" label="Council" placeholder="Choose" defaultValue={v.areaSlug} error={errors.areaSlug}
            options={localAuthorities.map((a) => ({ value: a.slug, label: a.name }))} />
          <Select name="arrangement" label="How the budget is held" placeholder="Choose" defaultValue={v.arrangement} error={errors.arrangement}
            options={Object.entries(arrangementNames).map(([value, label]) => ({ value, label }))} />
          <Select name="isfProviderId" label="Provider holding it (Individual Service Funds only)" placeholder="None" defaultValue={v.isfProviderId} error={errors.isfProviderId}
            hint="Providers that take ISFs, by council. It must be in the same council as the budget." groups={d.providers} />
          <TextInput name="annualAllocation" label="Yearly amount, in pounds" hint="For example 15600" width="max-w-48" defaultValue={v.annualAllocation} error={errors.annualAllocation} />
          <Select name="periodDays" label="Payments arrive" defaultValue={v.periodDays ?? "28"} error={errors.periodDays} options={[...periodChoices]} />
          <TextInput name="contribution" label="The person's own contribution each payment, in pounds (optional)" width="max-w-48" defaultValue={v.contribution} error={errors.contribution} />
          <Select name="feeKind" label="Management fee (Individual Service Funds only)" defaultValue={v.feeKind ?? "none"} error={errors.feeKind}
            options={[{ value: "none", label: "No fee" }, { value: "amount", label: "An amount each payment, in pounds" }, { value: "percent", label: "A percentage of each payment" }]} />
          <TextInput name="fee" label="The fee" hint="Pounds (like 40) or a percentage (like 7.5), as chosen above" width="max-w-48" defaultValue={v.fee} error={errors.fee} />
          <TextInput name="startsOn" type="date" label="Starts on" width="max-w-48" defaultValue={v.startsOn ?? d.today} error={errors.startsOn} />
          <TextInput name="endsOn" type="date" label="Ends on (optional)" width="max-w-48" defaultValue={v.endsOn} error={errors.endsOn} />
          <Button>Open the budget account</Button>
        </Form>
      </section>

      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading" className="text-2xl font-bold mb-3">{d.email ? `Budget accounts of ${d.email}` : "Recently opened"}</h2>
        <Form method="get" className="flex flex-wrap gap-3 items-end mb-4">
          <TextInput name="email" type="email" label="Find a person's accounts by email address" spellCheck={false} defaultValue={d.email} width="max-w-md" />
          <Button secondary>Find</Button>
        </Form>
        {d.accounts.length === 0 ? <p>No budget accounts{d.email ? " for this email address" : " yet"}.</p> : (
          <table className="w-full text-left">
            <thead><tr className="border-b-2 border-ink"><th className="py-2">Person</th><th>Budget</th><th>Council</th><th>Yearly</th><th>Status</th></tr></thead>
            <tbody>
              {d.accounts.map((a) => (
                <tr key={a.id} className="border-b border-line">
                  <td className="py-2">{a.holderName}<br /><span className="text-muted text-sm">{a.holderEmail}</span></td>
                  <td><Link to={`/admin/budgets/${a.id}`}>{arrangementNames[a.arrangement]}{a.isfProviderName ? ` (${a.isfProviderName})` : ""}</Link><br /><span className="text-muted text-sm">from {formatDate(a.startsOn)}</span></td>
                  <td>{a.areaName}</td>
                  <td>{formatPence(a.annualAllocationPence)}</td>
                  <td>{a.status.replace("-", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
