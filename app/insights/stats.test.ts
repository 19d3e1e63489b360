import { expect, test } from "vitest";
import { hhi, quantile, quartiles } from "./stats";

test("quartiles of prices paid count each visit, by nearest rank", () => {
  const paid = [{ value: 1800, weight: 3 }, { value: 1500, weight: 1 }, { value: 2400, weight: 4 }];
  // Sorted: 1500, 1800 x3, 2400 x4 — eight visits.
  expect(quartiles(paid)).toEqual({ q1: 1800, median: 1800, q3: 2400 });
  expect(quantile([], 0.5)).toBe(null);
  expect(quantile([{ value: 700, weight: 1 }], 0.25)).toBe(700);
});

test("concentration: one provider is 10,000; four equal providers are 2,500", () => {
  expect(hhi([5000])).toBe(10_000);
  expect(hhi([10, 10, 10, 10])).toBe(2_500);
  expect(hhi([60, 20, 20])).toBe(4_400);
  expect(hhi([])).toBe(null);
});
