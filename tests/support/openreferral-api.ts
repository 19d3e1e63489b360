// Calls the /openreferral/ routes' loaders as the router would, without a server: a path in,
// the Response out. The routes' own parsing and status codes are what the tests exercise.
import { loader as root } from "../../app/routes/openreferral";
import { loader as openapi } from "../../app/routes/openreferral.openapi";
import { loader as organizations } from "../../app/routes/openreferral.organizations";
import { loader as serviceAtLocations } from "../../app/routes/openreferral.service-at-locations";
import { loader as services } from "../../app/routes/openreferral.services";
import { loader as taxonomies } from "../../app/routes/openreferral.taxonomies";
import { loader as taxonomyTerms } from "../../app/routes/openreferral.taxonomy-terms";

export const ORIGIN = "http://weave.test";

type Loader = (args: { request: Request; params: Record<string, string | undefined>; context: unknown }) => Response;
const routes: [RegExp, Loader][] = [
  [/^\/openreferral\/?$/, root as unknown as Loader],
  [/^\/openreferral\/openapi\.json$/, openapi as unknown as Loader],
  [/^\/openreferral\/services(?:\/([^/]+))?$/, services as unknown as Loader],
  [/^\/openreferral\/service_at_locations(?:\/([^/]+))?$/, serviceAtLocations as unknown as Loader],
  [/^\/openreferral\/organizations(?:\/([^/]+))?$/, organizations as unknown as Loader],
  [/^\/openreferral\/taxonomies(?:\/([^/]+))?$/, taxonomies as unknown as Loader],
  [/^\/openreferral\/taxonomy_terms(?:\/([^/]+))?$/, taxonomyTerms as unknown as Loader],
];

export async function apiGet(pathAndQuery: string): Promise<{ status: number; body: any; headers: Headers }> {
  const url = new URL(pathAndQuery, ORIGIN);
  for (const [pattern, loader] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const response = loader({ request: new Request(url), params: { id: m[1] === undefined ? undefined : decodeURIComponent(m[1]) }, context: {} });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }
  throw new Error(`no route for ${url.pathname}`);
}

/** A fetch that answers from the loaders, for the importer's harvesting of an API by URL. */
export const apiFetch: typeof fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  const { status, body } = await apiGet(url.pathname + url.search);
  return Response.json(body, { status });
};
