import { expect, test } from "vitest";
import { randomSource } from "../../seeds/generate";
import { topK } from "./columns";

test("topK gives exactly the first k of a full sort, for any k, with ties broken the same way", () => {
  const r = randomSource(7);
  const items = Array.from({ length: 3000 }, (_, i) => ({ id: i, score: r.int(0, 50) }));
  const compare = (a: { id: number; score: number }, b: { id: number; score: number }) => a.score - b.score || a.id - b.id;
  const full = items.slice().sort(compare);
  for (const k of [0, 1, 7, 20, 100, 999, 3000, 5000]) {
    expect(topK(items, k, compare)).toEqual(full.slice(0, k));
  }
});
