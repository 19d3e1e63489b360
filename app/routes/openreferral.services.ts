// GET /openreferral/services (a page of services) and /openreferral/services/{id} (one, fully nested).
import type { Route } from "./+types/openreferral.services";
import { badRequest, contextOf, getService, listServices, notFound, ok } from "../openreferral/api.server";
import { parsePathId, parseServiceQuery } from "../openreferral/query";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = contextOf(request);
  if (params.id === undefined) {
    const query = parseServiceQuery(new URL(request.url).searchParams);
    return query.ok ? ok(listServices(query.value, ctx)) : badRequest(query.errors);
  }
  const id = parsePathId(params.id);
  if (!id.ok) return badRequest(id.errors);
  const service = getService(id.id, ctx);
  return service ? ok(service) : notFound("service");
}
