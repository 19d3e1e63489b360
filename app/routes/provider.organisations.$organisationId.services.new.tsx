import { data, Form, Link } from "react-router";
import type { Route } from "./+types/provider.organisations.$organisationId.services.new";
import { redirectWithNotice } from "../notices.server";
import { managedOrganisation } from "../directory/access.server";
import { listFields, ServiceForm } from "../directory/listing-forms";
import { createDraftService } from "../directory/manage.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, ServiceFields } from "../ui";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { organisation } = managedOrganisation(request, context, params.organisationId);
  return {
    id: organisation.id, name: organisation.name,
    // A new service starts where the organisation is.
    values: { townSlug: organisation.townSlug, postcode: organisation.postcode ?? "", languages: ["English"], radiusMiles: "5" },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, organisation } = managedOrganisation(request, context, params.organisationId);
  const form = readForm(ServiceForm, await request.formData(), listFields);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const id = createDraftService(actor, organisation.id, form.data);
  return redirectWithNotice(`/provider/services/${id}`, "created");
}

export default function NewService({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-2xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Add a service – ${d.name} – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to={`/provider/organisations/${d.id}`}>Back to {d.name}</Link></p>
      <h1 className="text-4xl font-bold mb-3">Add a service</h1>
      <p className="text-lg mb-6">It is saved as a draft. Nobody else sees it until you publish it.</p>
      <Form method="post" noValidate>
        <ServiceFields values={actionData?.values ?? d.values} errors={errors} />
        <Button>Save as a draft</Button>
      </Form>
    </div>
  );
}
