import { z } from "zod";
import type { Route } from "./+types/account.access-log";
import { requireActor } from "../accounts/actor.server";
import { ACCESS_LOG_PAGE, accessLogFor } from "../accounts/audit.server";
import { Pagination } from "../ui";

export const meta = () => [{ title: "Who has looked at your record – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

const ACTIONS: Record<string, string> = {
  "person.viewed": "looked at your record",
  "representative.invited": "invited someone to act for you",
  "representative.accepted": "accepted your invitation to act for you",
  "representative.revoked": "ended someone's access to your record",
  "representative.invite-cancelled": "cancelled an invitation",
  "representative.appointee-recorded": "recorded an appointee for you",
  "review.written": "wrote a review for you",
  "review.replied": "replied to your review",
  "review.removed": "removed your review (a moderator)",
  "review.reports-dismissed": "kept your review after it was reported (a moderator)",
  "review.relationship-rated": "rated working with you (private)",
};

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const entries = accessLogFor(actor.user.id, page);
  return { entries, page, more: entries.length === ACCESS_LOG_PAGE };
}

export default function AccessLog({ loaderData: { entries, page, more } }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-3">Who has looked at your record</h1>
      <p className="mb-6">Every time someone other than you looks at or changes your record on Weave, it is listed here.</p>
      {entries.length === 0 ? <p>Nobody else has looked at your record.</p> : (
        <table className="w-full">
          <thead><tr className="text-left border-b-2 border-ink"><th className="py-1">When</th><th>Who</th><th>What</th></tr></thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i} className="border-b border-line">
                <td className="py-1 pr-3">{new Date(e.at).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" })}</td>
                <td className="pr-3">{e.actorName ?? "Weave"}</td>
                <td>{ACTIONS[e.action] ?? e.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={more ? page + 1 : page} href={(p) => `/account/access-log?page=${p}`} />
    </div>
  );
}
