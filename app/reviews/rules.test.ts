import { expect, test } from "vitest";
import { isRevealed, publishAtFor, revealAt, reviewWindow, windowRefusal } from "./rules";

test("the review window opens at delivery and closes 60 days after the last one", () => {
  const w = reviewWindow("2026-02-03T15:00:00.000Z", "2026-02-10T15:00:00.000Z")!;
  expect(w.closesAt).toBe("2026-04-11T15:00:00.000Z");
  expect(windowRefusal(w, new Date("2026-02-03T14:00:00Z"))).toMatch(/once the provider has recorded/);
  expect(windowRefusal(w, new Date("2026-04-11T14:00:00Z"))).toBeNull();
  expect(windowRefusal(w, new Date("2026-04-11T16:00:00Z"))).toMatch(/up to 60 days/);
  expect(windowRefusal(reviewWindow(null, null), new Date())).toMatch(/once the provider has recorded/);
});

test("a review is published seven days after it is written", () => {
  expect(publishAtFor("2026-02-05T10:00:00.000Z")).toBe("2026-02-12T10:00:00.000Z");
});

test("double-blind: revealed when both have written, or fourteen days after the first", () => {
  expect(revealAt("2026-02-05T10:00:00.000Z", "2026-02-07T10:00:00.000Z")).toBe("2026-02-07T10:00:00.000Z");
  expect(revealAt("2026-02-05T10:00:00.000Z", null)).toBe("2026-02-19T10:00:00.000Z");
  expect(isRevealed(null, "2026-02-05T10:00:00.000Z", new Date("2026-02-18T10:00:00Z"))).toBe(false);
  expect(isRevealed(null, "2026-02-05T10:00:00.000Z", new Date("2026-02-19T10:00:00Z"))).toBe(true);
  expect(isRevealed(null, null, new Date("2099-01-01T00:00:00Z"))).toBe(false);
});
