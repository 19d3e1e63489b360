// A circle as Meilisearch can filter it cheaply. Meilisearch's own geo filters are dear at 100,000
// listings: `_geoRadius` reads the whole geo R-tree (6-19 ms a search) and each
// `_geoBoundingBox` is two range scans over every latitude and longitude (the 8-16 boxes of a
// circle cost 2-4 ms). A plain tag costs one lookup. So every listing carries the grid cells it
// lies in, one per level of a quadtree (`cellsOf`), and a circle becomes a list of cells
// (`cellCover`):
//
// - inner cells, wholly inside the circle: everything in them is within the radius;
// - edge cells, small ones along the circle's edge, partly inside it.
//
// Only the listings in edge cells need a distance check, which the adapter does with the same
// haversine as the embedded engine, so the answer is exactly the circle.
// docs/decisions/012-meilisearch-latency.md.
import { EARTH_RADIUS_MILES, haversineMiles } from "../text";

// Level 0 cells are 1 degree of latitude by 1.6 of longitude (about 69 by 65 miles in the UK);
// each level halves both, down to level 9 (about 240 by 230 yards).
const LAT0 = 1;
const LNG0 = 1.6;
export const CELL_LEVELS = 10;

const sizeAt = (level: number) => ({ lat: LAT0 / 2 ** level, lng: LNG0 / 2 ** level });
const cellName = (level: number, row: number, col: number) => `${level}:${row}:${col}`;

/** The cells a place lies in, one per level, coarse to fine. */
export function cellsOf(lat: number, lng: number): string[] {
  return Array.from({ length: CELL_LEVELS }, (_, level) => {
    const size = sizeAt(level);
    return cellName(level, Math.floor((lat + 90) / size.lat), Math.floor((lng + 180) / size.lng));
  });
}

// Edge cells are about this many to the radius: more cells to list, fewer listings to measure.
const EDGE_CELLS_PER_RADIUS = 24;

export type CellCover = { inner: string[]; edge: string[] };

const RAD = Math.PI / 180;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Inner and edge cells for a circle, or null where cells cannot describe it (near a pole or across
 * the 180th meridian, which no UK search comes near): the caller then uses `_geoRadius`.
 *
 * Edge cells are about a fortieth of the radius across (at most level 9), so the listings left to
 * measure one by one are a few percent of the circle's.
 */
export function cellCover(lat: number, lng: number, radiusMiles: number): CellCover | null {
  const dLat = radiusMiles / (EARTH_RADIUS_MILES * RAD);
  const dLng = dLat / Math.cos(clamp(Math.abs(lat) + dLat, 0, 90) * RAD);
  if (lat - dLat < -89 || lat + dLat > 89 || lng - dLng < -180 || lng + dLng > 180) return null;
  const latMiles = EARTH_RADIUS_MILES * RAD * LAT0;
  const edgeLevel = clamp(Math.ceil(Math.log2((latMiles * EDGE_CELLS_PER_RADIUS) / Math.max(radiusMiles, 1e-6))), 0, CELL_LEVELS - 1);
  // The coarsest level whose cells are at least as big as the circle: at most four cover it.
  let top = 0;
  while (top < edgeLevel && sizeAt(top + 1).lat >= 2 * dLat && sizeAt(top + 1).lng >= 2 * dLng) top++;

  const inner: string[] = [];
  const edge: string[] = [];
  const visit = (level: number, row: number, col: number) => {
    const size = sizeAt(level);
    const south = row * size.lat - 90;
    const west = col * size.lng - 180;
    const north = south + size.lat;
    const east = west + size.lng;
    // Nothing of the cell within the radius: its nearest point is beyond it. Off to the east or
    // west, that is on the nearer meridian edge, at the latitude where a great circle from the
    // centre meets that meridian at right angles (a little poleward of the centre's).
    const x = clamp(lng, west, east);
    const y = x === lng ? lat : Math.atan(Math.tan(lat * RAD) / Math.cos((x - lng) * RAD)) / RAD;
    if (haversineMiles(lat, lng, clamp(y, south, north), x) > radiusMiles * (1 + 1e-9) + 1e-9) return;
    // Wholly inside: along a parallel or a meridian the distance from the centre has no maximum
    // between a cell's corners, so the corners decide. A little margin, so rounding can only move
    // a listing to the edge, where it is measured, never across the radius.
    const corners = [[south, west], [south, east], [north, west], [north, east]] as const;
    if (corners.every(([y, x]) => haversineMiles(lat, lng, y, x) < radiusMiles * (1 - 1e-9) - 1e-9)) {
      inner.push(cellName(level, row, col));
    } else if (level >= edgeLevel) {
      edge.push(cellName(level, row, col));
    } else {
      for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) visit(level + 1, row * 2 + r, col * 2 + c);
    }
  };
  const size = sizeAt(top);
  for (let row = Math.floor((lat - dLat + 90) / size.lat); row <= Math.floor((lat + dLat + 90) / size.lat); row++) {
    for (let col = Math.floor((lng - dLng + 180) / size.lng); col <= Math.floor((lng + dLng + 180) / size.lng); col++) visit(top, row, col);
  }
  return { inner, edge };
}
