import type { InsightSection } from "./section";

// Money held as weeks of the account's own budget: comparable between a £5,000 and a £50,000 budget.
const BANDS = [
  { key: "none", label: "Less than half a week (at or over budget)", below: 0.5 },
  { key: "under-2", label: "Less than 2 weeks", below: 2 },
  { key: "2-4", label: "2 to 4 weeks", below: 4 },
  { key: "4-8", label: "4 to 8 weeks", below: 8 },
  { key: "8-13", label: "8 to 13 weeks", below: 13 },
  { key: "13-plus", label: "More than 13 weeks (underspending)", below: Infinity },
] as const;

export const balancesSection: InsightSection = {
  id: "balances",
  title: "Underspend and overspend",
  intro: "How much each running budget account holds now (its balance and contingency), in weeks of its own budget — as a distribution across accounts, never an account.",
  tables: (f) => {
    const people = new Map<string, Set<number>>(BANDS.map((b) => [b.key, new Set()]));
    const accounts = new Map<string, number>(BANDS.map((b) => [b.key, 0]));
    for (const a of f.accounts()) {
      const weekly = a.annualPence / 52;
      const weeks = weekly > 0 ? a.heldPence / weekly : 0;
      const band = BANDS.find((b) => weeks < b.below)!;
      people.get(band.key)!.add(a.holderId);
      accounts.set(band.key, accounts.get(band.key)! + 1);
    }
    const everyone = new Set(f.accounts().map((a) => a.holderId));
    return [{
      id: "balances", title: "Money held now, in weeks of budget", followsCategory: false, chart: { kind: "bar", column: "accounts" },
      caption: "Accounts running in the chosen months; balances as they stand today.",
      columns: [{ key: "accounts", label: "Budget accounts", format: "count" }, { key: "people", label: "People", format: "count" }],
      rows: BANDS.map((b) => ({ key: b.key, label: b.label, values: { accounts: accounts.get(b.key)!, people: people.get(b.key)!.size }, who: { people: people.get(b.key)! } })),
      total: { key: "total", label: "Total", values: { accounts: f.accounts().length, people: everyone.size }, who: { people: everyone } },
    }];
  },
};
