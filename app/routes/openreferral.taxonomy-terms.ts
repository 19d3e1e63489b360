// GET /openreferral/taxonomy_terms (optionally ?taxonomy_id=) and /openreferral/taxonomy_terms/{id}.
import type { Route } from "./+types/openreferral.taxonomy-terms";
import { badRequest, getTaxonomyTerm, listTaxonomyTerms, notFound, ok } from "../openreferral/api.server";
import { parsePathId, parseTermQuery } from "../openreferral/query";

export function loader({ request, params }: Route.LoaderArgs) {
  if (params.id === undefined) {
    const query = parseTermQuery(new URL(request.url).searchParams);
    return query.ok ? ok(listTaxonomyTerms(query.value, query.value.taxonomyId)) : badRequest(query.errors);
  }
  const id = parsePathId(params.id);
  if (!id.ok) return badRequest(id.errors);
  const found = getTaxonomyTerm(id.id);
  return found ? ok(found) : notFound("taxonomy term");
}
