// The read-only Open Referral UK API: published listings only, as HSDS 3.0 objects, in the
// profile's paging envelope. Routes parse the request (query.ts) and call these.
import {
  listingsOfOrganisation, pageListings, pageOrganisations, publishedListing, publishedOrganisation,
} from "../directory/catalogue.server";
import { parseRecordUuid } from "./ids";
import {
  HSDS_VERSION, organizationSummary, organizationWithServices, serviceAtLocationFull, serviceAtLocationSummary, serviceFull,
  serviceSummary, UK_PROFILE, type Context,
} from "./mapping";
import type { OrganisationQuery, Paging, ParameterError, ServiceQuery } from "./query";
import { allTerms, findTaxonomy, findTerm, taxonomyList } from "./taxonomies";

export type Page<T> = {
  total_items: number; total_pages: number; page_number: number; size: number;
  first_page: boolean; last_page: boolean; empty: boolean; contents: T[];
};

export function page<T>(contents: T[], total: number, { page, perPage }: Paging): Page<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export const apiInfo = (ctx: Context) => ({
  version: HSDS_VERSION,
  profile: UK_PROFILE,
  openapi_url: `${ctx.origin}/openreferral/openapi.json`,
});

export function listServices(q: ServiceQuery, ctx: Context) {
  const { total, listings } = pageListings(q.filter, q);
  return page(listings.map((l) => serviceSummary(l, ctx)), total, q);
}

const ours = (uuid: string, kind: "service" | "service_at_location" | "organization") => {
  const parsed = parseRecordUuid(uuid);
  return parsed && parsed.kind === kind && parsed.index === 0 ? parsed.id : null;
};

export function getService(uuid: string, ctx: Context) {
  const id = ours(uuid, "service");
  const listing = id === null ? null : publishedListing(id);
  return listing && serviceFull(listing, ctx);
}

export function listServiceAtLocations(q: ServiceQuery, ctx: Context) {
  // Each service is at exactly one location, so the pages are the services' pages.
  const { total, listings } = pageListings(q.filter, q);
  return page(listings.map((l) => serviceAtLocationSummary(l, ctx)), total, q);
}

export function getServiceAtLocation(uuid: string, ctx: Context) {
  const id = ours(uuid, "service_at_location");
  const listing = id === null ? null : publishedListing(id);
  return listing && serviceAtLocationFull(listing, ctx);
}

export function listOrganizations(q: OrganisationQuery, ctx: Context) {
  const { total, organisations } = pageOrganisations({ words: q.words, modifiedSince: q.modifiedSince }, q);
  return page(organisations.map((o) => organizationSummary(o.organisation, ctx)), total, q);
}

export function getOrganization(uuid: string, ctx: Context) {
  const id = ours(uuid, "organization");
  const org = id === null ? null : publishedOrganisation(id);
  return org && organizationWithServices(org, listingsOfOrganisation(org.organisation.id), ctx);
}

const slice = <T>(all: T[], { page: n, perPage }: Paging) => page(all.slice((n - 1) * perPage, n * perPage), all.length, { page: n, perPage });

export const listTaxonomies = (paging: Paging) => slice(taxonomyList.map((t) => t.hsds), paging);
export const getTaxonomy = (uuid: string) => findTaxonomy(uuid)?.hsds ?? null;

export function listTaxonomyTerms(paging: Paging, taxonomyId: string | null) {
  return slice(allTerms.filter((t) => !taxonomyId || t.hsds.taxonomy_id === taxonomyId).map((t) => t.hsds), paging);
}
export const getTaxonomyTerm = (uuid: string) => findTerm(uuid)?.hsds ?? null;

// Every answer is JSON, and open to any web page: this is public data meant for reuse.
const headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" };

export const ok = (body: unknown) => Response.json(body, { headers });
export const badRequest = (errors: ParameterError[]) =>
  Response.json({ status: 400, message: errors.map((e) => e.message).join("; "), errors }, { status: 400, headers });
export const notFound = (what: string) =>
  Response.json({ status: 404, message: `There is no published ${what} with that id.` }, { status: 404, headers });

export const contextOf = (request: Request): Context => ({ origin: new URL(request.url).origin });
