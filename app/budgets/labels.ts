// How budgets are described to people.
import { formatPence } from "../directory/format";
export const arrangementNames: Record<string, string> = {
  "direct-payment": "Direct payment",
  isf: "Individual Service Fund",
  "council-managed": "Council-managed budget",
  "self-funded": "Paying for yourself",
};

export const lineKindNames: Record<string, string> = {
  allocation: "Payment from the council",
  contribution: "Your contribution",
  fee: "Management fee",
  spend: "Spent",
  commit: "Spent (order)",
  reversal: "Correction",
  "carry-over": "End of period",
};

/** An ISF's management fee as agreed up front: "7.5% of each payment", "£40.00 a period". */
export const managementFeeText = (kind: string, value: number) =>
  kind === "percent" ? `${value / 100}% of each payment` : kind === "amount" ? `${formatPence(value)} a period` : "None";
