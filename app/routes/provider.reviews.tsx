import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/provider.reviews";
import { requireActor } from "../accounts/actor.server";
import { formatDate } from "../directory/format";
import { providerReviews } from "../reviews/views.server";
import { Pagination, Stars } from "../ui";

export const meta = () => [{ title: "Reviews of your services – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { data: providerReviews(actor, page), page };
}

const monthName = (ym: string) => new Date(`${ym}-01T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "Europe/London" });

export default function ProviderReviews({ loaderData: { data: d, page } }: Route.ComponentProps) {
  if (!d) {
    return <div className="max-w-3xl"><h1 className="text-4xl font-bold mb-4">Reviews</h1><p>You do not work for an organisation on Weave. <Link to="/provider">Your organisations</Link></p></div>;
  }
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-4">Reviews of your services</h1>
      <p className="mb-2">People review support after it is delivered. You have {d.replyDays} days to reply before a review is published, and your reply is shown under it. You cannot change or hide a review; if one breaks the rules (personal details, abuse, not a real experience), report it and a moderator decides.</p>
      <p className="mb-4 font-bold" role="status">{d.waiting === 0 ? "No review is waiting for your reply." : `${d.waiting} ${d.waiting === 1 ? "review is" : "reviews are"} waiting for your reply.`}</p>

      <section aria-labelledby="list-heading" className="mb-8">
        <h2 id="list-heading" className="text-2xl font-bold mb-2">All reviews ({d.total})</h2>
        {d.reviews.length === 0 ? <p>No reviews yet.</p> : (
          <table className="w-full">
            <thead><tr className="text-left border-b-2 border-ink"><th scope="col">Service</th><th scope="col">Written</th><th scope="col">Overall</th><th scope="col">Where it is</th></tr></thead>
            <tbody>
              {d.reviews.map((r) => (
                <tr key={r.id} className="border-b border-line align-top">
                  <td className="py-2 pr-3"><Link to={`/provider/reviews/${r.id}`}>{r.serviceName}<span className="sr-only">, review of {formatDate(r.submittedAt)}</span></Link></td>
                  <td className="pr-3">{formatDate(r.submittedAt)}</td>
                  <td className="pr-3">{r.overall === null ? "Rate the order first to read it" : <Stars value={r.overall} />}</td>
                  <td>{r.removed ? "Removed by a moderator" : r.published ? (r.replied ? "Published, with your reply" : "Published") : r.replied ? "Published" : `Reply by ${formatDate(r.replyBy)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={page} pages={d.pages} href={(p) => `/provider/reviews?page=${p}`} />
      </section>

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="text-2xl font-bold mb-2">How reviews have gone this year</h2>
        {d.trend.length === 0 ? <p>No published reviews in the last year.</p> : (
          <table>
            <caption className="sr-only">Published reviews and their average overall stars by month</caption>
            <thead><tr className="text-left border-b-2 border-ink"><th scope="col" className="pr-6">Month</th><th scope="col" className="pr-6">Reviews</th><th scope="col">Average overall</th></tr></thead>
            <tbody>{d.trend.map((t) => <tr key={t.month} className="border-b border-line"><td className="pr-6 py-1">{monthName(t.month)}</td><td className="pr-6">{t.count}</td><td>{t.average.toFixed(1)} of 5</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}
