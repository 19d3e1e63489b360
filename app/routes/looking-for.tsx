import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/looking-for";
import { requireActor } from "../accounts/actor.server";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { formatDate } from "../directory/format";
import { categories, nameOf } from "../directory/vocabulary";
import { findTown } from "../directory/region";
import { kindNames, stateNames } from "../requests/labels";
import { requestsOf, stateOf } from "../requests/requests.server";
import { Pagination, Tag } from "../ui";

export const meta = () => [{ title: "What you are looking for – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const others = peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }));
  const found = requestsOf([actor.user.id, ...others.map((p) => p.id)], page);
  const now = new Date();
  return {
    page, pages: found.pages, total: found.total, others, me: actor.user.id, asked: Number(new URL(request.url).searchParams.get("asked")) || 0,
    rows: found.rows.map(({ request: r, personName, waiting }) => ({
      id: r.id, kind: kindNames[r.kind], category: nameOf(categories, r.category), town: findTown(r.townSlug)?.name ?? r.townSlug,
      description: r.description, state: stateOf(r, now), expiresAt: r.expiresAt, createdAt: r.createdAt, waiting,
      forName: r.personId === actor.user.id ? null : personName,
    })),
  };
}

export default function LookingFor({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      {d.asked > 0 && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">Your request for quotes is out to providers{d.asked > 1 ? `, as ${d.asked} requests (one for each kind of support)` : ""}. Their quotes will appear here.</div>}
      <h1 className="text-4xl font-bold mb-4">What you are looking for</h1>
      <p className="mb-4 text-lg">
        Tell providers what you would like, in your own words, even if you cannot find it in the directory.
        Providers in your area who offer that kind of support see it without your name or address, only your town, and can offer to meet it.
      </p>
      <p className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link to="/looking-for/new" className="font-bold text-lg">Post what you are looking for</Link>
        {d.others.map((p) => <Link key={p.id} to={`/looking-for/new?for=${p.id}`}>Post for {p.name}</Link>)}
      </p>
      <p className="mb-6">To ask providers for quotes on parts of a support plan, open the plan's budget and choose “Ask providers for quotes”.</p>
      <h2 className="text-2xl font-bold mb-2">Your requests ({d.total})</h2>
      {d.rows.length === 0 ? <p>Nothing posted yet.</p> : (
        <ul>
          {d.rows.map((r) => (
            <li key={r.id} className="border-b border-line py-3">
              <Link to={`/looking-for/${r.id}`} className="font-bold">{r.description.length > 90 ? `${r.description.slice(0, 90)}…` : r.description}</Link>{" "}
              <Tag tone={r.state === "open" ? "good" : r.state === "expired" ? "warn" : "plain"}>{stateNames[r.state]}</Tag><br />
              <span className="text-muted">
                {r.kind} · {r.category} · {r.town}{r.forName ? ` · for ${r.forName}` : ""} · posted {formatDate(r.createdAt)}
                {r.state === "open" ? ` · shown until ${formatDate(r.expiresAt)}` : ""}
              </span>
              {r.waiting > 0 && <><br /><strong>{r.waiting} {r.waiting === 1 ? "offer" : "offers"} waiting for your answer</strong></>}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={d.page} pages={d.pages} href={(p) => `/looking-for?page=${p}`} />
    </div>
  );
}
