export * from "./directory";
export * from "./search";
