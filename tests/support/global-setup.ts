// Once per test run: a directory of its own (so runs on one machine never touch each other's
// files) holding a migrated database with reference data, which every test file copies.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const TMP = join(import.meta.dirname, "..", ".tmp");

export default function setup() {
  mkdirSync(TMP, { recursive: true });
  // Leftovers from runs that were killed: anything over a day old.
  for (const f of readdirSync(TMP)) {
    const path = join(TMP, f);
    if (f.startsWith("run-") && Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
  }
  const runDir = join(TMP, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir);
  const template = join(runDir, "template.db");
  // A child process, so this run's own modules never open a database before the workers do.
  execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts"], { env: { ...process.env, DATABASE_PATH: template }, stdio: "inherit" });
  execFileSync(process.execPath, ["-e", `require("better-sqlite3")(${JSON.stringify(template)}).pragma("wal_checkpoint(TRUNCATE)")`]);
  process.env.WEAVE_TEST_RUN_DIR = runDir; // inherited by the test workers
  return () => rmSync(runDir, { recursive: true, force: true });
}
