import { data, Link } from "react-router";
import type { Route } from "./+types/moderation.peer-supporters.$userId";
import { redirectWithNotice } from "../notices.server";
import { notFound } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { formatDate } from "../directory/format";
import { findArea } from "../directory/region";
import { readForm } from "../forms";
import { moderator } from "../moderation/access.server";
import { RejectForm } from "../moderation/forms";
import { OrderError } from "../purchasing/lifecycle";
import { approvePeerSupporter, declinePeerSupporter, peerOfferForModerator } from "../requests/peers.server";
import { ApproveOrDecline, ErrorSummary } from "../ui";

function load(request: Request, rawId: string | undefined, context: Route.LoaderArgs["context"]) {
  const actor = moderator(request, context, "Only moderators can check peer supporters.");
  const id = parseId(rawId) ?? notFound("No such offer");
  const offer = peerOfferForModerator(id) ?? notFound("No such offer");
  return { actor, offer };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { offer } = load(request, params.userId, context);
  return { ...offer, areaName: findArea(offer.supporter.areaSlug)?.name ?? offer.supporter.areaSlug };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, offer } = load(request, params.userId, context);
  const form = await request.formData();
  try {
    if (form.get("intent") === "approve") {
      approvePeerSupporter(actor, offer.supporter.userId);
      return redirectWithNotice("/moderation", "peer-approved");
    }
    if (form.get("intent") === "decline") {
      const read = readForm(RejectForm, form);
      if (!read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
      declinePeerSupporter(actor, offer.supporter.userId, read.data.reason);
      return redirectWithNotice("/moderation", "peer-declined");
    }
  } catch (error) {
    if (error instanceof OrderError) throw data(error.message, { status: error.code === "missing" ? 404 : 409 });
    throw error;
  }
  throw data("That request was not complete.", { status: 400 });
}

export default function CheckPeerSupporter({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const s = d.supporter;
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Peer supporter: ${d.name} – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/moderation">Back to the moderation queues</Link></p>
      <h1 className="text-4xl font-bold mb-4">{d.name} offers to be a peer supporter</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 mb-4">
        <dt className="font-bold">Council area</dt><dd>{d.areaName}</dd>
        <dt className="font-bold">Email</dt><dd><a href={`mailto:${d.email}`}>{d.email}</a></dd>
        <dt className="font-bold">Offered</dt><dd>{formatDate(s.createdAt)}</dd>
        <dt className="font-bold">In their words</dt><dd className="whitespace-pre-line">{s.about}</dd>
      </dl>
      <p className="mb-4">
        People who ask are introduced to them by name and email, so talk to them before approving: who they are, what they have
        been through, and that they understand it is support between peers, not advice or care.
      </p>
      {s.approvedAt ? <p className="text-lg">Approved on {formatDate(s.approvedAt)}.</p>
        : s.withdrawnAt ? <p className="text-lg">{s.declinedReason ? `Declined: ${s.declinedReason}` : "They withdrew the offer."}</p>
        : <ApproveOrDecline approve={`Approve: people in ${d.areaName} may be introduced to them`} declineLabel="Or decline, saying why (they read this)"
          error={errors.reason} reason={actionData?.values?.reason} />}
    </div>
  );
}
