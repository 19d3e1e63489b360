// GET /openreferral/openapi.json: the OpenAPI document for what this API implements.
import type { Route } from "./+types/openreferral.openapi";
import { contextOf, ok } from "../openreferral/api.server";
import { openApiDocument } from "../openreferral/openapi";

export function loader({ request }: Route.LoaderArgs) {
  return ok(openApiDocument(contextOf(request)));
}
