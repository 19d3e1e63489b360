// A real Meilisearch for a test file: a temp directory, a random master key, a free port on
// 127.0.0.1. Start it in beforeAll and stop it in afterAll; a missing binary fails the suite.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalMeilisearch, startLocalMeilisearch } from "../../search/meilisearch-local";

export type TestMeilisearch = LocalMeilisearch;

/**
 * Pass another server's `dir`, `port` and `masterKey` to restart it on its data (after `kill()`);
 * the first server's `stop()` removes the directory.
 */
export async function startMeilisearch(restart?: Pick<LocalMeilisearch, "dir" | "port" | "masterKey">): Promise<TestMeilisearch> {
  const dir = restart?.dir ?? mkdtempSync(join(tmpdir(), "weave-meili-"));
  const server = await startLocalMeilisearch({
    dir,
    port: restart?.port,
    masterKey: restart?.masterKey ?? randomBytes(24).toString("base64url"),
  }).catch((error: unknown) => {
    if (!restart) rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  if (restart) return server;
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
