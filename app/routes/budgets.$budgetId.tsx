import { data, Link } from "react-router";
import type { Route } from "./+types/budgets.$budgetId";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { openBudget } from "../budgets/access.server";
import { balancesOf, heldReservations } from "../budgets/budgets.server";
import { arrangementNames, lineKindNames } from "../budgets/labels";
import { forecast, statement } from "../budgets/statements.server";
import { viewPersonName } from "../budgets/people.server";
import { formatDate, formatPence } from "../directory/format";
import { parseId } from "../directory/ids";
import { Warning } from "../ui";

export const meta = () => [{ title: "Budget – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const id = parseId(params.budgetId) ?? notFound();
  const account = openBudget(actor, id, "dashboard");
  if (account === "missing") notFound();
  allow(account !== "forbidden", "You can only see your own budgets and those of people who have allowed you to act for them.");
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  return data({
    account,
    holder: actor.user.id === account.holderId ? null : viewPersonName(account.holderId),
    balances: balancesOf(id),
    held: heldReservations([id]).length,
    forecast: forecast(id),
    recent: statement(id, from, today)!.lines.slice(-15).reverse(),
  });
}

export default function Budget({ loaderData: d }: Route.ComponentProps) {
  const a = d.account;
  return (
    <div className="max-w-4xl">
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
        <p className="mb-4">The provider's management fee, agreed up front: {a.feeKind === "percent" ? `${(a.feeValue / 100).toFixed(2).replace(/\.00$/, "")}% of each payment` : `${formatPence(a.feeValue)} a period`}.</p>
      )}

      <p className="flex flex-wrap gap-6 mb-6 text-lg no-print">
        <Link to={`/budgets/${a.id}/statement`}>Statement</Link>
        <Link to={`/budgets/${a.id}/plan`}>Support plan</Link>
      </p>

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
