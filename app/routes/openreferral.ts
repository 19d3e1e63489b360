// GET /openreferral: which HSDS version and profile this API speaks, and where its OpenAPI document is.
import type { Route } from "./+types/openreferral";
import { apiInfo, contextOf, ok } from "../openreferral/api.server";

export function loader({ request }: Route.LoaderArgs) {
  return ok(apiInfo(contextOf(request)));
}
