// Before each test file: its own copy of the migrated database, and no background search sync
// (tests drain the outbox when they mean to). Any console.error fails the test that caused it.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, vi } from "vitest";

const runDir = process.env.WEAVE_TEST_RUN_DIR;
if (!runDir) throw new Error("WEAVE_TEST_RUN_DIR is not set: run tests through vitest (tests/support/global-setup.ts)");
const file = join(runDir, `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`);
copyFileSync(join(runDir, "template.db"), file);
process.env.DATABASE_PATH = file;
process.env.SEARCH_SYNC_INTERVAL_MS = "0";
process.env.MAIL_INTERVAL_MS = "0";

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => { errors.push(args); });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});
