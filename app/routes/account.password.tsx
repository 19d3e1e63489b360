import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/account.password";
import { requireActor } from "../accounts/actor.server";
import { ChangePasswordForm } from "../accounts/forms";
import { changePassword } from "../accounts/users.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, TextInput } from "../ui";

export const meta = () => [{ title: "Change your password – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  requireActor(request, context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const form = readForm(ChangePasswordForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await changePassword(actor.user.id, actor.sessionId, form.data);
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect("/account?changed=password");
}

export default function ChangePassword({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Change your password</h1>
      <p className="mb-4">You will stay logged in here; everywhere else you will be logged out.</p>
      <Form method="post" noValidate>
        <TextInput name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
        <TextInput name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters" error={errors.newPassword} />
        <Button>Change password</Button>
      </Form>
    </div>
  );
}
