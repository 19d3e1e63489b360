// 200 representative searches, the same on every run: words people type (some with typos),
// a town and a distance most of the time, and a filter or two.
import { towns } from "../../app/directory/region";
import { accessibilityFeatures, categories, days, deliveryModes, paymentRoutes } from "../../app/directory/vocabulary";
import type { SearchRequest } from "../../search/port";
import { randomSource } from "../../seeds/generate";

const phrases = ["befriending", "befrending", "home care", "personal care", "day centre", "art group", "cleaning",
  "shopping help", "transport", "minibus", "advocacy", "advocasy", "short breaks", "respite", "peer support", "carers",
  "dementia", "autism", "job coach", "gardening", "swimming", "counselling", "telecare alarm", "direct payment support",
  "payroll", "tenancy support", "chair exercise", "music", "dance", "lunch club", "wheelchair taxi",
  "learning disabilities", "mental health", "cookery", "walks", "support", "help at home", "overnight", "live-in care",
  "first aid course"];

export type BenchQuery = { request: SearchRequest; url: string };

export function representativeQueries(count = 200, seed = 2026): BenchQuery[] {
  const r = randomSource(seed);
  return Array.from({ length: count }, () => {
    const params = new URLSearchParams();
    const request: SearchRequest = { text: r.pick(phrases), filters: {}, sort: "relevance", page: 1, pageSize: 20 };
    params.set("q", request.text);
    if (r.chance(0.85)) {
      const town = r.pick(towns);
      const radiusMiles = r.pick([3, 5, 10, 15, 25]);
      request.near = { lat: town.lat, lng: town.lng, radiusMiles };
      request.sort = r.chance(0.6) ? "distance" : "relevance";
      params.set("near", town.slug);
      params.set("radius", String(radiusMiles));
      params.set("sort", request.sort);
    }
    if (r.chance(0.3)) { const v = r.pick(deliveryModes).slug; request.filters.delivery = [v]; params.append("delivery", v); }
    if (r.chance(0.25)) { const v = r.pick(days).slug; request.filters.days = [v]; params.append("day", v); }
    if (r.chance(0.25)) { const v = r.pick(paymentRoutes).slug; request.filters.payment = [v]; params.append("pay", v); }
    if (r.chance(0.1)) { const v = r.pick(accessibilityFeatures).slug; request.filters.accessibility = [v]; params.append("access", v); }
    if (r.chance(0.1)) { request.filters.free = true; params.set("free", "1"); }
    if (r.chance(0.1)) { const v = r.pick(categories).slug; request.filters.category = v; params.set("category", v); }
    if (r.chance(0.1)) { request.sort = "price"; params.set("sort", "price"); }
    return { request, url: `/search?${params}` };
  });
}

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]! };
}
