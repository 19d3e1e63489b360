// Writes a generated region into the database in one transaction (used by the seed command and tests).
import type { Db } from "../db/client";
import { organisations, searchOutbox, services, suggestions } from "../db/schema";
import type { SeedOrganisation } from "./generate";

export function loadRegion(db: Db, region: SeedOrganisation[], { reset = false } = {}) {
  db.transaction((tx) => {
    if (reset) {
      tx.delete(searchOutbox).run();
      tx.delete(suggestions).run();
      tx.delete(services).run();
      tx.delete(organisations).run();
    }
    for (const { services: list, ...org } of region) {
      const { id } = tx.insert(organisations).values(org).returning({ id: organisations.id }).get();
      for (let i = 0; i < list.length; i += 100) {
        tx.insert(services).values(list.slice(i, i + 100).map((s) => ({ ...s, organisationId: id }))).run();
      }
    }
  });
}
