import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin.budgets.$budgetId";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canAdministerBudgets } from "../accounts/permissions";
import { StatusForm } from "../budgets/account-form";
import { accountTerms, changeStatus } from "../budgets/administration.server";
import { arrangementNames, managementFeeText } from "../budgets/labels";
import { parseId } from "../directory/ids";
import { formatDate, formatPence } from "../directory/format";
import { readForm } from "../forms";
import { Button, ErrorSummary, Notices, Select, SummaryList, TextArea } from "../ui";

const onlyAdmins = "Only Weave's administrators manage budget accounts.";
const changes = { active: ["suspend", "end"], suspended: ["reactivate", "end"], "set-up": [], ended: [] } as const;
const changeNames = { suspend: "Suspend it: nothing new can be spent or set aside", reactivate: "Reactivate it", end: "End it today (final)" };
const doneMessages = { suspend: "The budget is suspended.", reactivate: "The budget is active again.", end: "The budget has ended." };

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const actor = requireActor(request, context);
  allow(canAdministerBudgets(actor), onlyAdmins);
  const account = accountTerms(parseId(rawId) ?? notFound()) ?? notFound("No such budget account");
  return { actor, account };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = load(request, context, params.budgetId);
  return { account, opened: new URL(request.url).searchParams.has("opened") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account } = load(request, context, params.budgetId);
  const form = readForm(StatusForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, done: null }, { status: 400 });
  const result = changeStatus(account.id, form.data.change, actor.user.id, form.data.reason);
  if (!result.ok) return data({ errors: { change: result.error } as Record<string, string>, done: null }, { status: 400 });
  return { errors: {} as Record<string, string>, done: doneMessages[form.data.change] };
}

export default function AdminBudget({ loaderData, actionData }: Route.ComponentProps) {
  const a = loaderData.account;
  const errors = actionData?.errors ?? {};
  const possible = changes[a.status];
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Budget account – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/admin/budgets">All budget accounts</Link></p>
      {loaderData.opened && !actionData && <Notices notices={[`The budget account is open. ${a.holderName} sees it under Budgets, and payments already due have been made.`]} />}
      {actionData?.done && <Notices notices={[actionData.done]} />}
      <h1 className="text-4xl font-bold mb-3">{arrangementNames[a.arrangement]} for {a.holderName}</h1>
      <SummaryList rows={[
        ["Person", `${a.holderName} (${a.holderEmail})`],
        ["Council", a.areaName],
        ...(a.isfProviderName ? [["Held by", a.isfProviderName] as [string, string]] : []),
        ["Yearly amount", `${formatPence(a.annualAllocationPence)}, paid every ${a.periodDays} days`],
        ...(a.contributionPence ? [["The person's contribution", `${formatPence(a.contributionPence)} each payment`] as [string, string]] : []),
        ...(a.arrangement === "isf" ? [["Management fee", managementFeeText(a.feeKind, a.feeValue)] as [string, string]] : []),
        ["Runs", `From ${formatDate(a.startsOn)}${a.endsOn ? ` to ${formatDate(a.endsOn)}` : ""}`],
        ["Status", a.status.replace("-", " ")],
      ]} />
      {possible.length === 0 ? <p>This budget account has {a.status === "ended" ? "ended; nothing more can change" : "not started"}.</p> : (
        <Form method="post" noValidate>
          <h2 className="text-2xl font-bold mb-3">Change its status</h2>
          <Select name="change" label="What should happen?" placeholder="Choose" error={errors.change}
            options={possible.map((c) => ({ value: c, label: changeNames[c] }))} />
          <TextArea name="reason" label="Why?" hint="The council's instruction, with its reference. It is kept in the person's access log." rows={3} error={errors.reason} />
          <Button>Change the status</Button>
        </Form>
      )}
    </div>
  );
}
