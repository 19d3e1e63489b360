// What a person (and the council) read: statements, the forecast and the quarterly return.
// All derived from the ledger; nothing here writes.
import { db } from "../../db/client";
import type { JournalDetail } from "../../db/schema";
import { type BudgetAccount, getBudgetAccount, periodPayment, periodsPerYear, spendable } from "./budgets.server";

/** The person's own money in a budget: available, set aside for orders, and carried over. */
const personCodes = (id: number) => [`budget:${id}`, `reserved:${id}`, `contingency:${id}`];

export type StatementLine = {
  journalId: number;
  date: string;
  kind: string;
  description: string;
  detail: JournalDetail | null;
  /** Money in is positive, money out negative. */
  amountPence: number;
  balancePence: number;
};

export type Statement = {
  account: BudgetAccount;
  from: string;
  to: string;
  openingPence: number;
  moneyInPence: number;
  moneyOutPence: number;
  feesPence: number;
  closingPence: number;
  lines: StatementLine[];
};

/**
 * Every movement of the person's money between two dates (inclusive), with the running
 * balance. Setting money aside for an order is not a movement (it is still theirs); the
 * spend is, when the order is confirmed.
 */
export function statement(accountId: number, from: string, to: string): Statement | null {
  const account = getBudgetAccount(accountId);
  if (!account) return null;
  const codes = personCodes(accountId);
  const opening = db.$client.prepare(`SELECT COALESCE(SUM(p.amount_pence), 0) FROM journals j JOIN postings p ON p.journal_id = j.id
    JOIN ledger_accounts a ON a.id = p.ledger_account_id
    WHERE j.budget_account_id = ? AND j.effective_on < ? AND a.code IN (?, ?, ?)`).pluck().get(accountId, from, ...codes) as number;
  const rows = db.$client.prepare(`SELECT j.id, j.effective_on, j.kind, j.description, j.detail, SUM(p.amount_pence) AS net
    FROM journals j JOIN postings p ON p.journal_id = j.id JOIN ledger_accounts a ON a.id = p.ledger_account_id
    WHERE j.budget_account_id = ? AND j.effective_on BETWEEN ? AND ? AND a.code IN (?, ?, ?)
    GROUP BY j.id HAVING net <> 0 ORDER BY j.effective_on, j.id`).raw().all(accountId, from, to, ...codes) as [number, string, string, string, string | null, number][];
  let balance = opening;
  let moneyIn = 0;
  let moneyOut = 0;
  let fees = 0;
  const lines = rows.map(([journalId, date, kind, description, detail, net]) => {
    balance += net;
    if (net > 0) moneyIn += net;
    else if (kind === "fee") fees -= net;
    else moneyOut -= net;
    return { journalId, date, kind, description, detail: detail ? (JSON.parse(detail) as JournalDetail) : null, amountPence: net, balancePence: balance };
  });
  return { account, from, to, openingPence: opening, moneyInPence: moneyIn, moneyOutPence: moneyOut, feesPence: fees, closingPence: balance, lines };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
export const toCsv = (rows: (string | number)[][]) => `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;

const pounds = (pence: number) => (pence / 100).toFixed(2);

export function statementCsv(s: Statement): string {
  return toCsv([
    ["date", "description", "kind", "category", "hours", "rate", "money in", "money out", "balance"],
    [s.from, "Opening balance", "", "", "", "", "", "", pounds(s.openingPence)],
    ...s.lines.map((l) => [
      l.date, l.description, l.kind, l.detail?.category ?? "", l.detail?.hours ?? "", l.detail?.ratePence ? pounds(l.detail.ratePence) : "",
      l.amountPence > 0 ? pounds(l.amountPence) : "", l.amountPence < 0 ? pounds(-l.amountPence) : "", pounds(l.balancePence),
    ]),
    [s.to, "Closing balance", "", "", "", "", "", "", pounds(s.closingPence)],
  ]);
}

export type Forecast = { projectedYearEndPence: number; dailySpendPence: number; warning: string | null };

/**
 * At the rate of the last 90 days (or since the start), what will be left at the end of the
 * budget year, and a plain warning when an overspend or a large underspend looks likely.
 */
export function forecast(accountId: number, today = new Date()): Forecast | null {
  const account = getBudgetAccount(accountId);
  if (!account) return null;
  const todayIso = today.toISOString().slice(0, 10);
  const start = new Date(`${account.startsOn}T00:00:00Z`);
  const since = new Date(Math.max(start.getTime(), today.getTime() - 90 * 86_400_000));
  const days = Math.max(1, Math.round((today.getTime() - since.getTime()) / 86_400_000));
  const spent = db.$client.prepare(`SELECT COALESCE(-SUM(p.amount_pence), 0) FROM journals j JOIN postings p ON p.journal_id = j.id
    JOIN ledger_accounts a ON a.id = p.ledger_account_id
    WHERE j.budget_account_id = ? AND j.kind IN ('spend', 'commit', 'reversal') AND j.effective_on BETWEEN ? AND ? AND a.code IN (?, ?, ?)`)
    .pluck().get(accountId, since.toISOString().slice(0, 10), todayIso, ...personCodes(accountId)) as number;
  const daily = spent / days;
  // The budget year runs from the start date; count the payments still to come in it.
  const elapsed = Math.floor((today.getTime() - start.getTime()) / 86_400_000);
  const yearEnd = Math.ceil((elapsed + 1) / 365) * 365;
  const periodsDone = Math.floor(elapsed / account.periodDays) + 1;
  const periodsInYear = Math.ceil(yearEnd / account.periodDays);
  let toCome = 0;
  for (let n = periodsDone; n < Math.min(periodsInYear, periodsDone + periodsPerYear(account.periodDays)); n++) toCome += periodPayment(account, n);
  const projected = Math.round(spendable(accountId) + toCome - daily * (yearEnd - elapsed));
  let warning: string | null = null;
  if (projected < 0) warning = "At the rate you are spending, your budget will run out before the end of the year. Talk to your social worker or support planner now, before it does.";
  else if (projected > account.annualAllocationPence * 0.25) warning = "At the rate you are spending, a lot of your budget will be left over at the end of the year. The council may take back what is not used: check your support plan is giving you the support you need.";
  return { projectedYearEndPence: projected, dailySpendPence: Math.round(daily), warning };
}

export type ReturnRow = {
  budgetAccountId: number;
  arrangement: string;
  allocationPence: number;
  spendByCategory: Record<string, number>;
  balancePence: number;
  carriedOverPence: number;
};

/** The council's quarterly return: one row per budget account in the area, no names. */
export function quarterlyReturn(areaSlug: string, from: string, to: string): ReturnRow[] {
  const rows = db.$client.prepare(`
    WITH mine AS (SELECT id, arrangement FROM budget_accounts WHERE area_slug = ?),
    moves AS MATERIALIZED (
      SELECT j.budget_account_id AS id, j.kind, json_extract(j.detail, '$.category') AS category, a.code, p.amount_pence AS amount
      FROM mine JOIN journals j ON j.budget_account_id = mine.id JOIN postings p ON p.journal_id = j.id
      JOIN ledger_accounts a ON a.id = p.ledger_account_id
      WHERE j.effective_on BETWEEN ? AND ?),
    paid_in AS (SELECT id, SUM(amount) AS total FROM moves WHERE kind = 'allocation' AND code LIKE 'budget:%' GROUP BY id),
    spent AS (SELECT id, json_group_object(category, total) AS by_category FROM (
      SELECT id, category, -SUM(amount) AS total FROM moves
      WHERE kind IN ('spend', 'commit', 'reversal') AND category IS NOT NULL
        AND (code LIKE 'budget:%' OR code LIKE 'contingency:%' OR code LIKE 'reserved:%')
      GROUP BY id, category) GROUP BY id)
    SELECT mine.id, mine.arrangement, COALESCE(paid_in.total, 0), spent.by_category,
      COALESCE((SELECT b.balance_pence FROM ledger_accounts a JOIN ledger_balances b ON b.ledger_account_id = a.id WHERE a.code = 'budget:' || mine.id), 0),
      COALESCE((SELECT b.balance_pence FROM ledger_accounts a JOIN ledger_balances b ON b.ledger_account_id = a.id WHERE a.code = 'contingency:' || mine.id), 0)
    FROM mine LEFT JOIN paid_in ON paid_in.id = mine.id LEFT JOIN spent ON spent.id = mine.id
    ORDER BY mine.id`).raw().all(areaSlug, from, to) as [number, string, number, string | null, number, number][];
  return rows.map(([id, arrangement, allocation, spend, balance, carried]) => ({
    budgetAccountId: id, arrangement, allocationPence: allocation, spendByCategory: spend ? (JSON.parse(spend) as Record<string, number>) : {},
    balancePence: balance, carriedOverPence: carried,
  }));
}
