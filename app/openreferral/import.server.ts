// Importing HSDS 3.0 services into the directory. Records are matched on the other directory's
// ids (kept as external ids), so importing the same data again updates instead of copying.
// Each batch is one transaction, and each record inside it a savepoint: a record that fails is
// reported and rolled back alone. Every change goes through the directory's own services, which
// write the search outbox in the same transaction, so imported services become searchable.
import { db } from "../../db/client";
import { organisationIdByExternalId, serviceByExternalId } from "../directory/catalogue.server";
import { createOrganisation, createService, updateOrganisation, updateService, withdrawService } from "../directory/listings.server";
import { convertService, type OrganisationValues } from "./hsds-input";

export type Skipped = { record: number; id: string | null; name: string | null; reason: string };
export type ImportReport = {
  read: number;
  created: number;
  updated: number;
  withdrawn: number;
  organisationsCreated: number;
  organisationsUpdated: number;
  skipped: Skipped[];
};
export type Progress = (report: ImportReport) => void;

export const emptyReport = (): ImportReport =>
  ({ read: 0, created: 0, updated: 0, withdrawn: 0, organisationsCreated: 0, organisationsUpdated: 0, skipped: [] });

/** Imports batches of records (already read from a file or an API) into the directory. */
export async function importServices(batches: AsyncIterable<unknown[]> | Iterable<unknown[]>, onProgress?: Progress): Promise<ImportReport> {
  const report = emptyReport();
  // An organisation is written once per run, however many of its services follow.
  const organisationIds = new Map<string, number>();
  for await (const batch of batches) {
    importBatch(batch, report, organisationIds);
    onProgress?.(report);
  }
  return report;
}

export function importBatch(batch: unknown[], report: ImportReport, organisationIds = new Map<string, number>()) {
  // Ids learnt in a batch become known to the run only once the batch commits.
  const learnt = new Map<string, number>();
  db.transaction(() => {
    for (const raw of batch) {
      const record = ++report.read;
      const converted = convertService(raw);
      if (!converted.ok) {
        report.skipped.push({ record, id: converted.id, name: converted.name, reason: converted.reason });
        continue;
      }
      const { organisation, service } = converted;
      // Counted only if the record's savepoint commits.
      const counts = { created: 0, updated: 0, withdrawn: 0, organisationsCreated: 0, organisationsUpdated: 0 };
      try {
        const organisationId = db.transaction(() => {
          const existing = serviceByExternalId(service.externalId);
          if (!converted.active) {
            if (!existing) throw new Skip("it is not active, and we do not list it");
            if (existing.status !== "withdrawn") withdrawService(existing.id);
            counts.withdrawn++;
            return null;
          }
          const orgId = organisationIds.get(organisation.externalId) ?? learnt.get(organisation.externalId) ?? upsertOrganisation(organisation, counts);
          if (existing) {
            updateService(existing.id, { ...service, organisationId: orgId, status: "published" });
            counts.updated++;
          } else {
            createService({ ...service, organisationId: orgId, status: "published" });
            counts.created++;
          }
          return orgId;
        });
        if (organisationId !== null) learnt.set(organisation.externalId, organisationId);
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) report[key] += counts[key];
      } catch (error) {
        report.skipped.push({
          record, id: service.externalId, name: service.name,
          reason: error instanceof Skip ? error.message : `it could not be saved (${error instanceof Error ? error.message : String(error)})`,
        });
      }
    }
  });
  for (const [k, v] of learnt) organisationIds.set(k, v);
}

class Skip extends Error {}

function upsertOrganisation(values: OrganisationValues, report: Pick<ImportReport, "organisationsCreated" | "organisationsUpdated">): number {
  const id = organisationIdByExternalId(values.externalId);
  if (id !== null) {
    updateOrganisation(id, { ...values, status: "published" });
    report.organisationsUpdated++;
    return id;
  }
  report.organisationsCreated++;
  return createOrganisation({ ...values, status: "published" });
}
