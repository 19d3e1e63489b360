import { describe, expect, test } from "vitest";
import { randomSource } from "../../seeds/generate";
import { haversineMiles } from "../text";
import { type Box, boxFilter, circleCover } from "./meilisearch-geo";

const within = (b: Box, lat: number, lng: number) => lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;

describe("a circle as boxes", () => {
  // Places across the UK and every radius the search offers, plus very small and large ones.
  for (const [lat, lng] of [[53.7997, -1.5492], [50.1, -5.5], [58.6, -3.1], [51.5, 0.1]] as const) {
    for (const radius of [0.2, 1, 3, 5, 10, 15, 25, 60]) {
      test(`inner boxes hold only places within ${radius} miles of ${lat}, ${lng}; outer boxes hold every one`, () => {
        const cover = circleCover(lat, lng, radius)!;
        expect(cover.inner.length).toBeGreaterThan(0);
        const r = randomSource(Math.round(radius * 1000 + lat));
        const span = (radius / 69) * 1.3;
        let nearEdge = 0;
        const wrong: string[] = [];
        for (let i = 0; i < 20_000; i++) {
          const y = lat + (r.next() * 2 - 1) * span;
          const x = lng + ((r.next() * 2 - 1) * span) / Math.cos((lat * Math.PI) / 180);
          const d = haversineMiles(lat, lng, y, x);
          if (Math.abs(d - radius) < radius * 0.02) nearEdge++;
          if (d > radius && cover.inner.some((b) => within(b, y, x))) wrong.push(`${y}, ${x} is ${d} miles away but in an inner box`);
          if (d <= radius && !cover.outer.some((b) => within(b, y, x))) wrong.push(`${y}, ${x} is ${d} miles away but in no outer box`);
        }
        expect(wrong).toEqual([]);
        expect(nearEdge).toBeGreaterThan(100);
      });
    }
  }

  test("the ring left to check one by one is a small part of the circle", () => {
    const { inner } = circleCover(53.8, -1.55, 10)!;
    const milesPerDegLng = 69.17 * Math.cos((53.8 * Math.PI) / 180);
    const area = inner.reduce((sum, b) => sum + (b.north - b.south) * 69.05 * (b.east - b.west) * milesPerDegLng, 0);
    expect(area / (Math.PI * 100)).toBeGreaterThan(0.8);
  });

  test("is written north-east corner first, as Meilisearch 1.21 reads it", () => {
    expect(boxFilter({ north: 54, south: 53, west: -2, east: -1 })).toBe("_geoBoundingBox([54, -1], [53, -2])");
  });

  test("gives up near a pole or the 180th meridian, where boxes would wrap", () => {
    expect(circleCover(89.5, 0, 50)).toBeNull();
    expect(circleCover(0, 179.9, 25)).toBeNull();
  });
});
