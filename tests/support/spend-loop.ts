// A process that spends from one budget again and again until it is killed (the crash test).
import { spend } from "../../app/budgets/budgets.server";

const [accountId, by, count] = process.argv.slice(2).map(Number) as [number, number, number];
for (let i = 0; i < count; i++) {
  spend({ budgetAccountId: accountId, amountPence: 100, category: "personal-care", organisationId: null, description: "crash test",
    effectiveOn: "2026-03-01", idempotencyKey: `crash:${i}`, by });
  if (i % 50 === 0) process.stdout.write(`${i}\n`);
}
