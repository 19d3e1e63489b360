import { data, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organisation";
import { formatDate, formatPrice } from "../directory/format";
import { parseId } from "../directory/ids";
import { getOrganisation } from "../directory/listings.server";
import { writtenFromSuggestion } from "../directory/suggestions.server";
import { statedFacts } from "../directory/vetting.server";
import { ContactList, Freshness, KindLabel, Pagination, StatedFacts, VettingFacts, WrittenBy } from "../ui";

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ params, request }: Route.LoaderArgs) {
  const id = parseId(params.id);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const found = id === null ? null : getOrganisation(id, page);
  if (!found) throw data("No such organisation", { status: 404 });
  return { ...found, page, stated: statedFacts(found.organisation.id), fromSuggestion: writtenFromSuggestion({ organisationId: found.organisation.id }) };
}

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `${d.organisation.name} – Weave` : "Organisation not found – Weave" }];

export default function Organisation({ loaderData: d }: Route.ComponentProps) {
  const o = d.organisation;
  return (
    <article>
      <p className="text-muted mb-1"><KindLabel kind={o.kind} /></p>
      <h1 className="text-4xl font-bold mb-3">{o.name}</h1>
      <Freshness updatedAt={o.updatedAt} />
      <div className="my-4 max-w-3xl">
        <WrittenBy fromSuggestion={d.fromSuggestion} />
        <p className="text-lg">{o.description}</p>
      </div>

      <div className="grid gap-x-10 md:grid-cols-2">
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading" className="text-2xl font-bold mb-2">Contact</h2>
<ContactList phone={o.phone} email={o.email} website={o.website} />
          <h2 className="text-2xl font-bold mb-2">Where</h2>
          <p>{[o.addressLine, d.townName, o.postcode].filter(Boolean).join(", ")}</p>
          <p>{d.areaName} council area. Area served: {o.areaServed}.</p>
          <p className="text-muted">Map reference: latitude {o.lat.toFixed(4)}, longitude {o.lng.toFixed(4)}</p>
        </section>
        <section aria-labelledby="checks-heading">
          <h2 id="checks-heading" className="text-2xl font-bold mb-2">Checks</h2>
          <VettingFacts vetting={{ ...o, cqcRatingDate: o.cqcRatingDate ? formatDate(o.cqcRatingDate) : null }} />
          {o.charityNumber && <p className="mt-2">Registered charity {o.charityNumber}</p>}
          {o.companyNumber && <p className="mt-2">Registered company {o.companyNumber}</p>}
          <StatedFacts claims={d.stated} />
          {o.staffCount !== null && <p className="mt-2">Staff: {o.staffCount === 0 ? "volunteers only" : o.staffCount}</p>}
        </section>
      </div>

      <section aria-labelledby="services-heading">
        <h2 id="services-heading" className="text-2xl font-bold mt-6 mb-2">Services ({d.total})</h2>
        {d.total === 0 ? <p>This organisation has no services listed at the moment.</p>
          : d.services.length === 0 ? (
            <p>
              There is no page {d.page}: its services fit on {d.pages} {d.pages === 1 ? "page" : "pages"}.{" "}
              <Link to={`/organisations/${o.id}`}>See the first page</Link>
            </p>
          ) : (
            <ul>
              {d.services.map(({ service: s, townName, categoryName }) => (
                <li key={s.id} className="border-b border-line py-3">
                  <h3 className="text-xl font-bold"><Link to={`/services/${s.id}`}>{s.name}</Link></h3>
                  <p><strong>{formatPrice(s.pricePence, s.priceUnit)}</strong> <span className="text-muted">· {categoryName} · {townName}</span></p>
                </li>
              ))}
            </ul>
          )}
        <Pagination page={d.page} pages={d.pages} href={(p) => `/organisations/${o.id}?page=${p}`} />
      </section>
    </article>
  );
}
