// GET /openreferral/taxonomies and /openreferral/taxonomies/{id}: Weave's vocabularies.
import type { Route } from "./+types/openreferral.taxonomies";
import { badRequest, getTaxonomy, listTaxonomies, notFound, ok } from "../openreferral/api.server";
import { parsePaging, parsePathId } from "../openreferral/query";

export function loader({ request, params }: Route.LoaderArgs) {
  if (params.id === undefined) {
    const paging = parsePaging(new URL(request.url).searchParams);
    return paging.ok ? ok(listTaxonomies(paging.value)) : badRequest(paging.errors);
  }
  const id = parsePathId(params.id);
  if (!id.ok) return badRequest(id.errors);
  const found = getTaxonomy(id.id);
  return found ? ok(found) : notFound("taxonomy");
}
