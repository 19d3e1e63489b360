import { data, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/moderation";
import { formatDate } from "../directory/format";
import { suggestionReference } from "../directory/suggestion";
import { describeClaim } from "../directory/vetting";
import { categories, nameOf, organisationKinds } from "../directory/vocabulary";
import { moderator } from "../moderation/access.server";
import { takeNotice } from "../notices.server";
import { moderationQueues } from "../moderation/moderation.server";
import { findArea } from "../directory/region";
import { peerOffersToCheck } from "../requests/peers.server";
import { reportedReviews } from "../reviews/views.server";
import { Notices, Pagination } from "../ui";

export const meta = () => [{ title: "Moderation – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

const confirmations = {
  approved: "The suggestion is approved and published. It appears in search within a minute.",
  rejected: "The suggestion is rejected, with your reason recorded.",
  verified: "The fact is verified. It now shows as checked on the organisation's listings.",
  "claim-rejected": "The claim is rejected, with your reason. The provider can see it.",
  "peer-approved": "The peer supporter is approved. People waiting in their area are introduced to them now.",
  "peer-declined": "The offer is declined, with your reason. They can read it, and offer again.",
  "organisation-approved": "The organisation is approved. The services it has published appear in search within a minute.",
  "organisation-declined": "The organisation is declined, with your reason. Its people can read it, put it right and ask again.",
} as const;

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = moderator(request, context, "Only moderators can see the moderation queues.");
  const url = new URL(request.url);
  const page = {
    suggestions: Page.parse(url.searchParams.get("sp") ?? 1), claims: Page.parse(url.searchParams.get("cp") ?? 1), organisations: Page.parse(url.searchParams.get("op") ?? 1),
  };
  const { notice, headers } = takeNotice(request, confirmations);
  return data({
    ...moderationQueues(actor, page),
    ...reportedReviews(Page.parse(url.searchParams.get("rp") ?? 1)),
    reviewsPage: Page.parse(url.searchParams.get("rp") ?? 1),
    peerOffers: peerOffersToCheck().map(({ supporter, name }) => ({ userId: supporter.userId, name, area: findArea(supporter.areaSlug)?.name ?? supporter.areaSlug, at: supporter.createdAt })),
    page,
    confirmation: notice,
  }, { headers });
}

export default function Moderation({ loaderData: d }: Route.ComponentProps) {
  const current = { sp: d.page.suggestions, cp: d.page.claims, op: d.page.organisations };
  const href = (which: keyof typeof current) => (p: number) =>
    `/moderation?${new URLSearchParams(Object.entries({ ...current, [which]: p }).map(([k, v]) => [k, String(v)]))}`;
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-4">Moderation</h1>
      {d.confirmation && <Notices notices={[d.confirmation]} />}

      <section aria-labelledby="organisations-heading" className="mb-8">
        <h2 id="organisations-heading" className="text-2xl font-bold mb-2">New organisations to check ({d.organisationTotal})</h2>
        <p className="mb-2">Providers who have just joined. Nothing of theirs is public until you approve the organisation. Oldest first.</p>
        {d.newOrganisations.length === 0 ? <p>Nothing waiting.</p> : (
          <ul>
            {d.newOrganisations.map((o) => (
              <li key={o.id} className="border-b border-line py-2">
                <Link to={`/moderation/organisations/${o.id}`} className="font-bold">{o.name}</Link>
                <span className="text-muted"> · {nameOf(organisationKinds, o.kind)} · {o.townName} · joined {formatDate(o.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page.organisations} pages={d.organisationPages} href={href("op")} />
      </section>

      <section aria-labelledby="suggestions-heading" className="mb-8">
        <h2 id="suggestions-heading" className="text-2xl font-bold mb-2">Suggested listings ({d.suggestionTotal})</h2>
        <p className="mb-2">Services people have told us about. Nothing here is public until you approve it. Oldest first.</p>
        {d.suggestions.length === 0 ? <p>Nothing waiting.</p> : (
          <ul>
            {d.suggestions.map((s) => (
              <li key={s.id} className="border-b border-line py-2">
                <Link to={`/moderation/suggestions/${s.id}`} className="font-bold">{s.serviceName}</Link>
                <span className="text-muted"> · {nameOf(categories, s.categorySlug)} · {suggestionReference(s.id)} · sent {formatDate(s.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page.suggestions} pages={d.suggestionPages} href={href("sp")} />
      </section>

      <section aria-labelledby="claims-heading" className="mb-8">
        <h2 id="claims-heading" className="text-2xl font-bold mb-2">Vetting facts to check ({d.claimTotal})</h2>
        <p className="mb-2">Facts providers have stated about themselves. They show as "stated by the provider" until you verify them.</p>
        {d.claims.length === 0 ? <p>Nothing waiting.</p> : (
          <ul>
            {d.claims.map(({ claim, organisationName }) => (
              <li key={claim.id} className="border-b border-line py-2">
                <Link to={`/moderation/claims/${claim.id}`} className="font-bold">{describeClaim(claim)}</Link>
                <span className="text-muted"> · {organisationName} · stated {formatDate(claim.claimedAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page.claims} pages={d.claimPages} href={href("cp")} />
      </section>

      <section aria-labelledby="peers-heading" className="mb-8">
        <h2 id="peers-heading" className="text-2xl font-bold mb-2">Peer supporters to check ({d.peerOffers.length})</h2>
        <p className="mb-2">People offering to support others who are starting out. Nobody is introduced to them (by name and email) until you approve them. Oldest first.</p>
        {d.peerOffers.length === 0 ? <p>Nothing waiting.</p> : (
          <ul>
            {d.peerOffers.map((o) => (
              <li key={o.userId} className="border-b border-line py-2">
                <Link to={`/moderation/peer-supporters/${o.userId}`} className="font-bold">{o.name}</Link>
                <span className="text-muted"> · {o.area} · offered {formatDate(o.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="disputes-heading" className="mb-8">
        <h2 id="disputes-heading" className="text-2xl font-bold mb-2">Disputed visits</h2>
        <p><Link to="/moderation/disputes">Disputes between people and providers</Link>: a visit someone says was not delivered as recorded. Nothing is paid for it until you decide.</p>
      </section>

      <section aria-labelledby="reports-heading" className="mb-8">
        <h2 id="reports-heading" className="text-2xl font-bold mb-2">Reported reviews</h2>
        <p className="mb-2">Reviews someone has reported ({d.reportedTotal}). Remove one only for a stated policy reason; never for being negative. Oldest report first.</p>
        {d.reported.length === 0 ? <p>Nothing waiting.</p> : (
          <ul>
            {d.reported.map((r) => (
              <li key={r.reviewId} className="border-b border-line py-2">
                <Link to={`/moderation/reviews/${r.reviewId}`} className="font-bold">Review of {r.serviceName}</Link>
                <span className="text-muted"> · {r.reports} {r.reports === 1 ? "report" : "reports"} · first {formatDate(r.firstAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.reviewsPage} pages={d.reportedPages} href={(p) => `/moderation?rp=${p}`} />
      </section>

      <section aria-labelledby="appointees-heading">
        <h2 id="appointees-heading" className="text-2xl font-bold mb-2">Appointees</h2>
        <p><Link to="/moderation/appointees">Record an appointee</Link> for someone who cannot give consent themselves.</p>
      </section>
    </div>
  );
}
