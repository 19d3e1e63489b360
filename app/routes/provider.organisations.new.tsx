import { data, Form } from "react-router";
import type { Route } from "./+types/provider.organisations.new";
import { redirectWithNotice } from "../notices.server";
import { allow, requireActor } from "../accounts/actor.server";
import { canCreateOrganisation } from "../accounts/permissions";
import { listFields, NewOrganisationForm } from "../directory/listing-forms";
import { registerOrganisation } from "../directory/manage.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, FactsFields, OrganisationFields } from "../ui";

export function loader({ request, context }: Route.LoaderArgs) {
  allow(canCreateOrganisation(requireActor(request, context)));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  allow(canCreateOrganisation(actor));
  const form = readForm(NewOrganisationForm, await request.formData(), listFields);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = registerOrganisation(actor, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return redirectWithNotice(`/provider/organisations/${result.id}`, "created");
}

export default function NewOrganisation({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <div className="max-w-2xl">
      {/* Here, not in `meta`: meta never sees the action's errors, and the title must start "Error:" when there are some. */}
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Add your organisation – Weave`}</title>
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-3">Add your organisation</h1>
      <p className="text-lg mb-6">
        Tell people who you are. You will become the organisation's owner, and can then add your services and the people who work with you.
      </p>
      <Form method="post" noValidate>
        <OrganisationFields values={values} errors={errors} />
        <h2 className="text-2xl font-bold mt-8 mb-2">Registration and checks</h2>
        <p className="mb-4">
          We show these as "stated by the provider" until a Weave moderator has checked them. Leave out anything that does not apply.
        </p>
        <FactsFields values={values} errors={errors} />
        <Button>Add organisation</Button>
      </Form>
    </div>
  );
}
