import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/reviews";
import { requireActor } from "../accounts/actor.server";
import { formatDate } from "../directory/format";
import { reviewsWrittenBy } from "../reviews/views.server";
import { Pagination, Stars } from "../ui";

export const meta = () => [{ title: "Your reviews – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { ...reviewsWrittenBy(actor, page), page };
}

export default function YourReviews({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-4">Your reviews</h1>
      <p className="mb-4">Reviews you wrote, and reviews written for you by someone acting for you. To review support you bought, open the order from <Link to="/orders">your orders</Link> once it has been delivered.</p>
      {d.reviews.length === 0 ? <p>You have not written any reviews yet.</p> : (
        <ul>
          {d.reviews.map(({ review: r, serviceName, published, forSomeoneElse }) => (
            <li key={r.id} className="border-b border-line py-2">
              <Link to={r.orderId ? `/orders/${r.orderId}/review` : `/services/${r.serviceId}`} className="font-bold">{serviceName}</Link>{" "}
              <Stars value={r.overall} />
              <span className="text-muted"> · written {formatDate(r.submittedAt)}{forSomeoneElse ? " · for someone you act for" : r.byRepresentative ? " · by your representative" : ""} · </span>
              {r.removedAt ? (r.removalReason === "withdrawn" ? "withdrawn" : "removed by a moderator") : published ? (r.reply ? "published, with a reply" : "published") : `published on ${formatDate(r.publishAt)}, or when the provider replies`}
              {!r.removedAt && !r.reply && <> · <Link to={`/reviews/${r.id}/edit`}>Change<span className="sr-only"> your review of {serviceName}</span></Link></>}
              {!r.removedAt && <> · <Link to={`/reviews/${r.id}/withdraw`}>Withdraw<span className="sr-only"> your review of {serviceName}</span></Link></>}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={d.page} pages={d.pages} href={(p) => `/reviews?page=${p}`} />
    </div>
  );
}
