import { describe, expect, test } from "vitest";
import { fitOf, milesBetween, planWeights, rankByFit, typicalRange, type Candidate } from "./fit";

const wanted = { weights: planWeights([{ category: "personal-care", plannedPence: 9_000 }, { category: "befriending", plannedPence: 1_000 }]), radiusMiles: 15 };
const c = (over: Partial<Candidate> & { id: number }): Candidate => ({ organisationId: over.id, category: "personal-care", distanceMiles: 2, days: ["mon", "tue", "wed"], rating: null, ...over });

describe("ranking services by fit with the plan", () => {
  test("the kind of support the plan spends most on comes first, then nearer, then more days, then a better score", () => {
    const ranked = rankByFit([
      c({ id: 1, category: "befriending" }),
      c({ id: 2, distanceMiles: 12 }),
      c({ id: 3, distanceMiles: 1 }),
      c({ id: 4, distanceMiles: 1, days: ["mon", "tue", "wed", "thu", "fri"] }),
    ], wanted);
    expect(ranked.map((r) => r.id)).toEqual([4, 3, 2]);
  });

  test("a review score moves a service up once reviews exist, and an unrated one sits in the middle", () => {
    const rated = fitOf(c({ id: 1, rating: 4.8 }), wanted).score;
    const unrated = fitOf(c({ id: 2, rating: null }), wanted).score;
    const poor = fitOf(c({ id: 3, rating: 1.5 }), wanted).score;
    expect(rated).toBeGreaterThan(unrated);
    expect(unrated).toBeGreaterThan(poor);
  });

  test("three suggestions come from three different organisations", () => {
    const ranked = rankByFit([c({ id: 1, organisationId: 7 }), c({ id: 2, organisationId: 7 }), c({ id: 3, organisationId: 8 }), c({ id: 4, organisationId: 9 }), c({ id: 5, organisationId: 10 })], wanted);
    expect(ranked.map((r) => r.organisationId)).toEqual([7, 8, 9]);
  });

  test("a kind of support the plan mentions without spending on it still counts a little", () => {
    const weights = planWeights([{ category: "personal-care", plannedPence: 10_000 }, { category: "leisure-and-arts", plannedPence: 0 }]);
    expect(weights.get("personal-care")).toBe(1);
    expect(weights.get("leisure-and-arts")).toBe(0.25);
    expect(weights.get("transport")).toBeUndefined();
  });
});

test("the typical range is the middle half of the prices", () => {
  expect(typicalRange([1_000, 1_200, 1_400, 1_600, 5_000])).toEqual({ low: 1_200, median: 1_400, high: 1_600, count: 5 });
  expect(typicalRange([])).toBeNull();
});

test("miles between Leeds and Bradford", () => {
  expect(milesBetween({ lat: 53.7997, lng: -1.5492 }, { lat: 53.796, lng: -1.7594 })).toBeCloseTo(8.6, 0);
});
