// Organisations and services as people see them, and the changes that keep search in step.
import { and, asc, count, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { categories, localAuthorities, organisations, services, towns } from "../../db/schema";
import { enqueueIndexing } from "../../search/outbox";

export type ServiceRow = typeof services.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type NewService = typeof services.$inferInsert;

const published = <T extends { status: typeof services.status | typeof organisations.status }>(t: T) => eq(t.status, "published");

/** A published service with its organisation, place and category; null when there is none to show. */
export function getService(id: number) {
  return db.select({
    service: services,
    organisation: organisations,
    townName: towns.name,
    areaSlug: localAuthorities.slug,
    areaName: localAuthorities.name,
    categoryName: categories.name,
  })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .innerJoin(categories, eq(categories.slug, services.categorySlug))
    .where(and(eq(services.id, id), published(services), published(organisations)))
    .get() ?? null;
}

export const ORGANISATION_SERVICES_PAGE = 20;

/** A published organisation and one page of its published services. */
export function getOrganisation(id: number, page = 1) {
  const organisation = db.select({ organisation: organisations, townName: towns.name, areaName: localAuthorities.name })
    .from(organisations)
    .innerJoin(towns, eq(towns.slug, organisations.townSlug))
    .innerJoin(localAuthorities, eq(localAuthorities.slug, towns.areaSlug))
    .where(and(eq(organisations.id, id), published(organisations)))
    .get();
  if (!organisation) return null;
  const where = and(eq(services.organisationId, id), published(services));
  const total = db.select({ n: count() }).from(services).where(where).get()?.n ?? 0;
  const list = db.select({ service: services, townName: towns.name, categoryName: categories.name })
    .from(services)
    .innerJoin(towns, eq(towns.slug, services.townSlug))
    .innerJoin(categories, eq(categories.slug, services.categorySlug))
    .where(where)
    .orderBy(asc(services.name), asc(services.id))
    .limit(ORGANISATION_SERVICES_PAGE)
    .offset((page - 1) * ORGANISATION_SERVICES_PAGE)
    .all();
  return { ...organisation, services: list, total, pages: Math.max(1, Math.ceil(total / ORGANISATION_SERVICES_PAGE)) };
}

// Each change below writes its search outbox row in the same transaction, so the index can
// never miss it (search/outbox.ts drains it). Provider-facing screens arrive with accounts.

export function createService(values: NewService): number {
  return db.transaction((tx) => {
    const { id } = tx.insert(services).values(values).returning({ id: services.id }).get();
    enqueueIndexing(tx, [id]);
    return id;
  });
}

/** Changes a service; the listing counts as checked now unless told otherwise. */
export function updateService(id: number, changes: Partial<NewService>) {
  db.transaction((tx) => {
    tx.update(services).set({ updatedAt: new Date().toISOString(), ...changes }).where(eq(services.id, id)).run();
    enqueueIndexing(tx, [id]);
  });
}

export function withdrawService(id: number) {
  db.transaction((tx) => {
    tx.update(services).set({ status: "withdrawn" }).where(eq(services.id, id)).run();
    enqueueIndexing(tx, [id], "delete");
  });
}

export function createOrganisation(values: typeof organisations.$inferInsert): number {
  // No outbox row: an organisation without services has nothing to index yet.
  return db.insert(organisations).values(values).returning({ id: organisations.id }).get().id;
}

/** Organisation facts (name, kind, vetting) appear on every one of its services' search documents. */
export function updateOrganisation(id: number, changes: Partial<typeof organisations.$inferInsert>) {
  db.transaction((tx) => {
    tx.update(organisations).set({ updatedAt: new Date().toISOString(), ...changes }).where(eq(organisations.id, id)).run();
    const ids = tx.select({ id: services.id }).from(services).where(eq(services.organisationId, id)).all().map((r) => r.id);
    enqueueIndexing(tx, ids);
  });
}
