// `npm run db:migrate`: applies committed migrations, then the reference data they need.
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { config } from "../app/config.server";
import { db } from "./client";
import { upsertReferenceData } from "./reference";

export function migrateDatabase() {
  migrate(db, { migrationsFolder: new URL("./migrations", import.meta.url).pathname });
  upsertReferenceData(db);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateDatabase();
  console.log(`Migrated ${config.DATABASE_PATH}`);
}
