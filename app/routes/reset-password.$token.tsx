import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/reset-password.$token";
import { clientOf } from "../accounts/actor.server";
import { ResetPasswordForm } from "../accounts/forms";
import { sessionCookie } from "../accounts/sessions.server";
import { resetPassword, resetTokenIsLive } from "../accounts/users.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, TextInput } from "../ui";

export const meta = () => [{ title: "Choose a new password – Weave" }];

export function loader({ params }: Route.LoaderArgs) {
  return { live: resetTokenIsLive(params.token) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = readForm(ResetPasswordForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await resetPassword(params.token, form.data.newPassword, clientOf(request));
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect("/account?changed=password", { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function ChooseNewPassword({ loaderData, actionData }: Route.ComponentProps) {
  if (!loaderData.live && !actionData) {
    return (
      <div className="max-w-xl">
        <h1 className="text-4xl font-bold mb-4">This link has expired</h1>
        <p>Reset links work once, for 30 minutes. <Link to="/reset-password">Ask for a new link</Link>.</p>
      </div>
    );
  }
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Choose a new password</h1>
      <Form method="post" noValidate>
        <TextInput name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters" error={errors.newPassword} />
        <Button>Save and log in</Button>
      </Form>
    </div>
  );
}
