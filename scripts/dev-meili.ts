// `npm run dev:meili`: the demo app searching through a real Meilisearch. Starts Meilisearch from
// the npm package (data in data/meili), migrates and seeds the database if it is empty, rebuilds
// the Meilisearch index from it, builds the app and serves it with SEARCH_ENGINE=meilisearch.
// Ctrl-C stops the app and Meilisearch together.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalMeilisearch } from "../search/meilisearch-local";

const dir = join("data", "meili");
mkdirSync(dir, { recursive: true });

// One master key per data directory, kept beside it (data/ is not committed), so a restart finds
// the same keys. It goes to the server process only, never to a page.
const keyFile = join(dir, "master-key");
if (!process.env.MEILI_MASTER_KEY && !existsSync(keyFile)) {
  writeFileSync(keyFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
}
const masterKey = process.env.MEILI_MASTER_KEY ?? readFileSync(keyFile, "utf8").trim();

const meili = await startLocalMeilisearch({ dir, masterKey, port: Number(process.env.MEILI_PORT ?? 7700) });
console.log(`Meilisearch is up at ${meili.url} (pid ${meili.pid}); data in ${dir}`);

const env = { ...process.env, SEARCH_ENGINE: "meilisearch", MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey };
let app: ChildProcess | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // The app runs in a process group of its own (npm, then node): end all of it.
  if (app?.pid && app.exitCode === null) {
    try { process.kill(-app.pid, "SIGTERM"); } catch { /* already gone */ }
  }
  await meili.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

try {
  const tsx = (args: string[], runEnv: NodeJS.ProcessEnv) =>
    execFileSync(process.execPath, ["--import", "tsx", ...args], { env: runEnv, stdio: "inherit" });
  tsx(["db/migrate.ts"], env);
  // Seeding also fills the embedded index, so switching SEARCH_ENGINE back needs nothing more.
  // It leaves an already seeded database alone.
  tsx(["seeds/seed.ts"], { ...process.env, SEARCH_ENGINE: "embedded" });
  tsx(["search/cli.ts", "reindex"], env);
  execFileSync("npm", ["run", "build", "--silent"], { env, stdio: "inherit" });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}

app = spawn("npm", ["start"], { env: { ...env, PORT: process.env.PORT ?? "3000" }, stdio: "inherit", detached: true });
app.on("exit", (code) => void shutdown(code ?? 0));
