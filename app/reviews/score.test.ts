import { describe, expect, test } from "vitest";
import { bayesianScore, countsSince, describeScore, PRIOR_MEAN, PRIOR_WEIGHT } from "./score";

describe("the Bayesian score", () => {
  test("matches a hand-computed example", () => {
    // Prior 3.5 weighted as 5 reviews; reviews 5, 4, 4 (sum 13): (5 × 3.5 + 13) / (5 + 3) = 30.5 / 8 = 3.8125.
    expect(PRIOR_MEAN).toBe(3.5);
    expect(PRIOR_WEIGHT).toBe(5);
    expect(bayesianScore({ sum: 13, count: 3 })).toBe(3.81);
    // 23 reviews averaging 4.8 (sum 110.4 is not whole, so 110): (17.5 + 110) / 28 = 4.553…
    expect(bayesianScore({ sum: 110, count: 23 })).toBe(4.55);
  });

  test("orders a 5.0 from one review below a 4.7 from forty", () => {
    const one = bayesianScore({ sum: 5, count: 1 })!;
    const forty = bayesianScore({ sum: 188, count: 40 })!; // 4.7 × 40
    expect(one).toBe(3.75);
    expect(forty).toBe(4.57);
    expect(one).toBeLessThan(forty);
  });

  test("no reviews, no score; too few reviews say so instead of a number", () => {
    expect(bayesianScore({ sum: 0, count: 0 })).toBeNull();
    expect(describeScore({ score: null, count: 0 })).toBe("No reviews yet");
    expect(describeScore({ score: 3.75, count: 1 })).toBe("1 review so far: too few for a score");
    expect(describeScore({ score: 4.57, count: 40 })).toBe("4.6 from 40 reviews");
  });

  test("counts the last 24 months", () => {
    expect(countsSince(new Date("2026-11-23T10:00:00.000Z"))).toBe("2024-11-23T10:00:00.000Z");
  });
});
