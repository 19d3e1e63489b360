// Once per test run: a migrated database with reference data, which every test file copies.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export const TMP = join(import.meta.dirname, "..", ".tmp");
export const TEMPLATE = join(TMP, "template.db");

export default function setup() {
  mkdirSync(TMP, { recursive: true });
  for (const f of readdirSync(TMP)) if (f.startsWith("test-")) rmSync(join(TMP, f), { force: true });
  for (const f of [TEMPLATE, `${TEMPLATE}-wal`, `${TEMPLATE}-shm`]) rmSync(f, { force: true });
  // A child process, so this run's own modules never open a database before the workers do.
  execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts"], {
    env: { ...process.env, DATABASE_PATH: TEMPLATE },
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["-e", `require("better-sqlite3")(${JSON.stringify(TEMPLATE)}).pragma("wal_checkpoint(TRUNCATE)")`]);
}
