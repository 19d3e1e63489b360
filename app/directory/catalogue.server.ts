// The published directory in bulk: paged, filtered reads for the Open Referral API and the
// printable area booklet, and the lookups that let imports find what they already hold. Writes
// stay in listings.server.ts, so every change still reaches the search outbox.
import { aliasedTable, and, asc, count, eq, gte, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "../../db/client";
import { categories, localAuthorities, organisations, services, towns } from "../../db/schema";
import type { OrganisationRow, ServiceRow } from "./listings.server";
import type { CategorySlug, CqcRating, DeliveryMode, OrganisationKind, PaymentRoute } from "./vocabulary";

export type VettingFact = "dbsChecked" | "insured" | "safeguardingTrained";

export type ServiceFilter = {
  /** Every word must appear in the service's name or description, or its organisation's name. */
  words?: string[];
  categories?: CategorySlug[];
  deliveryMode?: DeliveryMode;
  paymentRoute?: PaymentRoute;
  kind?: OrganisationKind;
  /** A check the organisation has passed, or "any" for at least one of them. */
  vetting?: VettingFact | "any";
  /** A rating, or "any" for services whose organisation has one. */
  cqcRating?: CqcRating | "any";
  area?: string;
  town?: string;
  organisationId?: number;
  /** The service is based within this many miles of the point. */
  within?: { lat: number; lng: number; miles: number };
  /** The point is inside the area the service covers (its radius from where it is based). */
  serving?: { lat: number; lng: number };
  /** Changed (the service, its organisation or its CQC facts) at or after this ISO time. */
  modifiedSince?: string;
};

export type Listing = {
  service: ServiceRow;
  organisation: OrganisationRow;
  townName: string;
  areaSlug: string;
  areaName: string;
  organisationTownName: string;
  organisationAreaName: string;
};

const orgTowns = aliasedTable(towns, "organisation_towns");
const orgAreas = aliasedTable(localAuthorities, "organisation_areas");

const listingQuery = () =>
  db.select({
    service: services,
    organisation: organisations,
    townName: towns.name,
    areaSlug: localAuthorities.slug,
    areaName: localAuthorities.name,
    organisationTownName: orgTowns.name,
    organisationAreaName: orgAreas.name,
    categoryName: categories.name,
  })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .innerJoin(orgTowns, eq(orgTowns.slug, organisations.townSlug))
    .innerJoin(orgAreas, eq(orgAreas.slug, orgTowns.areaSlug))
    .innerJoin(categories, eq(categories.slug, services.categorySlug));

const published = and(eq(services.status, "published"), eq(organisations.status, "published"))!;

/** When a listing last changed in any way another directory can see. */
export const lastModifiedSql = sql<string>`max(${services.updatedAt}, ${organisations.updatedAt}, coalesce(${organisations.cqcCheckedAt}, ''))`;

/** Great-circle miles from a point to a row's coordinates (SQLite's math functions). */
const milesFrom = (lat: number, lng: number) => sql<number>`(7917.6 * asin(min(1, sqrt(
  power(sin(radians(${services.lat} - ${lat}) / 2), 2)
  + cos(radians(${lat})) * cos(radians(${services.lat})) * power(sin(radians(${services.lng} - ${lng}) / 2), 2)))))`;

const escapeLike = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const contains = (column: SQL, word: string) => sql`${column} LIKE ${escapeLike(word)} ESCAPE '\\'`;
const jsonHas = (column: typeof services.deliveryModes | typeof services.paymentRoutes, value: string) =>
  sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ${value})`;

function conditions(f: ServiceFilter): SQL[] {
  const where: SQL[] = [published];
  for (const word of f.words ?? []) {
    where.push(or(contains(sql`${services.name}`, word), contains(sql`${services.description}`, word), contains(sql`${organisations.name}`, word))!);
  }
  if (f.categories?.length) where.push(inArray(services.categorySlug, f.categories));
  if (f.deliveryMode) where.push(jsonHas(services.deliveryModes, f.deliveryMode));
  if (f.paymentRoute) where.push(jsonHas(services.paymentRoutes, f.paymentRoute));
  if (f.kind) where.push(eq(organisations.kind, f.kind));
  if (f.vetting === "any") where.push(or(eq(organisations.dbsChecked, true), eq(organisations.insured, true), eq(organisations.safeguardingTrained, true))!);
  else if (f.vetting) where.push(eq(organisations[f.vetting], true));
  if (f.cqcRating) where.push(f.cqcRating === "any" ? isNotNull(organisations.cqcRating) : eq(organisations.cqcRating, f.cqcRating));
  if (f.area) where.push(eq(localAuthorities.slug, f.area));
  if (f.town) where.push(eq(services.townSlug, f.town));
  if (f.organisationId !== undefined) where.push(eq(services.organisationId, f.organisationId));
  if (f.within) where.push(sql`${milesFrom(f.within.lat, f.within.lng)} <= ${f.within.miles}`);
  if (f.serving) where.push(sql`${milesFrom(f.serving.lat, f.serving.lng)} <= ${services.radiusMiles}`);
  if (f.modifiedSince) where.push(gte(lastModifiedSql, f.modifiedSince));
  return where;
}

export type Paging = { page: number; perPage: number };

/** One page of published services matching the filter: nearest first when a point is given, else in id order. */
export function pageListings(filter: ServiceFilter, { page, perPage }: Paging): { total: number; listings: Listing[] } {
  const where = and(...conditions(filter));
  const total = db.select({ n: count() }).from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .where(where).get()?.n ?? 0;
  const point = filter.within ?? filter.serving;
  const order = point ? [asc(milesFrom(point.lat, point.lng)), asc(services.id)] : [asc(services.id)];
  const listings = total === 0 ? [] : listingQuery().where(where).orderBy(...order).limit(perPage).offset((page - 1) * perPage).all();
  return { total, listings };
}

/** A published service with everything another directory needs about it; null when it is not public. */
export function publishedListing(id: number): Listing | null {
  return listingQuery().where(and(published, eq(services.id, id))).get() ?? null;
}

export const MAX_SERVICES_PER_ORGANISATION = 500;

/** An organisation's published services (at most MAX_SERVICES_PER_ORGANISATION), in id order. */
export function listingsOfOrganisation(organisationId: number): Listing[] {
  return listingQuery().where(and(published, eq(services.organisationId, organisationId)))
    .orderBy(asc(services.id)).limit(MAX_SERVICES_PER_ORGANISATION).all();
}

export type OrganisationListing = { organisation: OrganisationRow; townName: string; areaName: string };

const organisationQuery = () =>
  db.select({ organisation: organisations, townName: towns.name, areaName: localAuthorities.name })
    .from(organisations)
    .innerJoin(towns, eq(towns.slug, organisations.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug));

export function pageOrganisations(
  filter: { words?: string[]; modifiedSince?: string }, { page, perPage }: Paging,
): { total: number; organisations: OrganisationListing[] } {
  const where = and(
    eq(organisations.status, "published"),
    ...(filter.words ?? []).map((w) => or(contains(sql`${organisations.name}`, w), contains(sql`${organisations.description}`, w))!),
    filter.modifiedSince ? gte(sql`max(${organisations.updatedAt}, coalesce(${organisations.cqcCheckedAt}, ''))`, filter.modifiedSince) : undefined,
  );
  const total = db.select({ n: count() }).from(organisations).where(where).get()?.n ?? 0;
  const list = total === 0 ? [] : organisationQuery().where(where).orderBy(asc(organisations.id))
    .limit(perPage).offset((page - 1) * perPage).all();
  return { total, organisations: list };
}

export function publishedOrganisation(id: number): OrganisationListing | null {
  return organisationQuery().where(and(eq(organisations.status, "published"), eq(organisations.id, id))).get() ?? null;
}

export const BOOKLET_LIMIT = 600;

/**
 * The published services of one council area (optionally one town, some categories) for the
 * printed booklet: by category in the taxonomy's order, then town, then name. At most `limit`.
 */
export function bookletListings(
  { area, town, categorySlugs }: { area: string; town?: string; categorySlugs?: CategorySlug[] }, limit = BOOKLET_LIMIT,
): { total: number; listings: (Listing & { categoryName: string })[] } {
  const where = and(...conditions({ area, town, categories: categorySlugs }));
  const total = db.select({ n: count() }).from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .where(where).get()?.n ?? 0;
  const rows = listingQuery()
    .where(where)
    .orderBy(asc(categories.position), asc(towns.name), asc(services.name), asc(services.id))
    .limit(limit)
    .all();
  return { total, listings: rows };
}

// Lookups for imports: what we already hold under another directory's ids or CQC's.

export function organisationIdByExternalId(externalId: string): number | null {
  return db.select({ id: organisations.id }).from(organisations).where(eq(organisations.externalId, externalId)).get()?.id ?? null;
}

export function serviceByExternalId(externalId: string): { id: number; organisationId: number; status: ServiceRow["status"] } | null {
  return db.select({ id: services.id, organisationId: services.organisationId, status: services.status })
    .from(services).where(eq(services.externalId, externalId)).get() ?? null;
}

export type CqcCandidate = Pick<OrganisationRow, "id" | "name" | "postcode" | "cqcLocationId" | "updatedAt">;

/** Organisations that might be these CQC locations: by location id, or at one of these postcodes. */
export function cqcCandidates(locationIds: string[], postcodes: string[]): CqcCandidate[] {
  if (locationIds.length === 0 && postcodes.length === 0) return [];
  const columns = {
    id: organisations.id, name: organisations.name, postcode: organisations.postcode, cqcLocationId: organisations.cqcLocationId,
    updatedAt: organisations.updatedAt,
  };
  const found = new Map<number, CqcCandidate>();
  for (let i = 0; i < locationIds.length; i += 500) {
    for (const row of db.select(columns).from(organisations).where(inArray(organisations.cqcLocationId, locationIds.slice(i, i + 500))).all()) found.set(row.id, row);
  }
  for (let i = 0; i < postcodes.length; i += 500) {
    for (const row of db.select(columns).from(organisations).where(inArray(organisations.postcode, postcodes.slice(i, i + 500))).all()) found.set(row.id, row);
  }
  return [...found.values()];
}
