// How budgets are described to people.
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
