// The production server: `npm start` (PORT, default 3000; HOST optional).
// Like react-router-serve, plus what it cannot do: tell the app the client's IP address (login
// and reset rate limits need it; behind a reverse proxy set TRUST_PROXY, e.g. "1" or
// "loopback", so it comes from X-Forwarded-For), and use every core. WEB_CONCURRENCY worker
// processes (default: one per core) share the port; SQLite in WAL mode serves them all, and
// only the first drains the search outbox. See docs/decisions/005-accounts-sessions-and-security.md.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";

// Before anything loads React: it picks its development or production build on first import.
process.env.NODE_ENV ??= "production";
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? availableParallelism()));

if (cluster.isPrimary && workers > 1) {
  const start = (n) => cluster.fork({ WEAVE_WORKER: String(n), ...(n > 0 ? { SEARCH_SYNC_INTERVAL_MS: "0", ORDERS_JOB_INTERVAL_MS: "0" } : {}) });
  const numbers = new Map();
  for (let n = 0; n < workers; n++) numbers.set(start(n).id, n);
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    const n = numbers.get(worker.id);
    console.error(`worker ${n} stopped (${code}); starting another`);
    numbers.set(start(n).id, n);
  });
  console.log(`Weave is running on http://localhost:${process.env.PORT ?? 3000} (${workers} processes)`);
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      process.exit(0);
    });
  }
} else {
  const { createRequestHandler } = await import("@react-router/express");
  const { default: compression } = await import("compression");
  const { default: express } = await import("express");
  const { default: morgan } = await import("morgan");

  const buildDirectory = process.env.WEAVE_BUILD_DIR ?? "build";
  const build = await import(path.resolve(buildDirectory, "server", "index.js"));
  const port = Number(process.env.PORT ?? 3000);

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());
  app.use("/assets", express.static(path.resolve(buildDirectory, "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve(buildDirectory, "client"), { maxAge: "1h" }));
  if (process.env.LOG_REQUESTS !== "false") app.use(morgan("tiny"));
  app.use((req, _res, next) => {
    // Only this server sets it: a value sent by the client is thrown away first.
    req.headers["x-weave-client-ip"] = req.ip ?? "unknown";
    next();
  });
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

  const server = process.env.HOST ? app.listen(port, process.env.HOST) : app.listen(port);
  if (workers === 1) server.on("listening", () => console.log(`Weave is running on http://localhost:${port}`));
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
  // A worker whose primary died (even by SIGKILL) must not live on holding the database.
  if (cluster.isWorker) process.on("disconnect", () => process.exit(0));
}
