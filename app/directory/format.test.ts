import { describe, expect, test } from "vitest";
import { checkedAgo, formatMiles, formatPence, formatPrice, isStale } from "./format";

describe("prices people read", () => {
  test("whole pounds have no pence, part pounds have two places", () => {
    expect(formatPence(1800)).toBe("£18");
    expect(formatPence(450)).toBe("£4.50");
    expect(formatPence(123456)).toBe("£1,234.56");
    expect(formatPence(100000000)).toBe("£1,000,000");
    expect(formatPence(5)).toBe("£0.05");
    expect(formatPence(-2550)).toBe("-£25.50");
  });
  test("a price says its unit, and free says Free", () => {
    expect(formatPrice(1800, "hour")).toBe("£18 an hour");
    expect(formatPrice(450, "session")).toBe("£4.50 a session");
    expect(formatPrice(25000, "item")).toBe("£250 each");
    expect(formatPrice(0, "free")).toBe("Free");
    expect(formatPrice(0, "hour")).toBe("Free");
  });
});

describe("how fresh a listing is", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  test("counts whole days since it was checked", () => {
    expect(checkedAgo("2026-11-23T08:00:00Z", now)).toBe("Checked today");
    expect(checkedAgo("2026-11-22T08:00:00Z", now)).toBe("Checked 1 day ago");
    expect(checkedAgo("2026-10-09T12:00:00Z", now)).toBe("Checked 45 days ago");
  });
  test("is stale only after twelve months without a check", () => {
    expect(isStale("2025-11-24T12:00:00Z", now)).toBe(false);
    expect(isStale("2025-11-20T12:00:00Z", now)).toBe(true);
  });
});

test("distances read naturally", () => {
  expect(formatMiles(0.04)).toBe("less than 0.1 miles");
  expect(formatMiles(2.345)).toBe("2.3 miles");
  expect(formatMiles(12.6)).toBe("13 miles");
});
