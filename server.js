// The production server: `npm start` (PORT, default 3000; HOST optional).
// Like react-router-serve, plus one thing it cannot do: tell the app the client's IP address,
// which login and reset rate limits need. Behind a reverse proxy set TRUST_PROXY (e.g. "1" or
// "loopback") so the address comes from X-Forwarded-For; see docs/decisions/005-accounts-sessions-and-security.md.
import path from "node:path";

// Before anything loads React: it picks its development or production build on first import.
process.env.NODE_ENV ??= "production";
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
server.on("listening", () => console.log(`Weave is running on http://localhost:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
