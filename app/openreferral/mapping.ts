// Our listings as Open Referral UK (HSDS 3.0) objects. Field names and shapes follow the UK
// profile's schemas (vendored in /work/shared/openreferral, from OpenReferralUK/uk-profile);
// where the profile has no home for something people need (a phone number, a language's
// name, an organisation's address) we use the core HSDS 3.0 field of the same name, which the
// profile's schemas allow. What is left out, and why: docs/decisions/004-open-referral-mapping.md.
import type { Listing, OrganisationListing } from "../directory/catalogue.server";
import type { OrganisationRow, ServiceRow } from "../directory/listings.server";
import { accessibilityFeatures, days, nameOf, type Day, type PriceUnit } from "../directory/vocabulary";
import { recordUuid } from "./ids";
import { slugify, termOf, type HsdsTaxonomyTerm, type TaxonomySlug } from "./taxonomies";

export const HSDS_VERSION = "3.0";
export const UK_PROFILE = "https://github.com/OpenReferralUK/uk-profile";
export const REGION_NAME = "Yorkshire and the Humber";

export type Context = { origin: string };

/** An organisation's area served has no field of its own in HSDS: it heads its location's description. */
export const AREA_SERVED = "Area served: ";

type Attribute = { id: string; link_id: string; taxonomy_term_id: string; taxonomy_term: HsdsTaxonomyTerm; value?: string };
type Phone = { id: string; number: string; description?: string };
type Address = {
  id: string; location_id: string; address_1: string; city: string; region: string; state_province: string;
  postal_code: string; country: string; address_type: "physical";
};
export type HsdsLocation = {
  id: string; location_type: "physical"; name: string; description?: string; latitude: number; longitude: number;
  addresses?: Address[]; accessibility?: { id: string; location_id: string; description: string }[];
};
export type HsdsOrganizationSummary = { id: string; name: string; description: string; email?: string; website?: string; uri: string };
export type HsdsOrganization = HsdsOrganizationSummary & {
  organization_identifiers: { id: string; organization_id: string; identifier_scheme?: string; identifier_type: string; identifier: string }[];
  attributes: Attribute[];
  phones: Phone[];
  locations: HsdsLocation[];
};
export type HsdsServiceSummary = {
  id: string; organization_id: string; name: string; description: string; url: string; email?: string;
  status: "active"; accreditations?: string; assured_date: string; last_modified: string;
  organization: HsdsOrganizationSummary;
};
export type HsdsService = Omit<HsdsServiceSummary, "organization"> & {
  organization: HsdsOrganization;
  schedules: {
    id: string; service_id: string; freq: "WEEKLY"; interval: number; byday: string; opens_at: string; closes_at: string; description: string;
  }[];
  service_areas: { id: string; service_id: string; name: string; extent: string; extent_type: "geojson" }[];
  service_at_locations: { id: string; service_id: string; location_id: string; location: HsdsLocation }[];
  languages: { id: string; service_id: string; name: string; code?: string }[];
  cost_options: { id: string; service_id: string; amount: number; amount_description: string }[];
  contacts: { id: string; service_id: string; name: string; title: string; email?: string; phones: (Phone & { contact_id: string })[] }[];
  attributes: Attribute[];
};

export const serviceUuid = (id: number) => recordUuid("service", id);
export const organizationUuid = (id: number) => recordUuid("organization", id);
export const serviceAtLocationUuid = (serviceId: number) => recordUuid("service_at_location", serviceId);

// ISO 639-1 where there is one; British Sign Language only has an ISO 639-3 code.
export const languageCodes: Record<string, string> = {
  English: "en", Urdu: "ur", Punjabi: "pa", Polish: "pl", Bengali: "bn", Arabic: "ar", Gujarati: "gu", Romanian: "ro",
  "British Sign Language": "bfi",
};

export const rruleDays: Record<Day, string> = { mon: "MO", tue: "TU", wed: "WE", thu: "TH", fri: "FR", sat: "SA", sun: "SU" };

// Cost options carry the unit in words; the importer reads the same words back.
export const unitDescriptions: Record<PriceUnit, string> = {
  hour: "per hour", session: "per session", day: "per day", week: "per week", item: "each", free: "free",
};

const orNothing = <K extends string>(key: K, value: string | null) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

export const lastModified = (s: ServiceRow, o: OrganisationRow) =>
  [s.updatedAt, o.updatedAt, o.cqcCheckedAt ?? ""].reduce((a, b) => (b > a ? b : a));

function attribute(id: string, linkId: string, taxonomy: TaxonomySlug, slug: string, value?: string): Attribute {
  const term = termOf(taxonomy, slug).hsds;
  return { id, link_id: linkId, taxonomy_term_id: term.id, taxonomy_term: term, ...(value ? { value } : {}) };
}

export function organizationSummary(o: OrganisationRow, ctx: Context): HsdsOrganizationSummary {
  return {
    id: organizationUuid(o.id),
    name: o.name,
    description: o.description,
    ...orNothing("email", o.email),
    ...orNothing("website", o.website),
    uri: `${ctx.origin}/organisations/${o.id}`,
  };
}

// Schemes from org-id.guide where there is one; each kind of identifier keeps its own slot, so its id never changes.
export const identifierKinds = [
  { key: "cqcLocationId", type: "CQC location ID", scheme: undefined },
  { key: "charityNumber", type: "Charity number", scheme: "GB-CHC" },
  { key: "companyNumber", type: "Company number", scheme: "GB-COH" },
] as const;

function identifiers(o: OrganisationRow): HsdsOrganization["organization_identifiers"] {
  return identifierKinds.flatMap(({ key, type, scheme }, slot) => {
    const value = o[key];
    if (!value) return [];
    return [{
      id: recordUuid("organization_identifier", o.id, slot), organization_id: organizationUuid(o.id),
      ...(scheme ? { identifier_scheme: scheme } : {}), identifier_type: type, identifier: value,
    }];
  });
}

export function organizationFull({ organisation: o, townName, areaName }: OrganisationListing, ctx: Context): HsdsOrganization {
  const id = organizationUuid(o.id);
  const facts: [TaxonomySlug, string, string?][] = [["kind", o.kind]];
  if (o.dbsChecked) facts.push(["vetting", "dbs-checked"]);
  if (o.insured) facts.push(["vetting", "insured"]);
  if (o.safeguardingTrained) facts.push(["vetting", "safeguarding-trained"]);
  if (o.cqcRating) facts.push(["cqc-rating", slugify(o.cqcRating), o.cqcRatingDate ?? undefined]);
  const locationId = recordUuid("organization_location", o.id);
  return {
    ...organizationSummary(o, ctx),
    organization_identifiers: identifiers(o),
    attributes: facts.map(([taxonomy, slug, value], i) => attribute(recordUuid("organization_attribute", o.id, i), id, taxonomy, slug, value)),
    phones: o.phone ? [{ id: recordUuid("organization_phone", o.id), number: o.phone }] : [],
    locations: [{
      id: locationId,
      location_type: "physical",
      name: o.name,
      description: `${AREA_SERVED}${o.areaServed}`,
      latitude: o.lat,
      longitude: o.lng,
      ...(o.postcode ? {
        addresses: [{
          id: recordUuid("organization_address", o.id), location_id: locationId, address_1: o.addressLine ?? townName, city: townName,
          region: REGION_NAME, state_province: areaName, postal_code: o.postcode, country: "GB", address_type: "physical" as const,
        }],
      } : {}),
    }],
  };
}

export function serviceSummary({ service: s, organisation: o }: Listing, ctx: Context): HsdsServiceSummary {
  return {
    id: serviceUuid(s.id),
    organization_id: organizationUuid(o.id),
    name: s.name,
    description: s.description,
    url: `${ctx.origin}/services/${s.id}`,
    ...orNothing("email", o.email),
    status: "active",
    ...orNothing("accreditations", o.cqcRating ? `CQC rating: ${o.cqcRating}${o.cqcRatingDate ? ` (${o.cqcRatingDate})` : ""}` : null),
    assured_date: s.updatedAt.slice(0, 10),
    last_modified: lastModified(s, o),
    organization: organizationSummary(o, ctx),
  };
}

/** Where the service is based: its town and postcode (we hold no street for a service). */
export function serviceLocation({ service: s, organisation: o, townName, areaName }: Listing): HsdsLocation {
  const id = recordUuid("location", s.id);
  return {
    id,
    location_type: "physical",
    name: townName,
    latitude: s.lat,
    longitude: s.lng,
    ...(s.postcode ? {
      addresses: [{
        id: recordUuid("address", s.id), location_id: id,
        // The organisation's street is only the service's when they share a postcode.
        address_1: s.postcode === o.postcode && o.addressLine ? o.addressLine : townName,
        city: townName, region: REGION_NAME, state_province: areaName, postal_code: s.postcode, country: "GB", address_type: "physical" as const,
      }],
    } : {}),
    accessibility: s.accessibility.map((a, i) => ({ id: recordUuid("accessibility", s.id, i), location_id: id, description: nameOf(accessibilityFeatures, a) })),
  };
}

export const locationSummary = (l: HsdsLocation) =>
  ({ id: l.id, location_type: l.location_type, name: l.name, latitude: l.latitude, longitude: l.longitude });

const dayList = (slugs: Day[]) => {
  const names = slugs.map((d) => nameOf(days, d));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
};

function schedules(s: ServiceRow): HsdsService["schedules"] {
  // One weekly rule per opening time, as RFC 5545 does: "MO,WE 10:00-12:00".
  const byTimes = new Map<string, Day[]>();
  for (const d of days) {
    const slot = s.availability.find((a) => a.day === d.slug);
    if (!slot) continue;
    const key = `${slot.from}-${slot.to}`;
    byTimes.set(key, [...(byTimes.get(key) ?? []), d.slug]);
  }
  return [...byTimes].map(([times, ds], i) => {
    const [opens, closes] = times.split("-") as [string, string];
    return {
      id: recordUuid("schedule", s.id, i), service_id: serviceUuid(s.id), freq: "WEEKLY", interval: 1,
      byday: ds.map((d) => rruleDays[d]).join(","), opens_at: opens, closes_at: closes,
      description: `${dayList(ds)}, ${opens} to ${closes}`,
    };
  });
}

export function serviceFull(listing: Listing, ctx: Context): HsdsService {
  const { service: s, organisation: o, townName, areaName } = listing;
  const id = serviceUuid(s.id);
  const location = serviceLocation(listing);
  const terms: [TaxonomySlug, string][] = [
    ["category", s.categorySlug],
    ...s.deliveryModes.map((m) => ["delivery", m] as [TaxonomySlug, string]),
    ...s.paymentRoutes.map((p) => ["payment", p] as [TaxonomySlug, string]),
  ];
  const contactId = recordUuid("contact", s.id);
  return {
    ...serviceSummary(listing, ctx),
    organization: organizationFull({ organisation: o, townName: listing.organisationTownName, areaName: listing.organisationAreaName }, ctx),
    schedules: schedules(s),
    service_areas: [{
      id: recordUuid("service_area", s.id), service_id: id, name: `Up to ${s.radiusMiles} miles from ${townName} (${areaName})`,
      extent: JSON.stringify({ type: "Feature", geometry: { type: "Point", coordinates: [s.lng, s.lat] }, properties: { radius_miles: s.radiusMiles } }),
      extent_type: "geojson",
    }],
    service_at_locations: [{ id: serviceAtLocationUuid(s.id), service_id: id, location_id: location.id, location }],
    languages: s.languages.map((name, i) => ({
      id: recordUuid("language", s.id, i), service_id: id, name, ...orNothing("code", languageCodes[name] ?? null),
    })),
    cost_options: [{
      id: recordUuid("cost_option", s.id), service_id: id,
      amount: s.priceUnit === "free" ? 0 : s.pricePence / 100,
      amount_description: s.priceUnit === "free" || s.pricePence === 0 ? unitDescriptions.free : unitDescriptions[s.priceUnit],
    }],
    contacts: o.phone || o.email ? [{
      id: contactId, service_id: id, name: o.name, title: "General enquiries", ...orNothing("email", o.email),
      phones: o.phone ? [{ id: recordUuid("phone", s.id), contact_id: contactId, number: o.phone }] : [],
    }] : [],
    attributes: terms.map(([taxonomy, slug], i) => attribute(recordUuid("attribute", s.id, i), id, taxonomy, slug)),
  };
}

export function serviceAtLocationSummary(listing: Listing, ctx: Context) {
  const location = serviceLocation(listing);
  return {
    id: serviceAtLocationUuid(listing.service.id),
    service_id: serviceUuid(listing.service.id),
    location_id: location.id,
    location: locationSummary(location),
    service: serviceSummary(listing, ctx),
  };
}

export function serviceAtLocationFull(listing: Listing, ctx: Context) {
  const { service_at_locations: [sal], ...service } = serviceFull(listing, ctx);
  return { id: sal!.id, service_id: sal!.service_id, location_id: sal!.location_id, location: sal!.location, service };
}

export function organizationWithServices(org: OrganisationListing, listings: Listing[], ctx: Context) {
  return {
    ...organizationFull(org, ctx),
    // Each service's organisation is the one it is nested in, so it is not repeated.
    services: listings.map((l) => {
      const { organization: _organization, ...service } = serviceFull(l, ctx);
      return service;
    }),
  };
}
