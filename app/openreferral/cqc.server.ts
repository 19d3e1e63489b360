// Attaching CQC's registration and rating facts to the organisations they belong to: by CQC
// location id when we hold one, else by the same name at the same postcode (and then we keep
// the location id, so next time it matches directly). CQC is the source of these facts, so
// they replace what a provider told us, and the page says where they came from and when.
import { readFile } from "node:fs/promises";
import { db } from "../../db/client";
import { cqcCandidates, type CqcCandidate } from "../directory/catalogue.server";
import { updateOrganisation } from "../directory/listings.server";
import { normalisePostcode } from "../directory/region";
import { findColumns, nameKey, parseCsv, readRow, type CqcLocation } from "./cqc";

export type CqcReport = {
  rows: number;
  matched: number;
  /** Rows for locations we do not list: most of the national file. */
  unmatched: number;
  malformed: { line: number; reason: string }[];
  ambiguous: { line: number; reason: string }[];
};

export const CQC_BATCH_SIZE = 500;

export async function importCqcFile(path: string, { now = new Date(), onProgress }: { now?: Date; onProgress?: (r: CqcReport) => void } = {}) {
  return importCqcCsv(await readFile(path, "utf8"), { now, onProgress });
}

export function importCqcCsv(csv: string, { now = new Date(), onProgress }: { now?: Date; onProgress?: (r: CqcReport) => void } = {}): CqcReport {
  const rows = parseCsv(csv);
  const found = findColumns(rows);
  if (!found) throw new Error("This is not a CQC care directory file: no heading row with Name, Postcode and the CQC location id");
  const report: CqcReport = { rows: 0, matched: 0, unmatched: 0, malformed: [], ambiguous: [] };
  const data = rows.slice(found.headingIndex + 1);
  for (let i = 0; i < data.length; i += CQC_BATCH_SIZE) {
    const valid: { line: number; location: CqcLocation }[] = [];
    for (const row of data.slice(i, i + CQC_BATCH_SIZE)) {
      report.rows++;
      const result = readRow(row, found.columns);
      if (result.ok) valid.push({ line: row.line, location: result.location });
      else report.malformed.push({ line: result.line, reason: result.reason });
    }
    applyBatch(valid, report, now.toISOString());
    onProgress?.(report);
  }
  return report;
}

function applyBatch(rows: { line: number; location: CqcLocation }[], report: CqcReport, checkedAt: string) {
  const candidates = cqcCandidates([...new Set(rows.map((r) => r.location.locationId))], [...new Set(rows.map((r) => r.location.postcode))]);
  const byLocation = new Map<string, CqcCandidate[]>();
  const byNameAndPostcode = new Map<string, CqcCandidate[]>();
  for (const c of candidates) {
    if (c.cqcLocationId) byLocation.set(c.cqcLocationId, [...(byLocation.get(c.cqcLocationId) ?? []), c]);
    const postcode = c.postcode ? normalisePostcode(c.postcode)?.full : null;
    // An organisation already tied to another CQC location is not this one, whatever its name.
    if (postcode && !c.cqcLocationId) {
      const key = `${nameKey(c.name)}|${postcode}`;
      byNameAndPostcode.set(key, [...(byNameAndPostcode.get(key) ?? []), c]);
    }
  }
  db.transaction(() => {
    for (const { line, location: l } of rows) {
      const matches = byLocation.get(l.locationId) ?? byNameAndPostcode.get(`${nameKey(l.name)}|${l.postcode}`) ?? [];
      if (matches.length === 0) {
        report.unmatched++;
        continue;
      }
      if (matches.length > 1) {
        report.ambiguous.push({ line, reason: `${matches.length} organisations match ${l.name} at ${l.postcode}; none was changed` });
        continue;
      }
      const organisation = matches[0]!;
      const registered = l.registrationStatus === "Registered";
      updateOrganisation(organisation.id, {
        cqcLocationId: l.locationId,
        cqcRegistrationStatus: l.registrationStatus,
        // A cancelled registration's last rating no longer describes a service anyone can use.
        cqcRating: registered ? l.rating : null,
        cqcRatingDate: registered && l.rating ? l.ratingDate : null,
        cqcCheckedAt: checkedAt,
        // CQC telling us something is not the provider confirming their listing.
        updatedAt: organisation.updatedAt,
      });
      report.matched++;
    }
  });
}
