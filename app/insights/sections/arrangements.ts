import { arrangementNames } from "../../budgets/labels";
import type { InsightSection } from "./section";

const ARRANGEMENTS = ["direct-payment", "isf", "council-managed", "self-funded"] as const;

export const arrangementsSection: InsightSection = {
  id: "arrangements",
  title: "How budgets are held",
  intro: "Budget accounts of the council's area running at some time in the chosen months, by how the money is held. Only accounts actually running are counted: not budgets set up but never paid, not suspended ones.",
  tables: (f) => {
    const accounts = f.accounts();
    const holders = (a?: string) => new Set(accounts.filter((x) => !a || x.arrangement === a).map((x) => x.holderId));
    const count = (a?: string) => accounts.filter((x) => !a || x.arrangement === a).length;
    return [{
      id: "arrangements", title: "Budget arrangements in use", followsCategory: false, chart: { kind: "bar", column: "people" },
      caption: "A person with two accounts (say a direct payment and an ISF) is counted once in each row and once in the total.",
      columns: [{ key: "accounts", label: "Budget accounts", format: "count" }, { key: "people", label: "People", format: "count" }],
      rows: ARRANGEMENTS.map((a) => ({ key: a, label: arrangementNames[a] ?? a, values: { accounts: count(a), people: holders(a).size }, who: { people: holders(a) } })),
      total: { key: "total", label: "Total", values: { accounts: count(), people: holders().size }, who: { people: holders() } },
    }];
  },
};
