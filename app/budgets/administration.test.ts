// Opening, suspending and ending budget accounts, as the council asks Weave's admins to.
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { userRoles } from "../../db/schema";
import { clearData } from "../../seeds/load";
import { anOrganisation, aService } from "../../tests/support/fixtures";
import { createService } from "../directory/listings.server";
import { OpenAccountForm } from "./account-form";
import { openAccountFor } from "./administration.server";
import { balancesOf, changeBudgetStatus, getBudgetAccount, reserve } from "./budgets.server";
import { verifyLedger } from "./ledger.server";

let admin = 0;
let holder = 0;
const form = (over: Record<string, string> = {}) => OpenAccountForm.safeParse({
  email: "hana@example.org", areaSlug: "leeds", arrangement: "direct-payment", isfProviderId: "", annualAllocation: "13000", periodDays: "28",
  contribution: "", feeKind: "none", fee: "", startsOn: "2026-01-01", endsOn: "", ...over,
});
const opened = (over: Record<string, string> = {}, today = "2026-03-01") => {
  const parsed = form(over);
  if (!parsed.success) throw new Error(parsed.error.message);
  return openAccountFor(parsed.data, admin, today);
};

beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  admin = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('ada@example.org', 'Ada', 'x') RETURNING id").pluck().get() as number;
  holder = db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES ('hana@example.org', 'Hana', 'x') RETURNING id").pluck().get() as number;
});

describe("opening a budget account", () => {
  test("pays every period already due, and makes the person a budget holder", () => {
    const r = opened();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 1 January, 29 January and 26 February have started by 1 March: three payments of £1,000.
    const account = getBudgetAccount(r.accountId)!;
    expect(account).toMatchObject({ holderId: holder, status: "active", arrangement: "direct-payment" });
    expect(db.$client.prepare("SELECT COUNT(*) FROM journals WHERE budget_account_id = ? AND kind = 'allocation'").pluck().get(r.accountId)).toBe(3);
    expect(balancesOf(r.accountId).available + balancesOf(r.accountId).contingency).toBeGreaterThan(0);
    expect(db.select().from(userRoles).all()).toEqual([{ userId: holder, role: "budget-holder" }]);
    expect(verifyLedger()).toEqual({ unbalanced: [], mismatched: [], belowFloor: [], singleLegged: [] });
  });

  test("refuses a person with no account, and an ISF without a provider that takes ISFs in that council", () => {
    expect(opened({ email: "nobody@example.org" })).toEqual({ ok: false, errors: { email: expect.stringMatching(/no Weave account/) } });
    const elsewhere = anOrganisation({ name: "Far Away Care", townSlug: "otley" }).id;
    createService(aService(elsewhere, { paymentRoutes: ["self-funded"] }));
    expect(opened({ arrangement: "isf", isfProviderId: String(elsewhere) })).toEqual({ ok: false, errors: { isfProviderId: expect.stringMatching(/take ISFs in this council/) } });
    const taker = anOrganisation({ name: "Otley ISF Care" }).id;
    createService(aService(taker, { paymentRoutes: ["isf"], pricePence: 2_000, priceUnit: "hour" }));
    expect(opened({ arrangement: "isf", isfProviderId: String(taker), feeKind: "percent", fee: "7.5" })).toMatchObject({ ok: true });
    expect(db.$client.prepare("SELECT fee_kind, fee_value, isf_provider_id FROM budget_accounts").get()).toEqual({ fee_kind: "percent", fee_value: 750, isf_provider_id: taker });
  });

  test.each([
    [{ arrangement: "isf" }, "isfProviderId", "Choose the provider who will hold the Individual Service Fund"],
    [{ feeKind: "amount", fee: "40" }, "feeKind", "Only an Individual Service Fund has a management fee"],
    [{ annualAllocation: "0" }, "annualAllocation", "Enter the yearly amount, more than £0"],
    [{ annualAllocation: "lots" }, "annualAllocation", "Enter an amount in pounds, like 6 or 12.50"],
    [{ endsOn: "2025-12-31" }, "endsOn", "The end date must be after the start date"],
    [{ startsOn: "2026-02-30" }, "startsOn", "Enter a real date, like 2026-12-01"],
    [{ areaSlug: "atlantis" }, "areaSlug", "Choose the council"],
  ])("a bad form (%o) says what is wrong with %s", (over, field, message) => {
    const parsed = form(over as Record<string, string>);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe("suspending and ending", () => {
  test("a suspended budget cannot set money aside until it is reactivated; an ended one is final", () => {
    const r = opened();
    if (!r.ok) throw new Error("not opened");
    const setAside = () => reserve({ budgetAccountId: r.accountId, amountPence: 1_000, category: "help-at-home", reference: "order:1", idempotencyKey: `r:${Math.random()}`, by: holder, effectiveOn: "2026-03-02" });
    changeBudgetStatus(r.accountId, "suspend", admin, "Review", "2026-03-02");
    expect(setAside()).toMatchObject({ ok: false, refusal: { rule: "not-active", explanation: "This budget is suspended, so nothing can be spent from it." } });
    expect(() => changeBudgetStatus(r.accountId, "suspend", admin, "Again")).toThrow(/is suspended, so it cannot be suspended/);
    changeBudgetStatus(r.accountId, "reactivate", admin, "Review done", "2026-03-03");
    expect(setAside()).toMatchObject({ ok: true });
    changeBudgetStatus(r.accountId, "end", admin, "Moved away", "2026-03-04");
    expect(getBudgetAccount(r.accountId)).toMatchObject({ status: "ended", endsOn: "2026-03-04" });
    expect(() => changeBudgetStatus(r.accountId, "reactivate", admin, "Oops")).toThrow(/is ended, so it cannot be reactivated/);
    expect(db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'budget.%' AND subject_type = 'budget' ORDER BY id").pluck().all())
      .toEqual(["budget.opened", "budget.suspend", "budget.reactivate", "budget.end"]);
  });
});
