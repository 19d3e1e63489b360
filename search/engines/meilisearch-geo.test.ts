import { describe, expect, test } from "vitest";
import { randomSource } from "../../seeds/generate";
import { haversineMiles } from "../text";
import { CELL_LEVELS, cellCover, cellsOf } from "./meilisearch-geo";

describe("a circle as grid cells", () => {
  // Places across the UK and every radius the search offers, plus very small and large ones.
  for (const [lat, lng] of [[53.7997, -1.5492], [50.1, -5.5], [58.6, -3.1], [51.5, 0.1]] as const) {
    for (const radius of [0.2, 1, 3, 5, 10, 15, 25, 60]) {
      test(`inner cells hold only places within ${radius} miles of ${lat}, ${lng}; inner and edge cells hold every one`, () => {
        const cover = cellCover(lat, lng, radius)!;
        expect(cover.inner.length).toBeGreaterThan(0);
        const inner = new Set(cover.inner);
        const edge = new Set(cover.edge);
        const r = randomSource(Math.round(radius * 1000 + lat));
        const span = (radius / 69) * 1.3;
        let nearEdge = 0;
        const wrong: string[] = [];
        for (let i = 0; i < 20_000; i++) {
          const y = lat + (r.next() * 2 - 1) * span;
          const x = lng + ((r.next() * 2 - 1) * span) / Math.cos((lat * Math.PI) / 180);
          const d = haversineMiles(lat, lng, y, x);
          const cells = cellsOf(y, x);
          if (Math.abs(d - radius) < radius * 0.02) nearEdge++;
          if (d > radius && cells.some((c) => inner.has(c))) wrong.push(`${y}, ${x} is ${d} miles away but in an inner cell`);
          if (d <= radius && !cells.some((c) => inner.has(c) || edge.has(c))) wrong.push(`${y}, ${x} is ${d} miles away but in no cell of the cover`);
        }
        expect(wrong).toEqual([]);
        expect(nearEdge).toBeGreaterThan(100);
      });
    }
  }

  test("a place lies in one cell per level, each inside the one above it", () => {
    const cells = cellsOf(53.7997, -1.5492);
    expect(cells).toHaveLength(CELL_LEVELS);
    for (let level = 1; level < CELL_LEVELS; level++) {
      const [, row, col] = cells[level]!.split(":").map(Number) as [number, number, number];
      const [, upRow, upCol] = cells[level - 1]!.split(":").map(Number) as [number, number, number];
      expect([Math.floor(row / 2), Math.floor(col / 2)]).toEqual([upRow, upCol]);
    }
  });

  test("the edge left to measure one by one is a small part of the circle, in a few hundred cells at most", () => {
    const milesPerDegLat = 69.09;
    const milesPerDegLng = milesPerDegLat * Math.cos((53.8 * Math.PI) / 180);
    const areaOf = (cell: string) => {
      const level = Number(cell.split(":")[0]);
      return (milesPerDegLat / 2 ** level) * ((1.6 * milesPerDegLng) / 2 ** level);
    };
    for (const radius of [1, 3, 5, 10, 25]) {
      const { inner, edge } = cellCover(53.8, -1.55, radius)!;
      const innerArea = inner.reduce((sum, c) => sum + areaOf(c), 0);
      expect(innerArea / (Math.PI * radius ** 2)).toBeGreaterThan(0.8);
      expect(inner.length + edge.length).toBeLessThan(800);
    }
  });

  test("gives up near a pole or the 180th meridian, where cells would wrap", () => {
    expect(cellCover(89.5, 0, 50)).toBeNull();
    expect(cellCover(0, 179.9, 25)).toBeNull();
  });
});
