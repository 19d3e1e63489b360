// Reading an HSDS 3.0 service (as /openreferral/services/{id} returns it, ours or another
// directory's) into the organisation and service Weave would store. Each record is checked
// with zod; anything we cannot store faithfully is refused with a reason a person can act on,
// never guessed. What is read back from where: docs/decisions/004-open-referral-mapping.md.
import { z } from "zod";
import type { Availability, organisations } from "../../db/schema";
import type { NewService } from "../directory/listings.server";
import { findTown, normalisePostcode, townForPostcode, type PlacedTown } from "../directory/region";
import {
  accessibilityFeatures, cqcRatings, days, type AccessibilityFeature, type CategorySlug, type CqcRating, type DeliveryMode,
  type OrganisationKind, type PaymentRoute, type PriceUnit,
} from "../directory/vocabulary";
import { AREA_SERVED, languageCodes, rruleDays } from "./mapping";
import { cqcRatingOfSlug, recogniseTerm, slugify, type TaxonomySlug } from "./taxonomies";

const text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);
const id = z.guid("is not a UUID");
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

const Term = z.object({ id: optional(z.string()), name: optional(z.string()), term: optional(z.string()) });
const Attribute = z.object({ taxonomy_term_id: optional(z.string()), taxonomy_term: optional(Term), value: optional(z.string()) });
const Phone = z.object({ number: text(40).min(3, "is too short to be a phone number") });
const Address = z.object({
  address_1: optional(text(200)), city: optional(text(100)), state_province: optional(text(100)), postal_code: optional(text(20)),
});
const Location = z.object({
  location_type: optional(z.enum(["physical", "postal", "virtual"])),
  description: optional(text(2000)),
  latitude: optional(z.number().min(-90, "is not a latitude").max(90, "is not a latitude")),
  longitude: optional(z.number().min(-180, "is not a longitude").max(180, "is not a longitude")),
  addresses: optional(z.array(Address).max(20)),
  accessibility: optional(z.array(z.object({ description: optional(text(500)), accessibility: optional(text(500)) })).max(50)),
});

const Organization = z.object({
  id,
  name: text(200).min(1, "is empty"),
  description: optional(text(5000)),
  email: optional(z.email("is not an email address").max(200)),
  website: optional(z.url({ protocol: /^https?$/, error: "is not a web address" }).max(500)),
  organization_identifiers: optional(z.array(z.object({
    identifier_scheme: optional(z.string()), identifier_type: optional(z.string()), identifier: text(50).min(1),
  })).max(20)),
  attributes: optional(z.array(Attribute).max(100)),
  phones: optional(z.array(Phone).max(20)),
  locations: optional(z.array(Location).max(50)),
});

export const HsdsServiceInput = z.object({
  id,
  name: text(200).min(1, "is empty"),
  description: optional(text(5000)),
  status: z.enum(["active", "inactive", "defunct", "temporarily closed"], "must be active, inactive, defunct or temporarily closed"),
  fees: optional(text(500)),
  assured_date: optional(z.iso.date("is not a date like 2026-03-01")),
  last_modified: optional(z.iso.datetime({ offset: true, error: "is not a date and time" })),
  organization: Organization,
  schedules: optional(z.array(z.object({
    freq: optional(z.string()), byday: optional(z.string()), opens_at: optional(z.string()), closes_at: optional(z.string()),
  })).max(50)),
  service_areas: optional(z.array(z.object({ extent: optional(z.string().max(100_000)), extent_type: optional(z.string()) })).max(20)),
  service_at_locations: optional(z.array(z.object({ location: optional(Location) })).max(50)),
  languages: optional(z.array(z.object({ name: optional(text(60)), code: optional(text(10)) })).max(50)),
  cost_options: optional(z.array(z.object({
    amount: optional(z.number().min(0, "is negative").max(100_000, "is more than £100,000")),
    amount_description: optional(text(200)), option: optional(text(500)),
  })).max(20)),
  contacts: optional(z.array(z.object({ email: optional(z.email("is not an email address")), phones: optional(z.array(Phone).max(20)) })).max(20)),
  attributes: optional(z.array(Attribute).max(100)),
});
export type HsdsServiceInput = z.infer<typeof HsdsServiceInput>;

export type OrganisationValues = Omit<typeof organisations.$inferInsert, "id" | "createdAt" | "status"> & { externalId: string };
export type ServiceValues = Omit<NewService, "id" | "organisationId" | "createdAt" | "status"> & { externalId: string };

export type Converted =
  | { ok: true; active: boolean; organisation: OrganisationValues; service: ServiceValues }
  | { ok: false; id: string | null; name: string | null; reason: string };

type Place = { town: PlacedTown; postcode: string | null; lat: number; lng: number; addressLine: string | null };

/** Where a location is, in our region: by postcode district, else by town name. */
function placeOf(location: z.infer<typeof Location> | undefined): Place | null {
  if (!location) return null;
  for (const address of location.addresses ?? []) {
    const postcode = address.postal_code ? normalisePostcode(address.postal_code) : null;
    const town = (address.postal_code && townForPostcode(address.postal_code)) || (address.city ? findTown(slugify(address.city)) : undefined);
    if (!town) continue;
    return {
      town,
      postcode: postcode?.full ?? null,
      lat: location.latitude ?? town.lat,
      lng: location.longitude ?? town.lng,
      addressLine: address.address_1 && address.address_1 !== address.city ? address.address_1 : null,
    };
  }
  return null;
}

const termsIn = (attributes: z.infer<typeof Attribute>[] | undefined, taxonomy: TaxonomySlug) =>
  [...new Set((attributes ?? []).map((a) => recogniseTerm(a, taxonomy)).filter((s): s is string => s !== null))];

// The words our own cost options use ("per hour"), and the ones people write elsewhere. A
// session comes first: "per 1 hour session" is a price per session that lasts an hour.
const UNIT_WORDS: [RegExp, PriceUnit][] = [
  [/\bsession|\bclass|\bvisit|\bmeeting/i, "session"], [/\bhour|\bhr\b|hourly/i, "hour"], [/\bday\b|\bdaily|\bper day/i, "day"],
  [/\bweek|weekly/i, "week"], [/\beach\b|\bitem|\bone-off|\bper person/i, "item"],
];

function priceOf(s: HsdsServiceInput): { pricePence: number; priceUnit: PriceUnit } | string {
  const option = s.cost_options?.[0];
  if (!option) {
    if (s.fees && /^\s*free\b/i.test(s.fees)) return { pricePence: 0, priceUnit: "free" };
    return "it has no cost option: we show a price for every service, so add one (an amount of 0 for a free service)";
  }
  const words = `${option.amount_description ?? ""} ${option.option ?? ""}`;
  if (option.amount === 0 || /^\s*free\b/i.test(words)) return { pricePence: 0, priceUnit: "free" };
  if (option.amount === undefined) return "its cost option has no amount";
  const unit = UNIT_WORDS.find(([pattern]) => pattern.test(words))?.[1];
  if (!unit) return `we cannot tell what its price of £${option.amount} is for (“${words.trim().slice(0, 60)}”): say per hour, session, day, week or each`;
  return { pricePence: Math.round(option.amount * 100), priceUnit: unit };
}

const dayByRrule = new Map(Object.entries(rruleDays).map(([slug, code]) => [code, slug as Availability["day"]]));
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)/;

function availabilityOf(s: HsdsServiceInput): Availability[] {
  const slots = new Map<Availability["day"], Availability>();
  for (const rule of s.schedules ?? []) {
    if ((rule.freq ?? "WEEKLY").toUpperCase() !== "WEEKLY") continue;
    const from = rule.opens_at && HHMM.exec(rule.opens_at)?.[0];
    const to = rule.closes_at && HHMM.exec(rule.closes_at)?.[0];
    if (!from || !to) continue;
    for (const code of (rule.byday ?? "").split(",")) {
      const day = dayByRrule.get(code.trim().toUpperCase().slice(-2));
      if (day && !slots.has(day)) slots.set(day, { day, from, to });
    }
  }
  return days.map((d) => slots.get(d.slug)).filter((a): a is Availability => a !== undefined);
}

function radiusOf(s: HsdsServiceInput): number {
  for (const area of s.service_areas ?? []) {
    if (area.extent_type !== "geojson" || !area.extent) continue;
    try {
      const miles = (JSON.parse(area.extent) as { properties?: { radius_miles?: unknown } }).properties?.radius_miles;
      if (typeof miles === "number" && miles >= 0 && miles <= 200) return Math.round(miles);
    } catch {
      // Another directory's polygon: we keep services as a point and a radius, so fall back below.
    }
  }
  return DEFAULT_RADIUS_MILES;
}
export const DEFAULT_RADIUS_MILES = 5;

const languageByCode = new Map(Object.entries(languageCodes).map(([name, code]) => [code, name]));
const accessibilityByName = new Map(accessibilityFeatures.flatMap((a) => [[slugify(a.name), a.slug], [a.slug, a.slug]] as const));

function identifier(o: HsdsServiceInput["organization"], type: RegExp, scheme?: string) {
  return o.organization_identifiers?.find((i) => (scheme && i.identifier_scheme === scheme) || type.test(i.identifier_type ?? ""))?.identifier ?? null;
}

/** Checks one record and turns it into what we would store, or says why it cannot be stored. */
export function convertService(raw: unknown): Converted {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, id: null, name: null, reason: "it is not an HSDS service (a JSON object)" };
  const parsed = HsdsServiceInput.safeParse(raw);
  const r = raw as { id?: unknown; name?: unknown };
  const label = { id: typeof r?.id === "string" ? r.id : null, name: typeof r?.name === "string" ? r.name : null };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".") || "the record";
    return { ok: false, ...label, reason: issue.code === "invalid_type" && issue.input === undefined ? `${where} is missing` : `${where} ${issue.message}` };
  }
  const s = parsed.data;
  const fail = (reason: string): Converted => ({ ok: false, ...label, reason });
  const o = s.organization;

  const location = s.service_at_locations?.find((x) => x.location)?.location;
  const place = placeOf(location);
  if (!place) return fail("we cannot place it: its location needs a postcode or town in Yorkshire and the Humber");
  const orgLocation = o.locations?.[0];
  const orgPlace = placeOf(orgLocation) ?? place;

  const category = termsIn(s.attributes, "category")[0] as CategorySlug | undefined;
  if (!category) return fail("it has no category we know: give it an attribute with a term from the Weave service categories taxonomy");
  const price = priceOf(s);
  if (typeof price === "string") return fail(price);

  const delivery = termsIn(s.attributes, "delivery") as DeliveryMode[];
  const payment = termsIn(s.attributes, "payment") as PaymentRoute[];
  const cqcLocationId = identifier(o, /\bcqc\b/i);
  const kind = (termsIn(o.attributes, "kind")[0] as OrganisationKind | undefined) ?? (cqcLocationId ? "provider" : "community-group");
  const vetting = new Set(termsIn(o.attributes, "vetting"));
  const ratingAttribute = (o.attributes ?? []).find((a) => recogniseTerm(a, "cqc-rating"));
  const cqcRating: CqcRating | null = ratingAttribute ? cqcRatingOfSlug(recogniseTerm(ratingAttribute, "cqc-rating")!) : null;
  const ratingDate = ratingAttribute?.value && /^\d{4}-\d{2}-\d{2}$/.test(ratingAttribute.value) ? ratingAttribute.value : null;
  const areaServed = orgLocation?.description?.startsWith(AREA_SERVED) ? orgLocation.description.slice(AREA_SERVED.length).trim() : null;
  const contactPhone = s.contacts?.flatMap((c) => c.phones ?? [])[0]?.number ?? null;

  const checked = s.assured_date ? `${s.assured_date}T00:00:00.000Z` : s.last_modified ? new Date(s.last_modified).toISOString() : new Date().toISOString();

  return {
    ok: true,
    active: s.status === "active",
    organisation: {
      externalId: o.id.toLowerCase(),
      name: o.name,
      kind,
      description: o.description ?? "",
      phone: o.phones?.[0]?.number ?? contactPhone,
      email: o.email ?? s.contacts?.find((c) => c.email)?.email ?? null,
      website: o.website ?? null,
      addressLine: orgPlace.addressLine,
      townSlug: orgPlace.town.slug,
      postcode: orgPlace.postcode,
      lat: orgPlace.lat,
      lng: orgPlace.lng,
      areaServed: areaServed || "Not stated",
      cqcLocationId,
      cqcRating: cqcRatings.includes(cqcRating as CqcRating) ? cqcRating : null,
      cqcRatingDate: cqcRating ? ratingDate : null,
      charityNumber: identifier(o, /charity/i, "GB-CHC"),
      companyNumber: identifier(o, /compan/i, "GB-COH"),
      dbsChecked: vetting.has("dbs-checked"),
      insured: vetting.has("insured"),
      safeguardingTrained: vetting.has("safeguarding-trained"),
    },
    service: {
      externalId: s.id.toLowerCase(),
      name: s.name,
      categorySlug: category,
      description: s.description ?? "",
      ...price,
      deliveryModes: delivery.length ? delivery : [location?.location_type === "virtual" ? "online" : "community"],
      availability: availabilityOf(s),
      capacityFree: null,
      accessibility: [...new Set((location?.accessibility ?? [])
        .map((a) => accessibilityByName.get(slugify(a.description ?? a.accessibility ?? "")))
        .filter((a): a is AccessibilityFeature => a !== undefined))],
      languages: [...new Set((s.languages ?? []).map((l) => l.name ?? (l.code ? languageByCode.get(l.code.toLowerCase()) : undefined))
        .filter((l): l is string => !!l))],
      paymentRoutes: payment.length ? payment : ["self-funded"],
      townSlug: place.town.slug,
      postcode: place.postcode,
      lat: place.lat,
      lng: place.lng,
      radiusMiles: radiusOf(s),
      updatedAt: checked,
    },
  };
}
