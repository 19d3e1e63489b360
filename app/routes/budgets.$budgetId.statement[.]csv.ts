import { data } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.statement[.]csv";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { openBudget } from "../budgets/access.server";
import { parseStatementRange } from "../budgets/statement-query";
import { statement, statementCsv } from "../budgets/statements.server";
import { parseId } from "../directory/ids";

export function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const id = parseId(params.budgetId) ?? notFound();
  const account = openBudget(actor, id, "statement download");
  if (account === "missing") notFound();
  allow(account !== "forbidden", "You can only see your own budgets and those of people who have allowed you to act for them.");
  const range = parseStatementRange(new URL(request.url).searchParams, account.startsOn);
  if (!range.ok) throw data(Object.values(range.errors).join(". "), { status: 400 });
  const s = statement(id, range.range.from, range.range.to)!;
  return new Response(statementCsv(s), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="statement-${id}-${s.from}-to-${s.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
