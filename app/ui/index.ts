export * from "./fields";
export * from "./listing";
export * from "./messages";
