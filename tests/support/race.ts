// Runs the same call in several separate processes against one SQLite file, all starting at
// the same moment, as two server processes (or two browser tabs) would. For races on money,
// pledges and permissions, where one process alone can never show the bug.
import { execFile } from "node:child_process";
import { join } from "node:path";

const ENTRY = join(import.meta.dirname, "race-entry.ts");

/** Calls `fn` exported from `module` (a path from the project root) in `n` processes; resolves to their results. */
export async function race<T>(module: string, fn: string, argsPerProcess: unknown[][]): Promise<T[]> {
  const startAt = Date.now() + 800; // every process is loaded and waiting by then
  return Promise.all(argsPerProcess.map((args) => new Promise<T>((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", ENTRY, JSON.stringify({ module, fn, args, startAt })],
      { env: { ...process.env, SEARCH_SYNC_INTERVAL_MS: "0" }, cwd: join(import.meta.dirname, "..", "..") },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const last = stdout.trim().split("\n").at(-1)!;
        resolve(JSON.parse(last) as T);
      });
  })));
}
