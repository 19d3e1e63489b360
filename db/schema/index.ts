export * from "./accounts";
export * from "./directory";
export * from "./search";
