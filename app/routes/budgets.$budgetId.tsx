import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/budgets.$budgetId";
import { allow } from "../accounts/actor.server";
import { requireBudget } from "../budgets/access.server";
import { balancesOf, heldReservations, moveIsf } from "../budgets/budgets.server";
import { isfProvidersIn } from "../budgets/isf.server";
import { canActForPerson } from "../accounts/permissions";
import { arrangementNames, lineKindNames, managementFeeText } from "../budgets/labels";
import { forecast, statement } from "../budgets/statements.server";
import { viewPersonName } from "../budgets/people.server";
import { formatDate, formatPence } from "../directory/format";
import { Button, ErrorSummary, Panel, Select, Warning } from "../ui";

export const meta = () => [{ title: "Budget – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, account } = requireBudget(request, context, params.budgetId, "dashboard");
  const id = account.id;
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  return data({
    account,
    holder: actor.user.id === account.holderId ? null : viewPersonName(account.holderId),
    balances: balancesOf(id),
    held: heldReservations([id]).length,
    forecast: forecast(id),
    recent: statement(id, from, today)!.lines.slice(-15).reverse(),
    // The starter pack and requests for quotes are the person's (not the ISF provider's).
    forPerson: canActForPerson(actor, account.holderId),
    // The person's right to change provider: the ISF moves, their money and history stay.
    movableTo: account.arrangement === "isf" && canActForPerson(actor, account.holderId)
      ? isfProvidersIn(account.areaSlug).filter((o) => o.id !== account.isfProviderId) : [],
  });
}

const MoveForm = z.object({ organisationId: z.coerce.number({ error: "Choose a provider" }).int().positive("Choose a provider") });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account } = requireBudget(request, context, params.budgetId, "move ISF");
  const id = account.id;
  allow(canActForPerson(actor, account.holderId), "Only the person, or someone acting for them, can move their ISF.");
  const parsed = MoveForm.safeParse(Object.fromEntries(await request.formData()));
  const allowedTo = isfProvidersIn(account.areaSlug);
  if (!parsed.success || !allowedTo.some((o) => o.id === parsed.data.organisationId)) {
    return data({ errors: { organisationId: "Choose a provider from the list" } as Record<string, string>, moved: null }, { status: 400 });
  }
  moveIsf(id, parsed.data.organisationId, actor.user.id);
  return { errors: {} as Record<string, string>, moved: allowedTo.find((o) => o.id === parsed.data.organisationId)!.name };
}

export default function Budget({ loaderData: d, actionData }: Route.ComponentProps) {
  const a = d.account;
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={actionData?.errors ?? {}} />
      {actionData?.moved && <Panel title="Your ISF has moved">{actionData.moved} now holds it. Your money and every past line stay with you.</Panel>}
      {d.holder && <p className="mb-2 border-l-8 border-link bg-wash p-3">You are looking at {d.holder}'s budget. They can see that you did.</p>}
      <h1 className="text-4xl font-bold mb-1">{arrangementNames[a.arrangement]}</h1>
      <p className="text-muted mb-4">Started {formatDate(a.startsOn)}{a.endsOn ? `, ends ${formatDate(a.endsOn)}` : ""} · {formatPence(a.annualAllocationPence)} a year, paid every {a.periodDays} days{a.status !== "active" && ` · ${a.status.replace("-", " ")}`}</p>

      <dl className="grid gap-4 sm:grid-cols-3 mb-6">
        <div className="bg-wash p-4"><dt className="font-bold">Available to spend</dt><dd className="text-3xl font-bold">{formatPence(d.balances.available + d.balances.contingency)}</dd>
          {d.balances.contingency > 0 && <dd className="text-sm">including {formatPence(d.balances.contingency)} carried over</dd>}</div>
        <div className="bg-wash p-4"><dt className="font-bold">Set aside for orders</dt><dd className="text-3xl font-bold">{formatPence(d.balances.reserved)}</dd><dd className="text-sm">{d.held} {d.held === 1 ? "order" : "orders"} waiting</dd></div>
        {d.forecast && <div className="bg-wash p-4"><dt className="font-bold">Left at the end of the year, at this rate</dt><dd className="text-3xl font-bold">{formatPence(d.forecast.projectedYearEndPence)}</dd></div>}
      </dl>
      {d.forecast?.warning && <Warning>{d.forecast.warning}</Warning>}
      {a.arrangement === "isf" && a.feeKind !== "none" && (
        <p className="mb-4">The provider's management fee, agreed up front: {managementFeeText(a.feeKind, a.feeValue)}.</p>
      )}

      <p className="flex flex-wrap gap-6 mb-6 text-lg no-print">
        <Link to={`/budgets/${a.id}/statement`}>Statement</Link>
        <Link to={`/budgets/${a.id}/plan`}>Support plan</Link>
        {d.forPerson && <Link to={`/budgets/${a.id}/starter-pack`}>Starter pack: groups, likely providers, prices, a peer supporter</Link>}
        {d.forPerson && <Link to={`/budgets/${a.id}/quotes`}>Ask providers for quotes</Link>}
      </p>

      {d.movableTo.length > 0 && (
        <details className="mb-6 no-print">
          <summary className="cursor-pointer font-bold text-lg">Change the provider holding your ISF</summary>
          <p className="my-2">You can move your Individual Service Fund to another provider at any time. Your balance and history move with you; the old provider can no longer record spending.</p>
          <Form method="post" noValidate>
            <Select name="organisationId" label="New provider" placeholder="Choose a provider" error={actionData?.errors?.organisationId}
              options={d.movableTo.map((o) => ({ value: String(o.id), label: o.name }))} />
            <Button>Move my ISF</Button>
          </Form>
        </details>
      )}

      <h2 className="text-2xl font-bold mb-2">Recent money in and out</h2>
      {d.recent.length === 0 ? <p>Nothing in the last 60 days.</p> : (
        <table className="w-full">
          <thead><tr className="text-left border-b-2 border-ink"><th className="py-1">Date</th><th>What</th><th className="text-right">Amount</th></tr></thead>
          <tbody>
            {d.recent.map((l) => (
              <tr key={l.journalId} className="border-b border-line">
                <td className="py-1 pr-3">{formatDate(l.date)}</td>
                <td className="pr-3">{l.description} <span className="text-muted">· {lineKindNames[l.kind] ?? l.kind}</span></td>
                <td className="text-right">{l.amountPence > 0 ? "+" : "−"}{formatPence(Math.abs(l.amountPence))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
