// A circle as Meilisearch can filter it cheaply. `_geoRadius` costs 6-15 ms per search at 100,000
// listings (Meilisearch 1.21 reads its whole geo R-tree for every radius filter), while a
// `_geoBoundingBox` is two range lookups on the latitude and longitude facets and costs well under
// a millisecond. So the circle is cut into horizontal strips, and each strip gets two boxes:
//
// - an inner box, wholly inside the circle: everything in it is within the radius;
// - an outer box, wholly covering the circle's part of the strip: nothing outside it is.
//
// Only the thin ring between the two (outer and not inner) needs a distance check per listing,
// which the adapter does with the same haversine as the embedded engine, so the answer is exactly
// the circle. docs/decisions/012-meilisearch-latency.md.
import { EARTH_RADIUS_MILES, haversineMiles } from "../text";

export type Box = { north: number; south: number; west: number; east: number };
export type CircleCover = { inner: Box[]; outer: Box[] };

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;
const hav = (x: number) => Math.sin(x / 2) ** 2;

/** How far east and west of the centre (degrees) the circle reaches at this latitude; 0 outside it. */
function halfWidth(lat0: number, radiusMiles: number, lat: number): number {
  const h = (hav(radiusMiles / EARTH_RADIUS_MILES) - hav((lat - lat0) * RAD)) / (Math.cos(lat * RAD) * Math.cos(lat0 * RAD));
  if (!(h > 0)) return 0;
  return 2 * Math.asin(Math.sqrt(Math.min(1, h))) * DEG;
}

/**
 * Inner and outer boxes for a circle, `strips` of them each, or null where boxes cannot describe
 * it (near a pole or across the 180th meridian, which no UK search comes near): the caller then
 * falls back to `_geoRadius`.
 */
export function circleCover(lat: number, lng: number, radiusMiles: number, strips = 12): CircleCover | null {
  const dLat = (radiusMiles / EARTH_RADIUS_MILES) * DEG;
  // Margins: outer boxes a little larger and inner boxes a little smaller than the geometry says,
  // so rounding can only move a listing into the ring, where it is checked exactly.
  const grow = dLat * 1e-3 + 1e-6;
  const south = lat - dLat - grow;
  const north = lat + dLat + grow;
  if (south < -89 || north > 89) return null;
  const widest = halfWidth(lat, radiusMiles, lat) * 1.01 + grow;
  if (lng - widest < -180 || lng + widest > 180) return null;

  const inner: Box[] = [];
  const outer: Box[] = [];
  const step = (north - south) / strips;
  for (let i = 0; i < strips; i++) {
    const s = south + i * step;
    const n = i === strips - 1 ? north : s + step;
    // The widest point of the strip: at the centre's latitude if the strip holds it, else at an
    // edge; sampled between as well, since the circle is not quite symmetrical in degrees.
    const samples = [s, n, Math.min(n, Math.max(s, lat))];
    for (let k = 1; k < 8; k++) samples.push(s + ((n - s) * k) / 8);
    const out = Math.max(...samples.map((x) => halfWidth(lat, radiusMiles, x)));
    // Pushed even when the circle only touches the strip, so a zero radius still finds its own spot.
    outer.push({ north: n, south: s, west: lng - out * 1.001 - grow, east: lng + out * 1.001 + grow });
    // The narrowest point is at an edge. Its corners are then within the radius; shrink a little.
    const width = Math.min(halfWidth(lat, radiusMiles, s), halfWidth(lat, radiusMiles, n)) * 0.999 - 1e-6;
    if (width > 0) {
      const box = { north: n, south: s, west: lng - width, east: lng + width };
      const corners = [[n, box.west], [n, box.east], [s, box.west], [s, box.east]] as const;
      if (corners.every(([y, x]) => haversineMiles(lat, lng, y, x) < radiusMiles)) inner.push(box);
    }
  }
  return { inner, outer };
}

const num = (x: number) => String(Math.round(x * 1e7) / 1e7);

/**
 * Meilisearch's filter for a box: the north-east corner, then the south-west one. (Meilisearch
 * 1.21 reads it that way; the other way round it takes the box as crossing the 180th meridian
 * and keeps everything outside it. The contract's radius tests catch either mistake.)
 */
export const boxFilter = (b: Box) => `_geoBoundingBox([${num(b.north)}, ${num(b.east)}], [${num(b.south)}, ${num(b.west)}])`;

/** One filter clause true for anything in any of the boxes ("false" when there are none). */
export const anyBox = (boxes: Box[]) => (boxes.length === 0 ? null : `(${boxes.map(boxFilter).join(" OR ")})`);
