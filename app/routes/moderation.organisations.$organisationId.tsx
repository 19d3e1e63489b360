import { data, Link } from "react-router";
import type { Route } from "./+types/moderation.organisations.$organisationId";
import { formatDate } from "../directory/format";
import { servicesOf, staffOf } from "../directory/manage.server";
import { statedFacts } from "../directory/vetting.server";
import { nameOf, organisationKinds } from "../directory/vocabulary";
import { readForm } from "../forms";
import { organisationForModerator } from "../moderation/access.server";
import { RejectForm } from "../moderation/forms";
import { approveNewOrganisation, declineNewOrganisation } from "../moderation/moderation.server";
import { redirectWithNotice } from "../notices.server";
import { ApproveOrDecline, ErrorSummary, StatedFacts } from "../ui";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { found } = organisationForModerator(request, context, params.organisationId);
  const o = found.organisation;
  return {
    organisation: {
      id: o.id, name: o.name, kind: o.kind, staffCount: o.staffCount, description: o.description, addressLine: o.addressLine, postcode: o.postcode,
      areaServed: o.areaServed, phone: o.phone, email: o.email, website: o.website, status: o.status, statusReason: o.statusReason, createdAt: o.createdAt, checkedAt: o.checkedAt,
    },
    townName: found.townName, areaName: found.areaName,
    people: staffOf(o.id), claims: statedFacts(o.id), services: servicesOf(o.id).services,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, found } = organisationForModerator(request, context, params.organisationId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "approve" && intent !== "decline") throw data("That request was not complete.", { status: 400 });
  const read = intent === "decline" ? readForm(RejectForm, form) : null;
  if (read && !read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
  const decision = read?.ok ? declineNewOrganisation(actor, found.organisation.id, read.data.reason) : approveNewOrganisation(actor, found.organisation.id);
  if (!decision.ok) throw data(decision.message, { status: decision.status });
  return redirectWithNotice("/moderation", intent === "approve" ? "organisation-approved" : "organisation-declined");
}

export default function CheckOrganisation({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const o = d.organisation;
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}New organisation: ${o.name} – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/moderation">Back to the moderation queues</Link></p>
      <h1 className="text-4xl font-bold mb-4">{o.name}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 mb-4">
        <dt className="font-bold">Kind</dt><dd>{nameOf(organisationKinds, o.kind)}{o.staffCount !== null && `, ${o.staffCount} staff`}</dd>
        <dt className="font-bold">Where</dt><dd>{[o.addressLine, d.townName, o.postcode].filter(Boolean).join(", ")} ({d.areaName})</dd>
        <dt className="font-bold">Serves</dt><dd>{o.areaServed || "Not said"}</dd>
        <dt className="font-bold">Contact</dt><dd>{[o.phone, o.email, o.website].filter(Boolean).join(" · ") || "None given"}</dd>
        <dt className="font-bold">Joined</dt><dd>{formatDate(o.createdAt)}</dd>
        <dt className="font-bold">In their words</dt><dd className="whitespace-pre-line">{o.description}</dd>
        <dt className="font-bold">People</dt>
        <dd><ul>{d.people.map((p) => <li key={p.userId}>{p.name} ({p.role}), <a href={`mailto:${p.email}`}>{p.email}</a></li>)}</ul></dd>
      </dl>
      <StatedFacts claims={d.claims} />
      <h2 className="text-2xl font-bold mt-6 mb-2">Services written so far ({d.services.length})</h2>
      {d.services.length === 0 ? <p className="mb-4">None yet.</p> : (
        <ul className="mb-4">{d.services.map((s) => <li key={s.id}>{s.name} ({s.status === "published" ? "published: shows once you approve" : s.status})</li>)}</ul>
      )}
      <p className="mb-4">
        Approving makes the organisation public: people choosing care find what it publishes. Check that it is real and is what it says
        (a website, a phone call, a registration number); the facts it states are checked one by one in the vetting queue.
      </p>
      {o.status !== "pending" ? (
        <p className="text-lg">{o.status === "published" ? `Approved${o.checkedAt ? ` on ${formatDate(o.checkedAt)}` : ""}.` : o.status === "declined" ? `Declined: ${o.statusReason}` : "Withdrawn."}</p>
      ) : (
        <>
          {o.statusReason && <p className="mb-4"><strong>Declined before, then put right and asked again:</strong> {o.statusReason}</p>}
          <ApproveOrDecline approve={`Approve: make ${o.name} public`} declineLabel="Or decline, saying why and what would put it right (they read this)"
            error={errors.reason} reason={actionData?.values?.reason} />
        </>
      )}
    </div>
  );
}
