// Budget accounts and the money operations other capabilities call: allocate, spend, reserve,
// commit, release. Each runs in one BEGIN IMMEDIATE transaction (read the balance, decide,
// post), writes an audit row, and is idempotent by the caller's key.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { budgetAccounts, isfMoves, reservations, spendingRules, type Arrangement } from "../../db/schema";
import type { BudgetStatus } from "../../db/schema/budgets";
import { recordAudit } from "../accounts/audit.server";
import { balanceOf, LedgerError, postJournal, priorJournal, reverseJournal } from "./ledger.server";
import { formatPence } from "../directory/format";
import { categories } from "../directory/vocabulary";
import { carryOverAllowance, type Refusal, ruleRefusal } from "./rules";

export type BudgetAccount = typeof budgetAccounts.$inferSelect;

export const code = {
  budget: (id: number) => `budget:${id}`,
  reserved: (id: number) => `reserved:${id}`,
  contingency: (id: number) => `contingency:${id}`,
  spent: (id: number) => `spent:${id}`,
  contribution: (id: number) => `contribution:${id}`,
  council: (area: string) => `council:${area}`,
  payable: (organisationId: number) => `payable:${organisationId}`,
  paid: (organisationId: number) => `paid:${organisationId}`,
  fees: (organisationId: number) => `fees:${organisationId}`,
};

export type MoneyResult<T = object> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

const today = () => new Date().toISOString().slice(0, 10);

// Prepared once: the money operations below run thousands of times a second.
const accountById = db.select().from(budgetAccounts).where(eq(budgetAccounts.id, sql.placeholder("id"))).prepare();
const rulesByArea = db.select().from(spendingRules).where(eq(spendingRules.areaSlug, sql.placeholder("area"))).prepare();

export function getBudgetAccount(id: number): BudgetAccount | null {
  return accountById.get({ id }) ?? null;
}

export function budgetAccountsOf(holderId: number): BudgetAccount[] {
  return db.select().from(budgetAccounts).where(eq(budgetAccounts.holderId, holderId)).orderBy(asc(budgetAccounts.id)).limit(50).all();
}

/** What the person has: available to spend, set aside for orders, and carried over. */
export function balancesOf(id: number) {
  return { available: balanceOf(code.budget(id)), reserved: balanceOf(code.reserved(id)), contingency: balanceOf(code.contingency(id)) };
}

export type OpenAccount = {
  holderId: number; areaSlug: string; arrangement: Arrangement; isfProviderId?: number | null; annualAllocationPence: number;
  periodDays: number; contributionPence?: number; feeKind?: "none" | "amount" | "percent"; feeValue?: number; startsOn: string; endsOn?: string | null;
};

export function openBudgetAccount(input: OpenAccount, by: number): BudgetAccount {
  if (input.arrangement === "isf" && !input.isfProviderId) throw new LedgerError("invalid", "An ISF is held by a named provider.");
  return db.transaction((tx) => {
    const account = tx.insert(budgetAccounts).values({ ...input, status: "active" }).returning().get();
    recordAudit(tx, { actorId: by, personId: input.holderId, action: "budget.opened", subjectType: "budget", subjectId: account.id });
    return account;
  });
}

/** Periods per year for a schedule: every 28 days is 13 payments, weekly 52, monthly 12. */
export const periodsPerYear = (periodDays: number) => Math.max(1, Math.round(365 / periodDays));

/** The payment for period n (0-based) of a year: the annual amount split into whole pence, the remainder in the last period. */
export function periodPayment(account: Pick<BudgetAccount, "annualAllocationPence" | "periodDays">, n: number) {
  const periods = periodsPerYear(account.periodDays);
  const base = Math.floor(account.annualAllocationPence / periods);
  return n % periods === periods - 1 ? account.annualAllocationPence - base * (periods - 1) : base;
}

/** The council's payment for one period, with the ISF management fee taken as stated. Idempotent per period. */
export function allocate(accountId: number, period: number, by: number | null = null, effectiveOn = today()) {
  return db.transaction(() => {
    // A period is paid once: a repeat (a retried job) returns the first payment, even if the
    // ISF has since moved and its fee would now go to another provider.
    const prior = priorJournal(`allocation:${accountId}:${period}`);
    if (prior) return { journalId: prior.id, replayed: true };
    const account = getBudgetAccount(accountId);
    if (!account || account.status !== "active") throw new LedgerError("invalid", "Only an active budget receives payments.");
    const amount = periodPayment(account, period);
    const journal = postJournal({
      idempotencyKey: `allocation:${accountId}:${period}`, kind: "allocation", budgetAccountId: accountId, effectiveOn, createdBy: by,
      description: `Payment for period ${period + 1}`,
      postings: [{ account: code.council(account.areaSlug), amountPence: -amount }, { account: code.budget(accountId), amountPence: amount }],
    });
    if (account.contributionPence > 0) {
      postJournal({
        idempotencyKey: `contribution:${accountId}:${period}`, kind: "contribution", budgetAccountId: accountId, effectiveOn, createdBy: by,
        description: `Your contribution for period ${period + 1}`,
        postings: [{ account: code.contribution(accountId), amountPence: -account.contributionPence }, { account: code.budget(accountId), amountPence: account.contributionPence }],
      });
    }
    const fee = managementFee(account, amount);
    if (fee > 0 && account.isfProviderId) {
      postJournal({
        idempotencyKey: `fee:${accountId}:${period}`, kind: "fee", budgetAccountId: accountId, effectiveOn, createdBy: by,
        description: "Management fee", detail: { organisationId: account.isfProviderId },
        postings: [{ account: code.budget(accountId), amountPence: -fee }, { account: code.fees(account.isfProviderId), amountPence: fee }],
      });
    }
    return journal;
  }, { behavior: "immediate" });
}

/** The fee stated up front: a fixed amount each period, or a percentage (basis points) of the payment. */
export function managementFee(account: Pick<BudgetAccount, "feeKind" | "feeValue" | "arrangement">, payment: number) {
  if (account.arrangement !== "isf") return 0;
  if (account.feeKind === "amount") return account.feeValue;
  if (account.feeKind === "percent") return Math.round((payment * account.feeValue) / 10_000);
  return 0;
}

function rulesFor(areaSlug: string) {
  return rulesByArea.all({ area: areaSlug });
}

export type SpendCommand = {
  budgetAccountId: number;
  amountPence: number;
  category: string;
  /** A provider on Weave, or null when the person paid someone outside Weave (recorded against the plan). */
  organisationId: number | null;
  description: string;
  effectiveOn: string;
  idempotencyKey: string;
  by: number;
  hours?: number;
  ratePence?: number;
  cash?: boolean;
};

const spendCategories = new Set<string>([...categories.map((c) => c.slug), "other"]);

function refuseUnlessSpendable(account: BudgetAccount | null, cmd: { amountPence: number; effectiveOn: string; category: string }): Refusal | null {
  if (!account) return { rule: "no-account", explanation: "There is no such budget.", instead: "Choose one of your budgets." };
  if (account.status !== "active") {
    return { rule: "not-active", explanation: `This budget is ${account.status.replace("-", " ")}, so nothing can be spent from it.`, instead: "Contact the council about your budget." };
  }
  if (!spendCategories.has(cmd.category)) {
    return { rule: "category", explanation: `“${cmd.category}” is not a kind of support we know.`, instead: "Choose a category from the list." };
  }
  if (!Number.isSafeInteger(cmd.amountPence) || cmd.amountPence <= 0) {
    return { rule: "amount", explanation: "An amount must be a whole number of pence above zero.", instead: "Check the amount." };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cmd.effectiveOn)) {
    return { rule: "dates", explanation: "A date must be written like 2026-11-23.", instead: "Check the date." };
  }
  if (cmd.effectiveOn < account.startsOn || (account.endsOn && cmd.effectiveOn > account.endsOn)) {
    return { rule: "dates", explanation: `This budget runs from ${account.startsOn}${account.endsOn ? ` to ${account.endsOn}` : ""}.`, instead: "Choose a date while the budget is running." };
  }
  return null;
}

/** What can be spent now: this period's money, then what was carried over. */
export const spendable = (id: number) => balanceOf(code.budget(id)) + balanceOf(code.contingency(id));

/** Postings that take an amount from the budget first and then from the carried-over contingency. */
function drawPostings(id: number, amountPence: number, budgetBalance = balanceOf(code.budget(id))) {
  const fromBudget = Math.min(amountPence, Math.max(0, budgetBalance));
  const fromContingency = amountPence - fromBudget;
  return [
    ...(fromBudget > 0 ? [{ account: code.budget(id), amountPence: -fromBudget }] : []),
    ...(fromContingency > 0 ? [{ account: code.contingency(id), amountPence: -fromContingency }] : []),
  ];
}

/** Spends from a budget: checked against the council's rules and the balance, all or nothing. */
export function spend(cmd: SpendCommand): MoneyResult<{ journalId: number }> {
  return db.transaction((tx) => {
    const prior = priorJournal(cmd.idempotencyKey);
    if (prior) return { ok: true as const, journalId: prior.id };
    const account = getBudgetAccount(cmd.budgetAccountId);
    const refusal = refuseUnlessSpendable(account, cmd) ?? ruleRefusal(rulesFor(account!.areaSlug), { category: cmd.category, cash: cmd.cash });
    if (refusal) return { ok: false as const, refusal };
    const inBudget = balanceOf(code.budget(account!.id));
    if (inBudget + balanceOf(code.contingency(account!.id)) < cmd.amountPence) return { ok: false as const, refusal: insufficient(account!) };
    const { journalId } = postJournal({
      idempotencyKey: cmd.idempotencyKey, kind: "spend", budgetAccountId: account!.id, effectiveOn: cmd.effectiveOn, createdBy: cmd.by,
      description: cmd.description,
      detail: { category: cmd.category as never, organisationId: cmd.organisationId ?? undefined, hours: cmd.hours, ratePence: cmd.ratePence },
      postings: [
        ...drawPostings(account!.id, cmd.amountPence, inBudget),
        { account: cmd.organisationId ? code.payable(cmd.organisationId) : code.spent(account!.id), amountPence: cmd.amountPence },
      ],
    });
    recordAudit(tx, { actorId: cmd.by, personId: account!.holderId, action: "budget.spend", subjectType: "journal", subjectId: journalId, detail: { amountPence: cmd.amountPence } });
    return { ok: true as const, journalId };
  }, { behavior: "immediate" });
}

const insufficient = (account: BudgetAccount): Refusal => ({
  rule: "balance",
  explanation: `There is not enough left in this budget: ${formatPence(spendable(account.id))} is available to spend.`,
  instead: "Choose fewer hours, a cheaper option, or wait for your next payment.",
});

export type ReserveCommand = { budgetAccountId: number; amountPence: number; category: string; reference: string; idempotencyKey: string; by: number; effectiveOn?: string };

/** Sets money aside for an accepted order or a pledge, so it cannot be spent twice. */
export function reserve(cmd: ReserveCommand): MoneyResult<{ reservationId: number }> {
  return db.transaction((tx) => {
    const prior = priorJournal(cmd.idempotencyKey);
    if (prior?.detail?.reservationId) return { ok: true as const, reservationId: prior.detail.reservationId };
    const effectiveOn = cmd.effectiveOn ?? today();
    const account = getBudgetAccount(cmd.budgetAccountId);
    const refusal = refuseUnlessSpendable(account, { ...cmd, effectiveOn }) ?? ruleRefusal(rulesFor(account!.areaSlug), { category: cmd.category });
    if (refusal) return { ok: false as const, refusal };
    if (spendable(account!.id) < cmd.amountPence) return { ok: false as const, refusal: insufficient(account!) };
    const reservation = tx.insert(reservations).values({ budgetAccountId: account!.id, amountPence: cmd.amountPence, reference: cmd.reference })
      .returning({ id: reservations.id }).get();
    postJournal({
      idempotencyKey: cmd.idempotencyKey, kind: "reserve", budgetAccountId: account!.id, effectiveOn, createdBy: cmd.by,
      description: `Set aside for ${cmd.reference}`, detail: { reservationId: reservation.id, category: cmd.category as never },
      postings: [...drawPostings(account!.id, cmd.amountPence), { account: code.reserved(account!.id), amountPence: cmd.amountPence }],
    });
    recordAudit(tx, { actorId: cmd.by, personId: account!.holderId, action: "budget.reserve", subjectType: "reservation", subjectId: reservation.id, detail: { amountPence: cmd.amountPence, reference: cmd.reference } });
    return { ok: true as const, reservationId: reservation.id };
  }, { behavior: "immediate" });
}

function heldReservation(id: number) {
  const r = db.select().from(reservations).where(eq(reservations.id, id)).get();
  if (!r) throw new LedgerError("invalid", "There is no such reservation.");
  return r;
}

/**
 * Spends a reservation: up to the amount set aside goes to the provider, the rest goes back to
 * the budget. Committing again with the same key does nothing more.
 */
export function commit(cmd: { reservationId: number; amountPence: number; organisationId: number; category: string; description: string; idempotencyKey: string; by: number; effectiveOn?: string }) {
  return db.transaction((tx) => {
    if (priorJournal(cmd.idempotencyKey)) return { ok: true as const, replayed: true };
    const r = heldReservation(cmd.reservationId);
    if (r.status !== "held") throw new LedgerError("invalid", `This reservation was already ${r.status}.`);
    if (!Number.isSafeInteger(cmd.amountPence) || cmd.amountPence <= 0 || cmd.amountPence > r.amountPence) {
      throw new LedgerError("invalid", "A commit spends between 1 penny and the amount set aside.");
    }
    const effectiveOn = cmd.effectiveOn ?? today();
    const rest = r.amountPence - cmd.amountPence;
    postJournal({
      idempotencyKey: cmd.idempotencyKey, kind: "commit", budgetAccountId: r.budgetAccountId, effectiveOn, createdBy: cmd.by, description: cmd.description,
      detail: { reservationId: r.id, category: cmd.category as never, organisationId: cmd.organisationId },
      postings: [
        { account: code.reserved(r.budgetAccountId), amountPence: -r.amountPence },
        { account: code.payable(cmd.organisationId), amountPence: cmd.amountPence },
        ...(rest > 0 ? [{ account: code.budget(r.budgetAccountId), amountPence: rest }] : []),
      ],
    });
    tx.update(reservations).set({ status: "committed", settledAt: new Date().toISOString() }).where(eq(reservations.id, r.id)).run();
    const account = getBudgetAccount(r.budgetAccountId)!;
    recordAudit(tx, { actorId: cmd.by, personId: account.holderId, action: "budget.commit", subjectType: "reservation", subjectId: r.id, detail: { amountPence: cmd.amountPence } });
    return { ok: true as const, replayed: false };
  }, { behavior: "immediate" });
}

/**
 * Records money sent to a provider (a bank transfer, or a card payment Stripe settled): what is
 * owed to them goes down by that much. Never more than is owed; once per key.
 */
export function payOut(cmd: { organisationId: number; amountPence: number; reference: string; idempotencyKey: string; by: number | null; effectiveOn?: string }) {
  return db.transaction((tx) => {
    const prior = priorJournal(cmd.idempotencyKey);
    if (prior) return { journalId: prior.id, replayed: true };
    const owed = balanceOf(code.payable(cmd.organisationId));
    if (!Number.isSafeInteger(cmd.amountPence) || cmd.amountPence <= 0 || cmd.amountPence > owed) {
      throw new LedgerError("insufficient", `Only ${formatPence(Math.max(0, owed))} is owed to this provider, so ${formatPence(cmd.amountPence)} cannot be paid out.`, code.payable(cmd.organisationId));
    }
    const { journalId } = postJournal({
      idempotencyKey: cmd.idempotencyKey, kind: "payout", effectiveOn: cmd.effectiveOn ?? today(), createdBy: cmd.by,
      description: `Paid to the provider (${cmd.reference})`, detail: { organisationId: cmd.organisationId },
      postings: [{ account: code.payable(cmd.organisationId), amountPence: -cmd.amountPence }, { account: code.paid(cmd.organisationId), amountPence: cmd.amountPence }],
    });
    recordAudit(tx, { actorId: cmd.by, action: "budget.payout", subjectType: "organisation", subjectId: cmd.organisationId, detail: { amountPence: cmd.amountPence, reference: cmd.reference } });
    return { journalId, replayed: false };
  }, { behavior: "immediate" });
}

/** Gives a reservation back to the budget (an order cancelled, a pledge below the minimum). */
export function release(cmd: { reservationId: number; idempotencyKey: string; by: number | null; reason: string; effectiveOn?: string }) {
  return db.transaction((tx) => {
    if (priorJournal(cmd.idempotencyKey)) return { ok: true as const, replayed: true };
    const r = heldReservation(cmd.reservationId);
    if (r.status !== "held") throw new LedgerError("invalid", `This reservation was already ${r.status}.`);
    postJournal({
      idempotencyKey: cmd.idempotencyKey, kind: "release", budgetAccountId: r.budgetAccountId, effectiveOn: cmd.effectiveOn ?? today(), createdBy: cmd.by,
      description: cmd.reason, detail: { reservationId: r.id },
      postings: [{ account: code.reserved(r.budgetAccountId), amountPence: -r.amountPence }, { account: code.budget(r.budgetAccountId), amountPence: r.amountPence }],
    });
    tx.update(reservations).set({ status: "released", settledAt: new Date().toISOString() }).where(and(eq(reservations.id, r.id), eq(reservations.status, "held"))).run();
    const account = getBudgetAccount(r.budgetAccountId)!;
    recordAudit(tx, { actorId: cmd.by, personId: account.holderId, action: "budget.release", subjectType: "reservation", subjectId: r.id });
    return { ok: true as const, replayed: false };
  }, { behavior: "immediate" });
}

export function heldReservations(budgetAccountIds: number[]) {
  if (budgetAccountIds.length === 0) return [];
  return db.select().from(reservations).where(and(inArray(reservations.budgetAccountId, budgetAccountIds), eq(reservations.status, "held"))).all();
}

/**
 * Ends a period: what is left of it is kept as contingency up to the council's carry-over
 * allowance (e.g. 25% of the payment, capped at four weeks' worth), and the rest goes back to
 * the council. Idempotent per period.
 */
export function closePeriod(accountId: number, period: number, by: number | null = null, effectiveOn = today()) {
  return db.transaction(() => {
    const account = getBudgetAccount(accountId);
    if (!account) throw new LedgerError("invalid", "There is no such budget.");
    const key = `carry-over:${accountId}:${period}`;
    if (priorJournal(key)) return { kept: balanceOf(code.contingency(accountId)), returned: null };
    const unspent = Math.max(0, balanceOf(code.budget(accountId)));
    const held = balanceOf(code.contingency(accountId));
    const allowance = carryOverAllowance(rulesFor(account.areaSlug), periodPayment(account, period), account.periodDays);
    const kept = Math.min(held + unspent, Math.max(held, allowance));
    const returned = held + unspent - kept;
    const postings = [
      { account: code.budget(accountId), amountPence: -unspent },
      { account: code.contingency(accountId), amountPence: kept - held },
      { account: code.council(account.areaSlug), amountPence: returned },
    ].filter((p) => p.amountPence !== 0);
    if (postings.length >= 2) {
      postJournal({ idempotencyKey: key, kind: "carry-over", budgetAccountId: accountId, effectiveOn, createdBy: by, description: `End of period ${period + 1}`, postings });
    }
    return { kept, returned };
  }, { behavior: "immediate" });
}

/**
 * Moves an ISF to another provider: the balance and every past line stay with the person (they
 * belong to the budget, not the provider); from now on only the new provider can record spend.
 */
export function moveIsf(accountId: number, toOrganisationId: number, by: number, movedOn = today()) {
  return db.transaction((tx) => {
    const account = getBudgetAccount(accountId);
    if (!account || account.arrangement !== "isf" || !account.isfProviderId) throw new LedgerError("invalid", "Only an ISF can move to another provider.");
    if (account.isfProviderId === toOrganisationId) return account;
    tx.insert(isfMoves).values({ budgetAccountId: accountId, fromOrganisationId: account.isfProviderId, toOrganisationId, movedOn, movedBy: by }).run();
    tx.update(budgetAccounts).set({ isfProviderId: toOrganisationId }).where(eq(budgetAccounts.id, accountId)).run();
    recordAudit(tx, { actorId: by, personId: account.holderId, action: "budget.isf-moved", subjectType: "budget", subjectId: accountId, detail: { from: account.isfProviderId, to: toOrganisationId } });
    return { ...account, isfProviderId: toOrganisationId };
  }, { behavior: "immediate" });
}

/** Puts a wrong entry right with a reversing journal (journals are never edited). */
export function correctEntry(journalId: number, cmd: { idempotencyKey: string; by: number; reason: string; effectiveOn?: string }) {
  return db.transaction((tx) => {
    const result = reverseJournal(journalId, { idempotencyKey: cmd.idempotencyKey, effectiveOn: cmd.effectiveOn ?? today(), reason: cmd.reason, createdBy: cmd.by });
    const budgetId = db.$client.prepare("SELECT budget_account_id FROM journals WHERE id = ?").pluck().get(journalId) as number | null;
    const account = budgetId ? getBudgetAccount(budgetId) : null;
    recordAudit(tx, { actorId: cmd.by, personId: account?.holderId ?? null, action: "budget.corrected", subjectType: "journal", subjectId: journalId, detail: { reason: cmd.reason } });
    return result;
  }, { behavior: "immediate" });
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The schedule, run daily (or any number of times: everything is idempotent): for every active
 * budget, each period that has started gets its payment, and each period that has ended is
 * closed with the council's carry-over rule.
 */
export function runSchedule(today = new Date().toISOString().slice(0, 10)) {
  const due = db.select().from(budgetAccounts).where(eq(budgetAccounts.status, "active")).all();
  let payments = 0;
  let closed = 0;
  for (const account of due) {
    const done = scheduleAccount(account, today);
    payments += done.payments;
    closed += done.closed;
  }
  return { payments, closed };
}

/** One budget's part of the schedule: every payment due by `today`, every period ended closed. */
export function scheduleAccount(account: BudgetAccount, today = new Date().toISOString().slice(0, 10)) {
  let payments = 0;
  let closed = 0;
  const last = account.endsOn && account.endsOn < today ? account.endsOn : today;
  for (let n = 0; addDays(account.startsOn, n * account.periodDays) <= last; n++) {
    const starts = addDays(account.startsOn, n * account.periodDays);
    const ends = addDays(starts, account.periodDays - 1);
    if (!priorJournal(`allocation:${account.id}:${n}`)) {
      allocate(account.id, n, null, starts);
      payments++;
    }
    // A period is closed before the next one is paid: once that payment exists it is too late
    // (the carry-over would count the new money), and the period was dealt with then.
    if (ends < today && !priorJournal(`carry-over:${account.id}:${n}`) && !priorJournal(`allocation:${account.id}:${n + 1}`)) {
      closePeriod(account.id, n, null, ends);
      closed++;
    }
  }
  return { payments, closed };
}

export type StatusChange = "suspend" | "reactivate" | "end";
const statusMoves: Record<StatusChange, { from: BudgetStatus[]; to: BudgetStatus }> = {
  suspend: { from: ["active"], to: "suspended" },
  reactivate: { from: ["suspended"], to: "active" },
  end: { from: ["active", "suspended"], to: "ended" },
};

/**
 * The council suspends, reactivates or ends a budget (ending is final). A budget that is not
 * active cannot spend or set money aside; what was already set aside for agreed orders is still
 * paid when confirmed. Ending stops payments after `today`.
 */
export function changeBudgetStatus(accountId: number, change: StatusChange, by: number, reason: string, today = new Date().toISOString().slice(0, 10)) {
  return db.transaction((tx) => {
    const account = getBudgetAccount(accountId);
    if (!account) throw new LedgerError("invalid", "There is no such budget.");
    const move = statusMoves[change];
    if (!move.from.includes(account.status)) throw new LedgerError("invalid", `This budget is ${account.status.replace("-", " ")}, so it cannot be ${change === "end" ? "ended" : change === "suspend" ? "suspended" : "reactivated"}.`);
    const endsOn = change === "end" && (!account.endsOn || account.endsOn > today) ? today : account.endsOn;
    tx.update(budgetAccounts).set({ status: move.to, endsOn }).where(and(eq(budgetAccounts.id, accountId), eq(budgetAccounts.status, account.status))).run();
    recordAudit(tx, { actorId: by, personId: account.holderId, action: `budget.${change}`, subjectType: "budget", subjectId: accountId, detail: { reason } });
    return { ...account, status: move.to, endsOn };
  }, { behavior: "immediate" });
}

/**
 * Would this purchase be allowed now? The checks `reserve` makes (the budget, the council's
 * rules, the balance) without moving money: for the check screen before an order is placed.
 */
export function purchaseRefusal(cmd: { budgetAccountId: number; amountPence: number; category: string; effectiveOn: string }): Refusal | null {
  const account = getBudgetAccount(cmd.budgetAccountId);
  const refusal = refuseUnlessSpendable(account, cmd) ?? ruleRefusal(rulesFor(account!.areaSlug), { category: cmd.category });
  if (refusal) return refusal;
  return spendable(account!.id) < cmd.amountPence ? insufficient(account!) : null;
}
