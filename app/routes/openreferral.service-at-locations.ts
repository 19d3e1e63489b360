// GET /openreferral/service_at_locations and /openreferral/service_at_locations/{id}.
import type { Route } from "./+types/openreferral.service-at-locations";
import { badRequest, contextOf, getServiceAtLocation, listServiceAtLocations, notFound, ok } from "../openreferral/api.server";
import { parsePathId, parseServiceQuery } from "../openreferral/query";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = contextOf(request);
  if (params.id === undefined) {
    const query = parseServiceQuery(new URL(request.url).searchParams);
    return query.ok ? ok(listServiceAtLocations(query.value, ctx)) : badRequest(query.errors);
  }
  const id = parsePathId(params.id);
  if (!id.ok) return badRequest(id.errors);
  const found = getServiceAtLocation(id.id, ctx);
  return found ? ok(found) : notFound("service at location");
}
