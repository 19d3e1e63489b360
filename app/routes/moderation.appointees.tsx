import { data, Form, Link } from "react-router";
import type { Route } from "./+types/moderation.appointees";
import { allow, requireActor } from "../accounts/actor.server";
import { AppointeeForm } from "../accounts/forms";
import { canRecordAppointee } from "../accounts/permissions";
import { recordAppointee } from "../accounts/representatives.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, Notices, TextArea, TextInput } from "../ui";

const onlyModerators = "Only moderators and administrators can record an appointee.";

export function loader({ request, context }: Route.LoaderArgs) {
  allow(canRecordAppointee(requireActor(request, context)), onlyModerators);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  allow(canRecordAppointee(actor), onlyModerators);
  const form = readForm(AppointeeForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values, done: null }, { status: 400 });
  const result = recordAppointee(actor, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values, done: null }, { status: 400 });
  return {
    errors: {}, values: {},
    done: `${result.appointeeName} is recorded as acting for ${result.holderName}. Their access is in ${result.holderName}'s access log, and ${result.holderName} can see who acts for them.`,
  };
}

export default function Appointees({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="max-w-2xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Record an appointee – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/moderation">Back to the moderation queues</Link></p>
      <h1 className="text-4xl font-bold mb-3">Record an appointee</h1>
      {actionData?.done && <Notices notices={[actionData.done]} />}
      <p className="mb-4">
        An appointee acts for someone who cannot give their own consent. Only record one when you have seen the legal
        authority for it: a DWP appointeeship, a Lasting Power of Attorney, or a Court of Protection order.
      </p>
      {/* After a success the form starts empty again, ready for the next one. */}
      <Form method="post" noValidate key={actionData?.done ?? "form"}>
        <TextInput name="holderEmail" label="Email address of the person being supported" type="email" spellCheck={false}
          hint="The budget holder's Weave account" defaultValue={v.holderEmail} error={errors.holderEmail} />
        <TextInput name="representativeEmail" label="Email address of the appointee" type="email" spellCheck={false}
          hint="They need a Weave account already" defaultValue={v.representativeEmail} error={errors.representativeEmail} />
        <TextInput name="relationship" label="How is the appointee related to the person?" hint="For example: daughter, solicitor, friend"
          defaultValue={v.relationship} error={errors.relationship} />
        <TextArea name="legalBasis" label="Legal basis" rows={3}
          hint="What gives them the authority, with its reference. For example: Lasting Power of Attorney for health and welfare, OPG reference 7000-1234-5678"
          defaultValue={v.legalBasis} error={errors.legalBasis} />
        <Button>Record appointee</Button>
      </Form>
    </div>
  );
}
