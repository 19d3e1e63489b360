// GET /openreferral/organizations and /openreferral/organizations/{id} (with its services).
import type { Route } from "./+types/openreferral.organizations";
import { badRequest, contextOf, getOrganization, listOrganizations, notFound, ok } from "../openreferral/api.server";
import { parseOrganisationQuery, parsePathId } from "../openreferral/query";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = contextOf(request);
  if (params.id === undefined) {
    const query = parseOrganisationQuery(new URL(request.url).searchParams);
    return query.ok ? ok(listOrganizations(query.value, ctx)) : badRequest(query.errors);
  }
  const id = parsePathId(params.id);
  if (!id.ok) return badRequest(id.errors);
  const found = getOrganization(id.id, ctx);
  return found ? ok(found) : notFound("organization");
}
