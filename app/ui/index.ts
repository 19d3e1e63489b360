export * from "./fields";
export * from "./listing";
export * from "./messages";
export * from "./listing-forms";
export * from "./provider";
export * from "./orders";
export * from "./reviews";
export * from "./group-offers";
