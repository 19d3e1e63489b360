import { data, Form, Link } from "react-router";
import type { Route } from "./+types/provider.organisations.$organisationId.edit";
import { redirectWithNotice } from "../notices.server";
import { managedOrganisation } from "../directory/access.server";
import { organisationFormValues, OrganisationForm } from "../directory/listing-forms";
import { editOrganisation } from "../directory/manage.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, OrganisationFields } from "../ui";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { organisation } = managedOrganisation(request, context, params.organisationId);
  return { id: organisation.id, name: organisation.name, published: organisation.status === "published", values: organisationFormValues(organisation) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, organisation } = managedOrganisation(request, context, params.organisationId);
  const form = readForm(OrganisationForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = editOrganisation(actor, organisation.id, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return redirectWithNotice(`/provider/organisations/${organisation.id}`, result.recheck ? "edited-recheck" : "edited");
}

export default function EditOrganisation({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-2xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Change ${d.name}'s details – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to={`/provider/organisations/${d.id}`}>Back to {d.name}</Link></p>
      <h1 className="text-4xl font-bold mb-4">Change your organisation's details</h1>
      {d.published && <p className="mb-4">If you change its name or its kind, a moderator checks it again before it shows: until then it and its services are not public.</p>}
      <Form method="post" noValidate>
        <OrganisationFields values={actionData?.values ?? d.values} errors={errors} />
        <Button>Save changes</Button>
      </Form>
    </div>
  );
}
