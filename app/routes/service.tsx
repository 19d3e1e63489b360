import { data, Link } from "react-router";
import type { Route } from "./+types/service";
import { formatDate, formatPrice } from "../directory/format";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { writtenFromSuggestion } from "../directory/suggestions.server";
import { openOffersForService } from "../consortia/consortia.server";
import { describeDeadline } from "../consortia/offer-form";
import { statedFacts } from "../directory/vetting.server";
import {
  accessibilityFeatures, days, deliveryModes, nameOf, paymentRoutes,
} from "../directory/vocabulary";
import { currentActor } from "../accounts/actor.server";
import { canReviewServiceNow, serviceReviews } from "../reviews/views.server";
import { z } from "zod";
import { ContactList, Freshness, KindLabel, Pagination, ReviewCard, ScoreTable, StatedFacts, VettingFacts, WrittenBy } from "../ui";

const ReviewsPage = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ params, request, context }: Route.LoaderArgs) {
  const id = parseId(params.id);
  const found = id === null ? null : getService(id);
  if (!found) throw data("No such service", { status: 404 });
  const reviewsPage = ReviewsPage.parse(new URL(request.url).searchParams.get("reviews") ?? 1);
  const groupOffers = openOffersForService(found.service.id).map((g) => ({ ...g, closes: describeDeadline(g.pledgeDeadline) }));
  return {
    ...found, stated: statedFacts(found.organisation.id), fromSuggestion: writtenFromSuggestion({ serviceId: found.service.id }),
    reviews: serviceReviews(found.service.id, reviewsPage), reviewsPage, canReview: canReviewServiceNow(currentActor(context), found.service), groupOffers,
  };
}

export const meta = ({ data: d }: Route.MetaArgs) => [
  { title: d ? `${d.service.name} – ${d.organisation.name} – Weave` : "Service not found – Weave" },
  { name: "description", content: d?.service.description.slice(0, 160) ?? "" },
];

export default function Service({ loaderData: d }: Route.ComponentProps) {
  const s = d.service;
  const o = d.organisation;
  return (
    <article>
      <p className="text-muted mb-1">{d.categoryName}</p>
      <h1 className="text-4xl font-bold mb-2">{s.name}</h1>
      <p className="text-xl mb-4">
        by <Link to={`/organisations/${o.id}`}>{o.name}</Link>{" "}
        <span className="text-muted">· <KindLabel kind={o.kind} /></span>
      </p>
      <p className="text-3xl font-bold mb-4">{formatPrice(s.pricePence, s.priceUnit)}</p>
      <p className="flex flex-wrap gap-x-6 gap-y-2 mb-4 text-lg no-print">
        {s.priceUnit !== "free" && s.pricePence > 0 && <Link to={`/services/${s.id}/order`} className="font-bold">Order this service</Link>}
        <Link to={`/services/${s.id}/enquire`}>Ask {o.name} a question</Link>
        {s.priceUnit !== "free" && s.pricePence > 0 && <Link to={`/services/${s.id}/group-offer`}>Ask for a group offer</Link>}
      </p>
      {d.groupOffers.length > 0 && (
        <section aria-labelledby="group-heading" className="border-l-8 border-link bg-wash p-3 mb-4 max-w-3xl">
          <h2 id="group-heading" className="text-xl font-bold">Buy it together for less</h2>
          <ul>
            {d.groupOffers.map((g) => (
              <li key={g.id}><Link to={`/group-offers/${g.id}`} className="font-bold">{g.title}</Link>: {g.joined} of {g.maxMembers} joined, {g.closes} · {formatPrice(g.bestPricePence, g.unit)} each in a full group</li>
            ))}
          </ul>
        </section>
      )}
      <Freshness updatedAt={s.updatedAt} />
      <div className="my-4 max-w-3xl">
        <WrittenBy fromSuggestion={d.fromSuggestion} />
        <p className="text-lg">{s.description}</p>
      </div>

      <div className="grid gap-x-10 md:grid-cols-2">
        <section aria-labelledby="how-heading">
          <h2 id="how-heading" className="text-2xl font-bold mt-4 mb-2">How and when</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-bold">Where</dt>
            <dd>{s.deliveryModes.map((m) => nameOf(deliveryModes, m)).join(", ")}</dd>
            {s.capacityFree !== null && (<><dt className="font-bold">Places free</dt><dd>{s.capacityFree === 0 ? "Full at the moment" : s.capacityFree}</dd></>)}
            <dt className="font-bold">Languages</dt>
            <dd>{s.languages.join(", ")}</dd>
            <dt className="font-bold">You can pay by</dt>
            <dd>{s.paymentRoutes.map((p) => nameOf(paymentRoutes, p)).join(", ")}</dd>
          </dl>
          {s.availability.length === 0 && <p className="mt-4">Ask the provider which days and times it runs.</p>}
          {s.availability.length > 0 && <table className="mt-4 w-full max-w-sm">
            <caption className="text-left font-bold mb-1">Days and times</caption>
            <thead className="sr-only"><tr><th scope="col">Day</th><th scope="col">Times</th></tr></thead>
            <tbody>
              {days.map((day) => {
                const slot = s.availability.find((a) => a.day === day.slug);
                return (
                  <tr key={day.slug} className="border-b border-line">
                    <th scope="row" className="text-left font-normal py-1">{day.name}</th>
                    <td className={slot ? "" : "text-muted"}>{slot ? `${slot.from} to ${slot.to}` : "Not available"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>}
        </section>

        <section aria-labelledby="access-heading">
          <h2 id="access-heading" className="text-2xl font-bold mt-4 mb-2">Accessibility</h2>
          {s.accessibility.length
            ? <ul className="list-disc pl-6">{s.accessibility.map((a) => <li key={a}>{nameOf(accessibilityFeatures, a)}</li>)}</ul>
            : <p className="text-muted">The provider has not told us about accessibility features. Ask them before you go.</p>}

          <h2 className="text-2xl font-bold mt-6 mb-2">Checks</h2>
          <VettingFacts vetting={{ ...o, cqcRatingDate: o.cqcRatingDate ? formatDate(o.cqcRatingDate) : null }} />
          <StatedFacts claims={d.stated} />
          {o.cqcLocationId && (
            <p className="text-sm text-muted mt-1">
              CQC location {o.cqcLocationId}
              {o.cqcRegistrationStatus === "Deregistered" && <strong className="text-ink"> – no longer registered with CQC</strong>}
              {o.cqcCheckedAt && ` – source: CQC care directory, imported ${formatDate(o.cqcCheckedAt)}`}
            </p>
          )}
        </section>
      </div>

      <section aria-labelledby="where-heading">
        <h2 id="where-heading" className="text-2xl font-bold mt-6 mb-2">Where it is</h2>
        <p>{d.townName}{s.postcode ? `, ${s.postcode}` : ""} ({d.areaName} council area)</p>
        <p className="text-muted">Map reference: latitude {s.lat.toFixed(4)}, longitude {s.lng.toFixed(4)}</p>
        {s.deliveryModes.includes("home") && <p>Visits homes up to {s.radiusMiles} miles from {d.townName}.</p>}
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" className="text-2xl font-bold mt-6 mb-2">Reviews</h2>
        <ScoreTable scores={d.reviews.scores} />
        <p className="text-sm text-muted mb-2">Scores count the last 24 months of reviews, and start from a middling score until there are enough reviews to say more. Only people who bought the service (or went, for a free group) can review it.</p>
        {d.canReview && <p className="mb-2 no-print"><Link to={`/services/${s.id}/review`} className="font-bold">Review this service</Link></p>}
        {d.reviews.reviews.map((r) => (
          <ReviewCard key={r.id} review={r} organisationName={o.name}
            actions={<p className="text-sm no-print"><Link to={`/reviews/${r.id}/report`}>Report this review<span className="sr-only"> of {formatDate(r.submittedAt)}</span></Link></p>} />
        ))}
        <Pagination page={d.reviewsPage} pages={d.reviews.pages} href={(p) => `/services/${s.id}?reviews=${p}#reviews-heading`} />
      </section>

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading" className="text-2xl font-bold mt-6 mb-2">Contact {o.name}</h2>
<ContactList phone={o.phone} email={o.email} website={o.website} />
      </section>
      <p className="mt-6 no-print"><Link to={`/search?category=${s.categorySlug}&near=${s.townSlug}`}>More {d.categoryName.toLowerCase()} near {d.townName}</Link></p>
    </article>
  );
}
