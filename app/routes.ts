import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("search", "routes/search.tsx"),
  route("services/:id", "routes/service.tsx"),
  route("organisations/:id", "routes/organisation.tsx"),
  route("suggest", "routes/suggest.tsx"),
  route("suggest/thanks", "routes/suggest-thanks.tsx"),
  route("healthz", "routes/healthz.ts"),
] satisfies RouteConfig;
