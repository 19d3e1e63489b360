// The double-entry ledger. Every movement of money is a journal whose postings sum to zero;
// journals are only ever inserted (a mistake is put right by a reversing journal); every
// journal has an idempotency key, so a retried request can never move money twice.
// Balances are kept in ledger_balances in the same transaction and checked by verifyLedger().
//
// Ledger account codes (sign: a positive balance is money held there):
//   council:<area>        the council's funding (a source: goes negative as it pays budgets)
//   contribution:<budget> the person's own contributions (a source)
//   budget:<budget>       the person's money available to spend            floor 0
//   reserved:<budget>     set aside for accepted orders and pledges          floor 0
//   contingency:<budget>  carried over from earlier periods                  floor 0
//   payable:<org>         owed to a provider for support delivered           floor 0
//   paid:<org>            paid out to a provider (money that has left Weave) floor 0
//   fees:<org>            an ISF provider's management fees                 floor 0
//   spent:<budget>        paid by the person outside Weave (a PA's wages...) floor 0
//   consortium:<offer>    held for a group purchase                          floor 0
//
// Hot path: statements are prepared once and run on the raw connection, which is the same
// connection (and so the same transaction) as the caller's drizzle transaction.
import type Database from "better-sqlite3";
import { db } from "../../db/client";
import type { JournalDetail } from "../../db/schema";

export type Posting = { account: string; amountPence: number };
export type JournalInput = {
  idempotencyKey: string;
  kind: string;
  budgetAccountId?: number | null;
  effectiveOn: string;
  description: string;
  detail?: JournalDetail | null;
  createdBy?: number | null;
  reversesJournalId?: number | null;
  postings: Posting[];
};

export type LedgerErrorCode = "invalid" | "unbalanced" | "insufficient" | "idempotency-conflict" | "already-reversed";
export class LedgerError extends Error {
  constructor(readonly code: LedgerErrorCode, message: string, readonly account?: string) {
    super(message);
  }
}

const CODE = /^(council|contribution|budget|reserved|contingency|payable|paid|fees|spent|consortium):[a-z0-9-]+$/;
const SOURCES = new Set(["council", "contribution"]);
const floorOf = (code: string) => (SOURCES.has(code.split(":")[0]!) ? null : 0);

type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database.Database, Statements>();
function prepare(sqlite: Database.Database) {
  return {
    journalByKey: sqlite.prepare("SELECT id, kind FROM journals WHERE idempotency_key = ?"),
    postingsOf: sqlite.prepare(`SELECT a.code, p.amount_pence FROM postings p JOIN ledger_accounts a ON a.id = p.ledger_account_id
      WHERE p.journal_id = ? ORDER BY a.code, p.amount_pence`).raw(),
    accountId: sqlite.prepare("SELECT id, floor_pence FROM ledger_accounts WHERE code = ?"),
    insertAccount: sqlite.prepare("INSERT INTO ledger_accounts (code, floor_pence) VALUES (?, ?) RETURNING id"),
    insertJournal: sqlite.prepare(`INSERT INTO journals (idempotency_key, kind, budget_account_id, effective_on, description, detail,
      reverses_journal_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
    insertPosting: sqlite.prepare("INSERT INTO postings (journal_id, ledger_account_id, amount_pence) VALUES (?, ?, ?)"),
    addBalance: sqlite.prepare(`INSERT INTO ledger_balances (ledger_account_id, balance_pence) VALUES (?, ?)
      ON CONFLICT (ledger_account_id) DO UPDATE SET balance_pence = balance_pence + excluded.balance_pence RETURNING balance_pence`).pluck(),
    balance: sqlite.prepare(`SELECT b.balance_pence FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.ledger_account_id
      WHERE a.code = ?`).pluck(),
    journal: sqlite.prepare("SELECT * FROM journals WHERE id = ?"),
    prior: sqlite.prepare("SELECT id, detail FROM journals WHERE idempotency_key = ?"),
  };
}
const statements = () => {
  let s = prepared.get(db.$client);
  if (!s) prepared.set(db.$client, (s = prepare(db.$client)));
  return s;
};

function validate(input: JournalInput) {
  if (!input.idempotencyKey || input.idempotencyKey.length > 200) throw new LedgerError("invalid", "A journal needs an idempotency key.");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveOn)) throw new LedgerError("invalid", "A journal needs a date like 2026-11-23.");
  if (input.postings.length < 2) throw new LedgerError("invalid", "A journal needs at least two postings.");
  let sum = 0;
  for (const p of input.postings) {
    if (!CODE.test(p.account)) throw new LedgerError("invalid", `Unknown ledger account ${p.account}.`);
    if (!Number.isSafeInteger(p.amountPence) || p.amountPence === 0) {
      throw new LedgerError("invalid", "Amounts are whole pence and never zero.");
    }
    sum += p.amountPence;
  }
  if (sum !== 0) throw new LedgerError("unbalanced", `Postings must sum to zero; these sum to ${sum}.`);
}

const canonical = (postings: Posting[]) =>
  postings.map((p) => [p.account, p.amountPence] as const).sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);

/**
 * Posts a journal inside the caller's transaction (which should be BEGIN IMMEDIATE when it read
 * balances to decide). A repeat with the same key and the same postings returns the first
 * journal; the same key with different postings is refused. A posting that would take an
 * account below its floor throws, and the caller's transaction rolls back.
 */
export function postJournal(input: JournalInput): { journalId: number; replayed: boolean } {
  // Outside a transaction a failed posting would leave half a journal behind.
  if (!db.$client.inTransaction) throw new LedgerError("invalid", "Journals are posted inside a transaction.");
  validate(input);
  const s = statements();
  const existing = s.journalByKey.get(input.idempotencyKey) as { id: number; kind: string } | undefined;
  if (existing) {
    const before = JSON.stringify(s.postingsOf.all(existing.id));
    if (existing.kind !== input.kind || before !== JSON.stringify(canonical(input.postings))) {
      throw new LedgerError("idempotency-conflict", "This request was already made with different amounts.");
    }
    return { journalId: existing.id, replayed: true };
  }
  const journalId = s.insertJournal.pluck().get(
    input.idempotencyKey, input.kind, input.budgetAccountId ?? null, input.effectiveOn, input.description,
    input.detail ? JSON.stringify(input.detail) : null, input.reversesJournalId ?? null, input.createdBy ?? null,
  ) as number;
  for (const p of input.postings) {
    let account = s.accountId.get(p.account) as { id: number; floor_pence: number | null } | undefined;
    if (!account) {
      const floor = floorOf(p.account);
      account = { id: s.insertAccount.pluck().get(p.account, floor) as number, floor_pence: floor };
    }
    s.insertPosting.run(journalId, account.id, p.amountPence);
    const balance = s.addBalance.get(account.id, p.amountPence) as number;
    if (account.floor_pence !== null && balance < account.floor_pence) {
      throw new LedgerError("insufficient", `Not enough money in ${p.account}.`, p.account);
    }
  }
  return { journalId, replayed: false };
}

/** Puts a journal right by posting its exact opposite; a journal can be reversed once. */
export function reverseJournal(journalId: number, input: { idempotencyKey: string; effectiveOn: string; reason: string; createdBy?: number | null }) {
  const s = statements();
  const original = s.journal.get(journalId) as { id: number; kind: string; budget_account_id: number | null; detail: string | null } | undefined;
  if (!original) throw new LedgerError("invalid", "There is no such journal.");
  // Undoing a correction by reversing it again would hide what happened twice over; the statement
  // reads plainly when the entry is recorded again instead.
  if (original.kind === "reversal") throw new LedgerError("invalid", "A correction cannot itself be reversed: record the entry again instead.");
  const postings = (s.postingsOf.all(journalId) as [string, number][]).map(([account, amount]) => ({ account, amountPence: -amount }));
  const reversal: JournalInput = {
    idempotencyKey: input.idempotencyKey, kind: "reversal", budgetAccountId: original.budget_account_id, effectiveOn: input.effectiveOn,
    description: input.reason, reversesJournalId: journalId, createdBy: input.createdBy, postings,
    detail: original.detail ? (JSON.parse(original.detail) as JournalDetail) : null,
  };
  if (!s.journalByKey.get(input.idempotencyKey) && db.$client.prepare("SELECT 1 FROM journals WHERE reverses_journal_id = ?").get(journalId)) {
    throw new LedgerError("already-reversed", "This entry has already been reversed.");
  }
  return postJournal(reversal);
}

/** The journal already posted under this key, if any: how a retried request finds its first answer. */
export function priorJournal(idempotencyKey: string): { id: number; detail: JournalDetail | null } | null {
  const row = statements().prior.get(idempotencyKey) as { id: number; detail: string | null } | undefined;
  return row ? { id: row.id, detail: row.detail ? (JSON.parse(row.detail) as JournalDetail) : null } : null;
}

export function balanceOf(account: string): number {
  return (statements().balance.get(account) as number | undefined) ?? 0;
}

/** Every check the ledger must always pass; an empty report means it is sound. */
export function verifyLedger() {
  const unbalanced = db.$client.prepare("SELECT journal_id FROM postings GROUP BY journal_id HAVING SUM(amount_pence) <> 0").pluck().all() as number[];
  const mismatched = db.$client.prepare(`SELECT a.code, COALESCE(b.balance_pence, 0) AS cached, COALESCE(SUM(p.amount_pence), 0) AS actual
    FROM ledger_accounts a LEFT JOIN ledger_balances b ON b.ledger_account_id = a.id LEFT JOIN postings p ON p.ledger_account_id = a.id
    GROUP BY a.id HAVING cached <> actual`).all() as { code: string; cached: number; actual: number }[];
  const belowFloor = db.$client.prepare(`SELECT a.code, b.balance_pence FROM ledger_accounts a JOIN ledger_balances b ON b.ledger_account_id = a.id
    WHERE a.floor_pence IS NOT NULL AND b.balance_pence < a.floor_pence`).all() as { code: string; balance_pence: number }[];
  const singleLegged = db.$client.prepare("SELECT id FROM journals j WHERE (SELECT COUNT(*) FROM postings p WHERE p.journal_id = j.id) < 2").pluck().all() as number[];
  return { unbalanced, mismatched, belowFloor, singleLegged };
}
