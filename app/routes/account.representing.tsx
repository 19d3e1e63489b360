import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/account.representing";
import { requireActor } from "../accounts/actor.server";
import { AcceptForm } from "../accounts/forms";
import { acceptInvite, peopleRepresentedBy } from "../accounts/representatives.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, TextInput } from "../ui";

export const meta = () => [{ title: "People you act for – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  return { people: peopleRepresentedBy(actor.user.id) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const form = readForm(AcceptForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = acceptInvite(actor, form.data.code);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return redirect(`/people/${result.holderId}`);
}

export default function Representing({ loaderData, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">People you act for</h1>
      {loaderData.people.length === 0 ? <p className="mb-6">You do not act for anyone yet.</p> : (
        <ul className="mb-6 text-lg">
          {loaderData.people.map(({ grant, name }) => (
            <li key={grant.id} className="py-1"><Link to={`/people/${grant.holderId}`}>{name}</Link> — you are their {grant.relationship.toLowerCase()}{grant.basis === "appointee" ? " (appointee)" : ""}</li>
          ))}
        </ul>
      )}
      <h2 className="text-2xl font-bold mb-2">Have a code?</h2>
      <p className="mb-3">If someone has invited you to act for them, enter the code from their email.</p>
      <Form method="post" noValidate>
        <TextInput name="code" label="Code" hint="For example K7MQ-2PXR" width="max-w-60" autoComplete="off" spellCheck={false} error={errors.code} />
        <Button>Accept</Button>
      </Form>
    </div>
  );
}
