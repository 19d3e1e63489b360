import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/account.representatives";
import { allow, requireActor } from "../accounts/actor.server";
import { hasRole } from "../accounts/permissions";
import { InviteForm, relationships } from "../accounts/forms";
import { cancelInvite, inviteRepresentative, representativesOf, revokeGrant } from "../accounts/representatives.server";
import { formatDate } from "../directory/format";
import { readForm } from "../forms";
import { Button, ErrorSummary, Panel, Select, TextInput } from "../ui";

export const meta = () => [{ title: "People who can act for you – Weave" }];

const Id = z.coerce.number().int().positive();

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  allow(hasRole(actor, "budget-holder"), "Only budget holders can choose people to act for them.");
  return representativesOf(actor.user.id);
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  allow(hasRole(actor, "budget-holder"), "Only budget holders can choose people to act for them.");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "invite") {
    const parsed = readForm(InviteForm, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, code: null, done: null }, { status: 400 });
    const result = await inviteRepresentative(actor, parsed.data);
    if (!result.ok) return data({ errors: result.errors, values: parsed.data, code: null, done: null }, { status: 400 });
    return { errors: {}, values: {}, code: result.code, done: `We have emailed ${parsed.data.email} a code.` };
  }
  const id = Id.safeParse(form.get("id"));
  if (!id.success) throw data("That request was not complete.", { status: 400 });
  if (intent === "revoke") {
    allow(revokeGrant(actor, id.data), "You can only remove people who act for you.");
    return { errors: {}, values: {}, code: null, done: "Their access has ended. They can no longer see or change anything for you." };
  }
  if (intent === "cancel") {
    allow(cancelInvite(actor, id.data), "You can only cancel your own invitations.");
    return { errors: {}, values: {}, code: null, done: "The invitation is cancelled: its code no longer works." };
  }
  throw data("That request was not complete.", { status: 400 });
}

export default function Representatives({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-3">People who can act for you</h1>
      {actionData?.done && (
        <Panel title="Done">
          {actionData.done}
          {actionData.code && <p className="mt-2">You can also give them this code yourself: <strong className="font-mono">{actionData.code}</strong></p>}
        </Panel>
      )}
      <p className="mb-6">
        A family member, carer or friend you choose can see your support and help manage it. You can remove them at
        any time, and you can see everything they look at in <a href="/account/access-log">who has looked at your record</a>.
      </p>

      <h2 className="text-2xl font-bold mb-2">People who can act for you now</h2>
      {d.grants.length === 0 ? <p className="mb-6">Nobody yet.</p> : (
        <ul className="mb-6">
          {d.grants.map(({ grant, name, email }) => (
            <li key={grant.id} className="border-b border-line py-2 flex flex-wrap items-center justify-between gap-2">
              <span><strong>{name}</strong> ({email}), {grant.relationship.toLowerCase()}
                {grant.basis === "appointee" ? ", appointee" : ""}, since {formatDate(grant.grantedAt)}</span>
              {grant.basis === "consent" && (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={grant.id} />
                  <Button secondary>Remove<span className="sr-only"> {name}</span></Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}

      {d.invites.length > 0 && (
        <>
          <h2 className="text-2xl font-bold mb-2">Invitations waiting</h2>
          <ul className="mb-6">
            {d.invites.map((invite) => (
              <li key={invite.id} className="border-b border-line py-2 flex flex-wrap items-center justify-between gap-2">
                <span>{invite.email}, {invite.relationship.toLowerCase()}, until {formatDate(invite.expiresAt)}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="id" value={invite.id} />
                  <Button secondary>Cancel<span className="sr-only"> the invitation to {invite.email}</span></Button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 className="text-2xl font-bold mb-2">Invite someone</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <TextInput name="email" label="Their email address" type="email" defaultValue={v.email} error={errors.email} />
        <Select name="relationship" label="How do they know you?" placeholder="Choose one" defaultValue={v.relationship} error={errors.relationship}
          options={relationships.map((r) => ({ value: r, label: r }))} />
        <Button>Send invitation</Button>
      </Form>
    </div>
  );
}
