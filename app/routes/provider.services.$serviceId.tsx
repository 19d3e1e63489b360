import { data, Form, Link } from "react-router";
import type { Route } from "./+types/provider.services.$serviceId";
import { redirectWithNotice, takeNotice } from "../notices.server";
import { proposalsForService } from "../consortia/consortia.server";
import { editableService } from "../directory/access.server";
import { listFields, ServiceForm, serviceFormValues } from "../directory/listing-forms";
import { confirmServiceAccurate, editService, organisationForManaging, publishService, unpublishService } from "../directory/manage.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, Freshness, Notices, ServiceFields, ServiceStatus } from "../ui";

const confirmations = {
  created: "Your service is saved as a draft. Check the details, then publish it when you are ready.",
  saved: "Your changes are saved. Saving also counts as checking the listing.",
  published: "Your service is published. It appears in search within a minute.",
  "published-waiting": "Your service is published. It shows in search once a moderator has checked your organisation.",
  unpublished: "Your service is unpublished. It no longer appears in search, and you can publish it again at any time.",
  confirmed: "Thank you. The listing now shows it was checked today.",
} as const;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { service, organisationName } = editableService(request, context, params.serviceId);
  const { notice, headers } = takeNotice(request, confirmations);
  return data({
    service: { id: service.id, name: service.name, status: service.status, updatedAt: service.updatedAt, organisationId: service.organisationId },
    organisationName,
    proposals: proposalsForService(service.id),
    values: serviceFormValues(service),
    confirmation: notice,
  }, { headers });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, service } = editableService(request, context, params.serviceId);
  const form = await request.formData();
  const intent = form.get("intent");
  const done = (what: keyof typeof confirmations) => redirectWithNotice(`/provider/services/${service.id}`, what);
  if (intent === "save") {
    const read = readForm(ServiceForm, form, listFields);
    if (!read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
    editService(actor, service.id, read.data);
    return done("saved");
  }
  if (intent === "publish") {
    publishService(actor, service.id);
    return done(organisationForManaging(service.organisationId)?.organisation.status === "published" ? "published" : "published-waiting");
  }
  if (intent === "unpublish") {
    unpublishService(actor, service.id);
    return done("unpublished");
  }
  if (intent === "confirm") {
    confirmServiceAccurate(actor, service.id);
    return done("confirmed");
  }
  throw data("That request was not complete.", { status: 400 });
}

function Intent({ intent, label, secondary }: { intent: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button secondary={secondary}>{label}</Button>
    </Form>
  );
}

export default function EditService({ loaderData: d, actionData }: Route.ComponentProps) {
  const s = d.service;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-2xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}${s.name} – Your services – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to={`/provider/organisations/${s.organisationId}`}>Back to {d.organisationName}</Link></p>
      <h1 className="text-4xl font-bold mb-2">{s.name}</h1>
      <p className="mb-2"><ServiceStatus status={s.status} /></p>
      {d.confirmation && !actionData && <Notices notices={[d.confirmation]} />}
      <Freshness updatedAt={s.updatedAt} />

      <div className="flex flex-wrap gap-3 my-4">
        {s.status === "published"
          ? <><Intent intent="confirm" label="Confirm still accurate" /><Intent intent="unpublish" label="Unpublish" secondary /></>
          : <Intent intent="publish" label="Publish" />}
      </div>
      {s.status === "published" && (
        <p className="mb-6">
          <Link to={`/services/${s.id}`}>See the public page</Link>. If nothing has changed, confirm it is still accurate:
          people trust listings checked recently, and listings not checked for a year are marked as possibly out of date.
        </p>
      )}
      {s.status === "published" && <p className="mb-6"><Link to={`/provider/services/${s.id}/group-offer`}>Open a group offer</Link>: people buy this service together, each from their own budget, at a lower price each.</p>}
      {d.proposals.length > 0 && (
        <section aria-labelledby="proposals-heading" className="mb-6 border-l-8 border-link bg-wash p-3">
          <h2 id="proposals-heading" className="text-xl font-bold">Group offers people have asked for</h2>
          <ul>{d.proposals.map((p) => <li key={p.id}><Link to={`/group-offers/${p.id}`}>{p.title}</Link>: agree to it or decline it</li>)}</ul>
        </section>
      )}

      <h2 className="text-2xl font-bold mb-4">Details</h2>
      {/* A new key after each save starts the fields from what was saved. */}
      <Form method="post" noValidate key={s.updatedAt}>
        <input type="hidden" name="intent" value="save" />
        <ServiceFields values={actionData?.values ?? d.values} errors={errors} />
        <Button>Save changes</Button>
      </Form>
    </div>
  );
}
