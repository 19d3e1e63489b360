// The search page's query string: what a person (or a shared link) asked for, checked.
// Mistakes a person must fix (a postcode we cannot read, a page that is not a number) become
// field errors; values we do not recognise (an old link's category) are dropped with a notice.
import { z } from "zod";
import type { SearchFilters, SortOrder } from "../../search/port";
import { findArea, findTown, normalisePostcode, townForPostcode } from "./region";
import {
  accessibilityFeatures, categories, days, deliveryModes, nameOf, organisationKinds, paymentRoutes, priceBands, type Slugged,
} from "./vocabulary";

export const MAX_QUERY_LENGTH = 200;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const RADIUS_CHOICES = [1, 3, 5, 10, 15, 25, 50] as const;
export const DEFAULT_RADIUS = 10;
/** "Rated N stars and up": the listing's review score (app/reviews/score.ts) at least N. */
export const STAR_CHOICES = ["4", "3"] as const;

export type Location = { label: string; lat: number; lng: number; town: string; area: string; postcode: string | null };

export type SearchInput = {
  text: string;
  filters: SearchFilters;
  location: Location | null;
  radiusMiles: number;
  sort: SortOrder;
  page: number;
};

/** The raw values, echoed back into the form so nothing typed is lost. */
export type SearchFormValues = Record<string, string | string[]>;

export type ParsedSearch =
  | { ok: true; input: SearchInput; notices: string[]; values: SearchFormValues }
  | { ok: false; errors: Record<string, string>; notices: string[]; values: SearchFormValues };

const single = ["q", "near", "postcode", "radius", "sort", "page", "category", "area", "price", "free", "kind", "group", "stars"] as const;
const multi = ["delivery", "day", "access", "pay"] as const;

// An empty box in a submitted form means "not given", not zero.
const blank = (v: unknown) => (v === "" ? undefined : v);

const Fields = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `Search words must be ${MAX_QUERY_LENGTH} characters or fewer`),
  radius: z.preprocess(blank, z.coerce.number({ error: "Distance must be a number of miles" })
    .int("Distance must be a whole number of miles")
    .min(1, "Distance must be at least 1 mile")
    .max(100, "Distance must be 100 miles or less")
    .default(DEFAULT_RADIUS)),
  page: z.preprocess(blank, z.coerce.number({ error: "Page must be a number" })
    .int("Page must be a whole number")
    .min(1, "Page must be 1 or more")
    .max(MAX_PAGE, `Page must be ${MAX_PAGE} or less`)
    .default(1)),
});

export function parseSearchParams(params: URLSearchParams): ParsedSearch {
  const values: SearchFormValues = {};
  for (const key of single) values[key] = (params.get(key) ?? "").trim();
  for (const key of multi) values[key] = params.getAll(key).map((v) => v.trim()).filter(Boolean);
  const get = (key: (typeof single)[number]) => values[key] as string;
  const notices: string[] = [];
  const errors: Record<string, string> = {};

  const fields = Fields.safeParse({ q: get("q"), radius: get("radius"), page: get("page") });
  if (!fields.success) {
    for (const issue of fields.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }

  // Where: a postcode (if given) wins over a town.
  let location: Location | null = null;
  const postcode = get("postcode");
  if (postcode) {
    const pc = normalisePostcode(postcode);
    const town = townForPostcode(postcode);
    if (!pc) errors.postcode = "Enter a postcode like LS6 3AA, or choose a town instead";
    else if (!town) errors.postcode = `We cannot place ${pc.district} on the map yet: choose a town instead`;
    else location = { label: pc.full, lat: town.lat, lng: town.lng, town: town.slug, area: town.area.slug, postcode: pc.full };
  } else if (get("near")) {
    const town = findTown(get("near"));
    if (town) location = { label: town.name, lat: town.lat, lng: town.lng, town: town.slug, area: town.area.slug, postcode: null };
    else notices.push(`We do not know the town “${clip(get("near"))}”, so results are not limited by distance.`);
  }

  const known = (key: (typeof single)[number], list: readonly Slugged[], what: string) => {
    const v = get(key);
    if (!v) return undefined;
    if (list.some((x) => x.slug === v)) return v;
    notices.push(`We ignored the ${what} “${clip(v)}”, which we do not recognise.`);
    return undefined;
  };
  const knownAll = (key: (typeof multi)[number], list: readonly Slugged[], what: string) => {
    const vs = values[key] as string[];
    const good = [...new Set(vs.filter((v) => list.some((x) => x.slug === v)))];
    for (const v of vs.filter((v) => !good.includes(v))) notices.push(`We ignored the ${what} “${clip(v)}”, which we do not recognise.`);
    return good.length ? good : undefined;
  };
  const areaSlug = get("area");
  const area = areaSlug && findArea(areaSlug) ? areaSlug : undefined;
  if (areaSlug && !area) notices.push(`We ignored the council area “${clip(areaSlug)}”, which we do not recognise.`);

  const stars = get("stars");
  const knownStars = (STAR_CHOICES as readonly string[]).includes(stars);
  if (stars && !knownStars) notices.push(`We ignored the review rating “${clip(stars)}”, which we do not recognise.`);

  const filters: SearchFilters = {
    category: known("category", categories, "category") as SearchFilters["category"],
    area,
    priceBand: known("price", priceBands, "price band") as SearchFilters["priceBand"],
    free: get("free") === "1" || get("free") === "true" ? true : undefined,
    groupOffer: get("group") === "1" ? true : undefined,
    minRating: knownStars ? Number(stars) : undefined,
    kind: known("kind", organisationKinds, "kind of organisation") as SearchFilters["kind"],
    delivery: knownAll("delivery", deliveryModes, "way of delivering") as SearchFilters["delivery"],
    days: knownAll("day", days, "day") as SearchFilters["days"],
    accessibility: knownAll("access", accessibilityFeatures, "accessibility feature") as SearchFilters["accessibility"],
    payment: knownAll("pay", paymentRoutes, "payment route") as SearchFilters["payment"],
  };
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) if (filters[key] === undefined) delete filters[key];

  let sort: SortOrder = location ? "distance" : "relevance";
  const askedSort = get("sort");
  if (askedSort === "relevance" || askedSort === "price" || askedSort === "rating") sort = askedSort;
  else if (askedSort === "distance") {
    if (!location) notices.push("Choose a town or postcode to sort by distance; we sorted by best match instead.");
  } else if (askedSort) notices.push(`We ignored the sort order “${clip(askedSort)}”, which we do not recognise.`);

  if (Object.keys(errors).length > 0) return { ok: false, errors, notices, values };
  const data = fields.data!;
  return {
    ok: true,
    notices,
    values,
    input: {
      text: data.q,
      filters,
      location,
      radiusMiles: data.radius,
      sort,
      page: data.page,
    },
  };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** The query string for a search, with some values changed: used by facet links, sort and paging. */
export function searchHref(values: SearchFormValues, changes: Record<string, string | string[] | null> = {}): string {
  const params = new URLSearchParams();
  const merged = { ...values, ...changes };
  if (!("page" in changes)) delete merged.page; // any other change starts again at page 1
  for (const [key, value] of Object.entries(merged)) {
    if (value === null || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== "") params.append(key, v);
  }
  const qs = params.toString();
  return qs ? `/search?${qs}` : "/search";
}

/** Human labels for the active filters, each with the link that removes it. */
export function activeFilters(values: SearchFormValues, input: SearchInput): { label: string; removeHref: string }[] {
  const out: { label: string; removeHref: string }[] = [];
  const f = input.filters;
  if (f.category) out.push({ label: nameOf(categories, f.category), removeHref: searchHref(values, { category: null }) });
  if (f.area) out.push({ label: `${findArea(f.area)?.name ?? f.area} council area`, removeHref: searchHref(values, { area: null }) });
  if (f.priceBand) out.push({ label: nameOf(priceBands, f.priceBand), removeHref: searchHref(values, { price: null }) });
  if (f.free) out.push({ label: "Free only", removeHref: searchHref(values, { free: null }) });
  if (f.groupOffer) out.push({ label: "Open group offer", removeHref: searchHref(values, { group: null }) });
  if (f.minRating !== undefined) out.push({ label: `Rated ${f.minRating} stars and up`, removeHref: searchHref(values, { stars: null }) });
  if (f.kind) out.push({ label: nameOf(organisationKinds, f.kind), removeHref: searchHref(values, { kind: null }) });
  const many = [
    ["delivery", deliveryModes, f.delivery],
    ["day", days, f.days],
    ["access", accessibilityFeatures, f.accessibility],
    ["pay", paymentRoutes, f.payment],
  ] as const;
  for (const [key, list, chosen] of many) {
    for (const v of chosen ?? []) {
      out.push({
        label: nameOf(list, v),
        removeHref: searchHref(values, { [key]: (values[key] as string[]).filter((x) => x !== v) }),
      });
    }
  }
  return out;
}
