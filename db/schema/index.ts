export * from "./accounts";
export * from "./budgets";
export * from "./directory";
export * from "./purchasing";
export * from "./search";
export * from "./insights";
