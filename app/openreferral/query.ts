// The API's query strings and path ids, checked. Parameters the UK profile names and we
// support are validated (a bad value is a 400 with a message saying what is wrong); anything
// else in the query string is ignored, as the profile's API expects of a server.
import { z } from "zod";
import type { ServiceFilter } from "../directory/catalogue.server";
import { normalisePostcode, townForPostcode } from "../directory/region";
import { cqcRatingOfSlug, findTaxonomy, findTerm, type KnownTaxonomy, type KnownTerm } from "./taxonomies";
import { isUuid, parseRecordUuid } from "./ids";
import type { CategorySlug, DeliveryMode, OrganisationKind, PaymentRoute } from "../directory/vocabulary";

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 500;
export const MAX_PAGE = 100_000;
/** A day's travel: proximity is in metres, as the profile defines it. */
export const MAX_PROXIMITY_METRES = 200_000;
const METRES_PER_MILE = 1609.344;
const MAX_SEARCH_LENGTH = 200;

export type ParameterError = { parameter: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ParameterError[] };

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const wholeNumber = (name: string, min: number, max: number) =>
  z.preprocess(blank, z.string().regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be a whole number from ${min} to ${max}`).max(max, `${name} must be a whole number from ${min} to ${max}`))
    .optional());

const PagingFields = z.object({
  page: wholeNumber("page", 1, MAX_PAGE),
  per_page: wholeNumber("per_page", 1, MAX_PER_PAGE),
});

// An ISO 8601 date ("2026-11-01") or date and time with a zone ("2026-11-01T09:30:00Z").
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

const ListFields = PagingFields.extend({
  search: z.preprocess(blank, z.string().max(MAX_SEARCH_LENGTH, `search must be ${MAX_SEARCH_LENGTH} characters or fewer`).optional()),
  modified_after: z.preprocess(blank, z.string()
    .regex(ISO_DATE_TIME, "modified_after must be an ISO 8601 date or date-time, like 2026-11-01 or 2026-11-01T09:30:00Z")
    .refine((v) => !Number.isNaN(Date.parse(v)), "modified_after is not a real date")
    .transform((v) => new Date(v).toISOString())
    .optional()),
});

const ServiceFields = ListFields.extend({
  taxonomy_term_id: z.preprocess(blank, z.string().optional()),
  taxonomy_id: z.preprocess(blank, z.string().optional()),
  organization_id: z.preprocess(blank, z.string().optional()),
  postcode: z.preprocess(blank, z.string().max(10, "postcode must be a UK postcode like LS6 3AA").optional()),
  proximity: z.preprocess(blank, z.string()
    .regex(/^\d+(\.\d+)?$/, `proximity must be a number of metres from 1 to ${MAX_PROXIMITY_METRES}`)
    .transform(Number)
    .pipe(z.number().min(1, `proximity must be a number of metres from 1 to ${MAX_PROXIMITY_METRES}`)
      .max(MAX_PROXIMITY_METRES, `proximity must be a number of metres from 1 to ${MAX_PROXIMITY_METRES}`))
    .optional()),
});

const read = (params: URLSearchParams, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, params.get(n)?.trim() ?? undefined]));

function issues(error: z.ZodError): ParameterError[] {
  return error.issues.map((i) => ({ parameter: String(i.path[0] ?? "query"), message: i.message }));
}

export type Paging = { page: number; perPage: number };

export function parsePaging(params: URLSearchParams): Parsed<Paging> {
  const parsed = PagingFields.safeParse(read(params, ["page", "per_page"]));
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  return { ok: true, value: { page: parsed.data.page ?? 1, perPage: parsed.data.per_page ?? DEFAULT_PER_PAGE } };
}

const words = (text: string | undefined) => (text ?? "").split(/\s+/).filter(Boolean).slice(0, 12);

export type OrganisationQuery = Paging & { words: string[]; modifiedSince?: string };

export function parseOrganisationQuery(params: URLSearchParams): Parsed<OrganisationQuery> {
  const parsed = ListFields.safeParse({ ...read(params, ["page", "per_page", "modified_after"]), search: params.get("search") ?? params.get("text") ?? undefined });
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const d = parsed.data;
  return { ok: true, value: { page: d.page ?? 1, perPage: d.per_page ?? DEFAULT_PER_PAGE, words: words(d.search), modifiedSince: d.modified_after } };
}

export type ServiceQuery = Paging & { filter: ServiceFilter };

/** What a term of ours means as a filter on services. */
export function termFilter(term: KnownTerm): ServiceFilter {
  switch (term.taxonomy) {
    case "category": return { categories: [term.slug as CategorySlug] };
    case "delivery": return { deliveryMode: term.slug as DeliveryMode };
    case "payment": return { paymentRoute: term.slug as PaymentRoute };
    case "kind": return { kind: term.slug as OrganisationKind };
    case "vetting":
      return { vetting: ({ "dbs-checked": "dbsChecked", insured: "insured", "safeguarding-trained": "safeguardingTrained" } as const)[term.slug as "insured"] };
    case "cqc-rating": return { cqcRating: cqcRatingOfSlug(term.slug)! };
  }
}

/** Services with any term of the taxonomy: every service has a category, a kind of organisation, ways of delivering and payment routes. */
export function taxonomyFilter(taxonomy: KnownTaxonomy): ServiceFilter {
  if (taxonomy.slug === "cqc-rating") return { cqcRating: "any" };
  if (taxonomy.slug === "vetting") return { vetting: "any" };
  return {};
}

export function parseServiceQuery(params: URLSearchParams): Parsed<ServiceQuery> {
  const parsed = ServiceFields.safeParse({
    ...read(params, ["page", "per_page", "modified_after", "taxonomy_term_id", "taxonomy_id", "organization_id", "postcode", "proximity"]),
    // The profile calls text search `search`; `text` is accepted too, as people guess it.
    search: params.get("search") ?? params.get("text") ?? undefined,
  });
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const d = parsed.data;
  const errors: ParameterError[] = [];
  const filter: ServiceFilter = { words: words(d.search), modifiedSince: d.modified_after };

  if (d.taxonomy_term_id) {
    const term = isUuid(d.taxonomy_term_id) ? findTerm(d.taxonomy_term_id) : null;
    if (!term) errors.push({ parameter: "taxonomy_term_id", message: "taxonomy_term_id must be the id of one of the terms at /openreferral/taxonomy_terms" });
    else Object.assign(filter, termFilter(term));
  }
  if (d.taxonomy_id) {
    const taxonomy = isUuid(d.taxonomy_id) ? findTaxonomy(d.taxonomy_id) : null;
    if (!taxonomy) errors.push({ parameter: "taxonomy_id", message: "taxonomy_id must be the id of one of the taxonomies at /openreferral/taxonomies" });
    else Object.assign(filter, { ...taxonomyFilter(taxonomy), ...filter }); // a term asked for is narrower: it wins
  }
  if (d.organization_id) {
    const ours = parseRecordUuid(d.organization_id);
    if (!ours || ours.kind !== "organization") errors.push({ parameter: "organization_id", message: "organization_id must be the id of one of the organizations at /openreferral/organizations" });
    else filter.organisationId = ours.id;
  }
  if (d.postcode) {
    const postcode = normalisePostcode(d.postcode);
    const town = postcode ? townForPostcode(d.postcode) : null;
    if (!postcode) errors.push({ parameter: "postcode", message: "postcode must be a UK postcode like LS6 3AA, or a postcode district like LS6" });
    else if (!town) errors.push({ parameter: "postcode", message: `we cannot place the postcode district ${postcode.district}: this directory covers Yorkshire and the Humber` });
    // Without proximity, the profile asks for services whose service area covers the postcode.
    else if (d.proximity !== undefined) filter.within = { lat: town.lat, lng: town.lng, miles: d.proximity / METRES_PER_MILE };
    else filter.serving = { lat: town.lat, lng: town.lng };
  } else if (d.proximity !== undefined) {
    errors.push({ parameter: "proximity", message: "proximity needs a postcode to measure from" });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { page: d.page ?? 1, perPage: d.per_page ?? DEFAULT_PER_PAGE, filter } };
}

export type PathId = { ok: true; id: string } | { ok: false; errors: ParameterError[] };

/** A path id must at least be a UUID (400 otherwise); whether it is one of ours is the caller's 404. */
export function parsePathId(raw: string | undefined): PathId {
  if (raw && isUuid(raw)) return { ok: true, id: raw.toLowerCase() };
  return { ok: false, errors: [{ parameter: "id", message: "id must be a UUID, like 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e" }] };
}

export function parseTermQuery(params: URLSearchParams): Parsed<Paging & { taxonomyId: string | null }> {
  const paging = parsePaging(params);
  const raw = params.get("taxonomy_id")?.trim();
  const taxonomy = raw ? (isUuid(raw) ? findTaxonomy(raw) : null) : undefined;
  const errors = [...(paging.ok ? [] : paging.errors)];
  if (taxonomy === null) errors.push({ parameter: "taxonomy_id", message: "taxonomy_id must be the id of one of the taxonomies at /openreferral/taxonomies" });
  if (!paging.ok || errors.length) return { ok: false, errors };
  return { ok: true, value: { ...paging.value, taxonomyId: taxonomy?.hsds.id ?? null } };
}
