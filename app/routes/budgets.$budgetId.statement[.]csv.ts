import { data } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.statement[.]csv";
import { requireBudget } from "../budgets/access.server";
import { parseStatementRange } from "../budgets/statement-query";
import { statement, statementCsv } from "../budgets/statements.server";

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = requireBudget(request, context, params.budgetId, "statement download");
  const id = account.id;
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
