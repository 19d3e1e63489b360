export * from "./accounts";
export * from "./budgets";
export * from "./directory";
export * from "./search";
