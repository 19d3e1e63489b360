import { data, Form } from "react-router";
import type { Route } from "./+types/reset-password";
import { clientOf } from "../accounts/actor.server";
import { ResetRequestForm } from "../accounts/forms";
import { requestPasswordReset } from "../accounts/users.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, Panel, TextInput } from "../ui";

export const meta = () => [{ title: "Reset your password – Weave" }];

export async function action({ request }: Route.ActionArgs) {
  const form = readForm(ResetRequestForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, sent: false }, { status: 400 });
  const result = await requestPasswordReset(form.data.email, clientOf(request), new URL(request.url).origin);
  if (!result.ok) return data({ errors: result.errors, sent: false }, { status: result.status });
  return { errors: {}, sent: true };
}

export default function ResetRequest({ actionData }: Route.ComponentProps) {
  if (actionData?.sent) {
    return (
      <div className="max-w-xl">
        <Panel title="Check your email">If there is an account for that address, we have sent it a link to reset the password.</Panel>
        <p>The link works once, for 30 minutes. If nothing arrives, check your spam folder or try again.</p>
      </div>
    );
  }
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Reset your password</h1>
      <p className="mb-4">We will email you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors.email} />
        <Button>Send the link</Button>
      </Form>
    </div>
  );
}
