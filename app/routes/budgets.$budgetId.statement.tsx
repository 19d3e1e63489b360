import { data, Form, Link } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.statement";
import { requireBudget } from "../budgets/access.server";
import { arrangementNames, lineKindNames } from "../budgets/labels";
import { parseStatementRange } from "../budgets/statement-query";
import { statement } from "../budgets/statements.server";
import { formatDate, formatPence } from "../directory/format";
import { categories, nameOf } from "../directory/vocabulary";
import { Button, ErrorSummary, TextInput } from "../ui";

export const meta = () => [{ title: "Statement – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = requireBudget(request, context, params.budgetId, "statement");
  const id = account.id;
  const range = parseStatementRange(new URL(request.url).searchParams, account.startsOn);
  if (!range.ok) return data({ errors: range.errors, raw: range.raw, statement: null, account }, { status: 400 });
  return { errors: {}, raw: range.raw, statement: statement(id, range.range.from, range.range.to)!, account };
}

const money = (pence: number) => formatPence(Math.abs(pence));

export default function Statement({ loaderData: d }: Route.ComponentProps) {
  const s = d.statement;
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={d.errors} />
      <h1 className="text-4xl font-bold mb-1">Statement</h1>
      <p className="mb-4">{arrangementNames[d.account.arrangement]}, budget {d.account.id}</p>
      <Form method="get" className="flex flex-wrap items-end gap-4 no-print">
        <TextInput name="from" label="From" type="date" defaultValue={d.raw.from} error={(d.errors as Record<string, string>).from} width="max-w-48" />
        <TextInput name="to" label="To" type="date" defaultValue={d.raw.to} error={(d.errors as Record<string, string>).to} width="max-w-48" />
        <div className="mb-5"><Button secondary>Show</Button></div>
      </Form>
      {s && (
        <>
          <p className="no-print mb-4">
            <Link to={`/budgets/${d.account.id}/statement.csv?from=${s.from}&to=${s.to}`} reloadDocument>Download as a spreadsheet (CSV)</Link>
            {" · "}Use your browser's Print to get it on paper.
          </p>
          <h2 className="text-2xl font-bold mb-2">{formatDate(s.from)} to {formatDate(s.to)}</h2>
          <dl className="grid grid-cols-2 sm:grid-cols-5 gap-3 mb-4">
            <div><dt className="text-muted">Opening balance</dt><dd className="text-xl font-bold">{formatPence(s.openingPence)}</dd></div>
            <div><dt className="text-muted">Money in</dt><dd className="text-xl font-bold">{formatPence(s.moneyInPence)}</dd></div>
            <div><dt className="text-muted">Spent</dt><dd className="text-xl font-bold">{formatPence(s.moneyOutPence)}</dd></div>
            <div><dt className="text-muted">Fees</dt><dd className="text-xl font-bold">{formatPence(s.feesPence)}</dd></div>
            <div><dt className="text-muted">Closing balance</dt><dd className="text-xl font-bold">{formatPence(s.closingPence)}</dd></div>
          </dl>
          {s.lines.length === 0 ? <p>No money came in or went out in these dates.</p> : (
            <table className="w-full">
              <caption className="sr-only">Every payment in and out</caption>
              <thead>
                <tr className="text-left border-b-2 border-ink">
                  <th scope="col" className="py-1">Date</th><th scope="col">What</th><th scope="col" className="text-right">In</th><th scope="col" className="text-right">Out</th><th scope="col" className="text-right">Balance</th>
                </tr>
              </thead>
              <tbody>
                {s.lines.map((l) => (
                  <tr key={l.journalId} className="border-b border-line align-top">
                    <td className="py-1 pr-3 whitespace-nowrap">{formatDate(l.date)}</td>
                    <td className="pr-3">
                      {l.description}
                      <span className="block text-sm text-muted">
                        {lineKindNames[l.kind] ?? l.kind}
                        {l.detail?.category && l.detail.category !== "other" && ` · ${nameOf(categories, l.detail.category)}`}
                        {l.detail?.hours !== undefined && l.detail.ratePence !== undefined && ` · ${l.detail.hours} hours × ${formatPence(l.detail.ratePence)}`}
                      </span>
                    </td>
                    <td className="text-right">{l.amountPence > 0 ? money(l.amountPence) : ""}</td>
                    <td className="text-right">{l.amountPence < 0 ? money(l.amountPence) : ""}</td>
                    <td className="text-right">{formatPence(l.balancePence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
