import { Form } from "react-router";
import type { Route } from "./+types/peer-support";
import { requireActor } from "../accounts/actor.server";
import { formatDate } from "../directory/format";
import { findArea, localAuthorities } from "../directory/region";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { introductionsFor, offerPeerSupport, peerSupporterRecord, withdrawPeerSupport } from "../requests/peers.server";
import { PeerSupporterForm } from "../requests/request-form";
import { Button, ErrorSummary, Select, TextArea } from "../ui";

export const meta = () => [{ title: "Peer support – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const record = peerSupporterRecord(actor.user.id);
  return {
    record: record && {
      areaSlug: record.areaSlug, areaName: findArea(record.areaSlug)?.name ?? record.areaSlug, about: record.about, active: !record.withdrawnAt,
      approvedAt: record.approvedAt, declinedReason: record.declinedReason,
    },
    introductions: introductionsFor(actor.user.id).map((i) => ({ id: i.request.id, name: i.personName, email: i.personEmail, message: i.request.message, at: i.request.introducedAt })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") === "withdraw") return attempt(() => withdrawPeerSupport(actor), "You are no longer offered as a peer supporter. People already introduced keep your details.", "withdraw");
  const parsed = readForm(PeerSupporterForm, form);
  if (!parsed.ok) return invalid(parsed.errors);
  return attempt(() => offerPeerSupport(actor, parsed.data),
    "Thank you. A Weave moderator will check your offer, and may contact you first, before anyone is introduced to you.", "areaSlug");
}

export default function PeerSupport({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const active = d.record?.active;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <h1 className="text-4xl font-bold mb-4">Peer support</h1>
      <p className="mb-4 text-lg">
        If you have managed your own support, or helped someone who does, you can offer to talk to people who are just starting.
        When someone in your council area asks for a peer supporter, we introduce you: they see your name, your email and the few words below, and you see theirs.
      </p>
      {active && d.record!.approvedAt && <p className="mb-4"><strong>You are a peer supporter in {d.record!.areaName}</strong> (checked on {formatDate(d.record!.approvedAt)}).</p>}
      {active && !d.record!.approvedAt && (
        <p className="mb-4"><strong>Your offer to support people in {d.record!.areaName} is waiting for a moderator to check it.</strong> Nobody is introduced to you before then. Changing it means it is checked again.</p>
      )}
      {d.record?.declinedReason && !active && (
        <p className="border-l-8 border-warn bg-wash p-3 mb-4">A moderator did not approve your offer: {d.record.declinedReason} You can offer again.</p>
      )}
      <Form method="post" noValidate className="mb-6">
        <Select name="areaSlug" label="Which council area can you support people in?" placeholder="Choose an area" defaultValue={d.record?.areaSlug}
          options={localAuthorities.map((a) => ({ value: a.slug, label: a.name }))} error={errors.areaSlug} />
        <TextArea name="about" label="A few words about you" hint="For example: I have employed my own PAs for six years and am happy to talk about getting started." rows={3}
          defaultValue={d.record?.about} error={errors.about} />
        <Button>{active ? "Save changes" : "Offer to be a peer supporter"}</Button>
      </Form>
      {active && (
        <Form method="post" className="mb-6"><Button secondary name="intent" value="withdraw">Stop offering</Button></Form>
      )}
      <h2 className="text-2xl font-bold mb-2">People you have been introduced to</h2>
      {d.introductions.length === 0 ? <p>Nobody yet.</p> : (
        <ul>
          {d.introductions.map((i) => (
            <li key={i.id} className="border-b border-line py-2">
              <strong>{i.name}</strong> · <a href={`mailto:${i.email}`}>{i.email}</a>{i.at && <span className="text-muted"> · {formatDate(i.at)}</span>}<br />
              <span className="whitespace-pre-line">{i.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
