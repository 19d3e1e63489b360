import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/provider.requests";
import { allow, requireActor } from "../accounts/actor.server";
import { formatDate } from "../directory/format";
import { budgetRange, kindNames } from "../requests/labels";
import { requestsForProvider } from "../requests/requests.server";
import { Pagination, Tag } from "../ui";

export const meta = () => [{ title: "What people are looking for – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  allow(actor.organisations.length > 0, "This page is for the staff of providers.");
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const found = requestsForProvider(actor, page);
  return {
    page, pages: found.pages, total: found.total, serves: found.serves,
    rows: found.rows.map(({ request: r, offered }) => ({ ...r, kindName: kindNames[r.kind], budget: budgetRange(r.budgetMinPence, r.budgetMaxPence), offered })),
  };
}

export default function ProviderRequests({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-4">What people are looking for</h1>
      <p className="mb-6 text-lg">
        Requests from people in the council areas where you have published services of the same kind. You do not see who they are
        until they accept your offer; then it becomes an order in your inbox.
      </p>
      {!d.serves && <p className="mb-4">Your organisations have no published services yet, so no requests are shown. <Link to="/provider">Publish a service</Link> first.</p>}
      <h2 className="text-2xl font-bold mb-2">Open requests ({d.total})</h2>
      {d.rows.length === 0 ? <p>No open requests in your areas and kinds of support just now.</p> : (
        <ul>
          {d.rows.map((r) => (
            <li key={r.id} className="border-b border-line py-3">
              <Link to={`/provider/requests/${r.id}`} className="font-bold">{r.description.length > 90 ? `${r.description.slice(0, 90)}…` : r.description}</Link>{" "}
              {r.offered && <Tag tone="good">You have offered</Tag>}<br />
              <span className="text-muted">{r.kindName} · {r.categoryName} · {r.townName}, {r.areaName} · {r.whenText}{r.budget ? ` · could pay ${r.budget} each time` : ""} · posted {formatDate(r.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={d.page} pages={d.pages} href={(p) => `/provider/requests?page=${p}`} />
    </div>
  );
}
