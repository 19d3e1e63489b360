// Maps published listings in the database to the documents every engine indexes.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { consortiumOffers, localAuthorities, organisations, services, towns } from "../db/schema";
import { days as dayList } from "../app/directory/vocabulary";
import { withRatings } from "../app/reviews/scores.server";
import type { ServiceDocument } from "./port";

const documentQuery = (tx: Tx) =>
  tx.select({
    service: services, organisation: organisations, townName: towns.name, area: localAuthorities,
    // Consortia write to the outbox when an offer opens or closes, so this stays current.
    groupOffer: sql<number>`EXISTS (SELECT 1 FROM ${consortiumOffers} WHERE ${consortiumOffers.serviceId} = ${services.id} AND ${consortiumOffers.status} = 'open')`,
  })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug));

type Row = Awaited<ReturnType<ReturnType<typeof documentQuery>["all"]>>[number];

const published = and(eq(services.status, "published"), eq(organisations.status, "published"));

function toDocument({ service: s, organisation: o, townName, area, groupOffer }: Row): ServiceDocument {
  const openDays = new Set(s.availability.map((a) => a.day));
  return {
    id: s.id,
    title: s.name,
    description: s.description,
    category: s.categorySlug,
    organisationId: o.id,
    organisationName: o.name,
    organisationKind: o.kind,
    town: s.townSlug,
    townName,
    area: area.slug,
    areaName: area.name,
    postcode: s.postcode,
    lat: s.lat,
    lng: s.lng,
    pricePence: s.pricePence,
    priceUnit: s.priceUnit,
    delivery: s.deliveryModes,
    days: dayList.map((d) => d.slug).filter((d) => openDays.has(d)),
    accessibility: s.accessibility,
    payment: s.paymentRoutes,
    vetting: { cqcRating: o.cqcRating, dbsChecked: o.dbsChecked, insured: o.insured, safeguardingTrained: o.safeguardingTrained },
    // Filled from the listing's reviews by withRatings (app/reviews): the one score pages show too.
    rating: null,
    ratingCount: 0,
    updatedAt: s.updatedAt,
    groupOffer: groupOffer === 1,
  };
}

/** Documents for the given services that are published; ids missing from the map should leave the index. */
export function loadDocuments(tx: Tx, ids: number[]): Map<number, ServiceDocument> {
  const found = new Map<number, ServiceDocument>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = documentQuery(tx).where(and(published, inArray(services.id, ids.slice(i, i + 500)))).all();
    for (const doc of withRatings(tx, rows.map(toDocument))) found.set(doc.id, doc);
  }
  return found;
}

/** Every published service, in id order, a batch at a time (keyset paging, so memory stays flat). */
export function* allDocuments(tx: Tx, batchSize = 2000): Generator<ServiceDocument[]> {
  let after = 0;
  for (;;) {
    const rows = documentQuery(tx).where(and(published, gt(services.id, after))).orderBy(asc(services.id)).limit(batchSize).all();
    if (rows.length === 0) return;
    yield withRatings(tx, rows.map(toDocument));
    after = rows[rows.length - 1]!.service.id;
  }
}
