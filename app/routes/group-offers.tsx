import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/group-offers";
import { currentActor } from "../accounts/actor.server";
import { groupsOf, OFFERS_PAGE, openOffers } from "../consortia/consortia.server";
import { describeDeadline } from "../consortia/offer-form";
import { formatPrice } from "../directory/format";
import { Pagination } from "../ui";

export const meta = () => [{ title: "Group offers – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

const placeWords: Record<string, string> = { pledged: "joined, waiting for the group to form", waiting: "on the waiting list", member: "member", left: "gave notice" };

export function loader({ request, context }: Route.LoaderArgs) {
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { offers, total } = openOffers(page);
  const actor = currentActor(context);
  return {
    offers: offers.map((o) => ({ ...o, closes: describeDeadline(o.pledgeDeadline) })), total, page, pages: Math.max(1, Math.ceil(total / OFFERS_PAGE)),
    mine: actor ? groupsOf(actor).map((g) => ({ ...g, place: placeWords[g.status] ?? g.status })) : [],
  };
}

export default function GroupOffers({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-2">Group offers</h1>
      <p className="text-lg mb-6 max-w-3xl">People who want the same support can buy it together, each from their own budget, and pay less each. You can withdraw until an offer closes, and leave later with the notice it says.</p>
      {d.mine.length > 0 && (
        <section aria-labelledby="mine-heading" className="mb-6">
          <h2 id="mine-heading" className="text-2xl font-bold mb-2">Your groups</h2>
          <ul>{d.mine.map((g) => <li key={g.pledgeId} className="py-1"><Link to={`/group-offers/${g.offerId}`} className="font-bold">{g.title}</Link> · {g.place}</li>)}</ul>
        </section>
      )}
      <p className="mb-6"><Link to="/group-offers/introductions">Tell me when others near me want the same kind of support</Link></p>
      {d.offers.length === 0 && <p>There are no open group offers at the moment.</p>}
      <ul aria-label="Open group offers">
        {d.offers.map((o) => (
          <li key={o.id} className="border-b border-line py-3">
            <h2 className="text-xl font-bold"><Link to={`/group-offers/${o.id}`}>{o.title}</Link></h2>
            <p className="text-muted">{o.serviceName}</p>
            <p>{o.joined} of {o.maxMembers} joined, {o.closes} · from {formatPrice(o.topPricePence, o.unit)} down to {formatPrice(o.bestPricePence, o.unit)} each</p>
          </li>
        ))}
      </ul>
      <Pagination page={d.page} pages={d.pages} href={(p) => `/group-offers?page=${p}`} />
    </div>
  );
}
