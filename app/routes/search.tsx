import { data, Form, Link, useLocation } from "react-router";
import type { Route } from "./+types/search";
import { activeFilters, parseSearchParams, searchHref } from "../directory/search-query";
import { searchDirectory } from "../directory/search.server";
import { RESULT_COUNT_HEADER } from "../directory/page-cache.server";
import { FacetPanel } from "../ui/facets";
import { Button, ErrorSummary, Notices, Pagination, Select, ServiceCard, toCardData } from "../ui";
import { SearchBox } from "../ui/search-box";

export async function loader({ request }: Route.LoaderArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return data({ ...parsed, result: null, active: [] }, { status: 400 });
  const { hits, ...result } = await searchDirectory(parsed.input);
  return data(
    { ...parsed, result: { ...result, hits: hits.map(toCardData) }, active: activeFilters(parsed.values, parsed.input) },
    { headers: { [RESULT_COUNT_HEADER]: String(result.total) } },
  );
}

// The page cache reads the count from the response (app/directory/page-cache.server.ts).
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export function meta({ data: d }: Route.MetaArgs) {
  const q = d && typeof d.values.q === "string" && d.values.q ? `“${d.values.q}” – ` : "";
  return [{ title: `${d && !d.ok ? "Error: " : ""}${q}Search results – Weave` }];
}

const SORTS = [
  { value: "distance", label: "Nearest first" },
  { value: "relevance", label: "Best match" },
  { value: "price", label: "Lowest price first" },
  { value: "rating", label: "Best reviewed first" },
];

export default function Search({ loaderData }: Route.ComponentProps) {
  const { values, notices } = loaderData;
  const errors = loaderData.ok ? {} : loaderData.errors;
  const input = loaderData.ok ? loaderData.input : null;
  const result = loaderData.result;
  // The fields are uncontrolled: a new URL (a removed chip, another page) must redraw them
  // from it, or a box ticked before would stay ticked and come back with the next search.
  const { search } = useLocation();

  return (
    <Form key={search} method="get" action="/search" role="search" aria-label="Search and filter services">
      <ErrorSummary errors={errors} labels={{ page: "q" }} />
      <SearchBox values={values} errors={errors} />
      <Notices notices={notices} />
      {input && result && (
        <div className="md:grid md:grid-cols-[17rem_1fr] md:gap-8">
          <aside aria-labelledby="filters-heading" className="no-print">
            <details open className="mb-6 md:mb-0">
              <summary id="filters-heading" className="text-2xl font-bold mb-2 cursor-pointer">Filter results</summary>
              <FacetPanel facets={result.facets} values={values} />
            </details>
          </aside>

          <section aria-labelledby="results-heading">
            <h1 id="results-heading" className="text-3xl font-bold mb-2" aria-live="polite">
              {result.total.toLocaleString("en-GB")} {result.total === 1 ? "service" : "services"}
              {result.relaxedText ?? input.text ? ` for “${result.relaxedText ?? input.text}”` : ""}
              {input.location ? ` within ${input.radiusMiles} ${input.radiusMiles === 1 ? "mile" : "miles"} of ${input.location.label}` : ""}
            </h1>
            {result.relaxedText !== null && (
              <Notices notices={[`No service matched all of “${input.text}”, so we searched for “${result.relaxedText}”.`]} />
            )}

            {loaderData.active.length > 0 && (
              <div className="mb-4">
                <h2 className="font-bold mb-1">Filters you chose</h2>
                <ul className="flex flex-wrap gap-2">
                  {loaderData.active.map((f) => (
                    <li key={f.label}>
                      <Link to={f.removeHref} className="inline-block border-2 border-ink px-2 text-ink! no-underline hover:bg-wash">
                        <span className="sr-only">Remove filter: </span>{f.label} <span aria-hidden="true">✕</span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <p className="mt-2"><Link to={searchHref({ q: values.q ?? "", near: values.near ?? "", postcode: values.postcode ?? "", radius: values.radius ?? "" })}>Clear all filters</Link></p>
              </div>
            )}

            <div className="flex flex-wrap items-end gap-3 no-print">
              <Select name="sort" label="Sort by" defaultValue={input.sort}
                options={input.location ? SORTS : SORTS.filter((s) => s.value !== "distance")} />
              <div className="mb-5"><Button secondary>Sort</Button></div>
            </div>

            {result.total === 0 ? (
              <NoResults values={values} hasLocation={input.location !== null} radius={input.radiusMiles} filtered={loaderData.active.length > 0} />
            ) : input.page > result.pages ? (
              <p className="text-lg my-4">
                There is no page {input.page}: these results have {result.pages} {result.pages === 1 ? "page" : "pages"}.{" "}
                <Link to={searchHref(values, { page: String(result.pages) })}>Go to the last page</Link>
              </p>
            ) : (
              <>
                <p className="text-muted">Page {input.page} of {result.pages}</p>
                <ol className="mb-4" aria-label="Services">
                  {result.hits.map((hit) => <ServiceCard key={hit.id} hit={hit} />)}
                </ol>
              </>
            )}
            <Pagination page={input.page} pages={result.pages} href={(p) => searchHref(values, { page: String(p) })} />
          </section>
        </div>
      )}
    </Form>
  );
}

function NoResults({ values, hasLocation, radius, filtered }: {
  values: Record<string, string | string[]>; hasLocation: boolean; radius: number; filtered: boolean;
}) {
  return (
    <div className="my-4">
      <p className="text-lg font-bold mb-2">No services match your search.</p>
      <ul className="list-disc pl-6 space-y-1 mb-4">
        <li>Check the spelling, or use fewer or more general words.</li>
        {filtered && <li><Link to={searchHref({ q: values.q ?? "", near: values.near ?? "", postcode: values.postcode ?? "", radius: values.radius ?? "" })}>Remove all filters</Link></li>}
        {hasLocation && radius < 50 && <li><Link to={searchHref(values, { radius: "50" })}>Search within 50 miles instead</Link></li>}
      </ul>
      <p>
        Know a service that should be here? <Link to="/suggest">Suggest a local service</Link>. Searches that find nothing
        help the council see what is missing in your area.
      </p>
    </div>
  );
}
