import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/signup";
import { clientOf, currentActor } from "../accounts/actor.server";
import { accountPurposes, SignUpForm } from "../accounts/forms";
import { safeNext } from "../accounts/redirects";
import { sessionCookie } from "../accounts/sessions.server";
import { signUp } from "../accounts/users.server";
import { readForm } from "../forms";
import { Button, Choices, ErrorSummary, TextInput } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: `${d && "errors" in d ? "Error: " : ""}Create an account – Weave` }];

export function loader({ context }: Route.LoaderArgs) {
  if (currentActor(context)) throw redirect("/account");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const form = readForm(SignUpForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await signUp(form.data, clientOf(request));
  if (!result.ok) return data({ errors: result.errors, values: { ...form.data, password: "" } }, { status: result.status });
  const next = form.data.purpose === "provider" ? "/provider/organisations/new" : safeNext(new URL(request.url).searchParams.get("next"));
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function SignUp({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Create an account</h1>
      <Form method="post" noValidate>
        <TextInput name="name" label="Your name" autoComplete="name" defaultValue={v.name} error={errors.name} />
        <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} defaultValue={v.email} error={errors.email} />
        <TextInput name="password" label="Choose a password" type="password" autoComplete="new-password"
          hint="At least 10 characters. A few words you will remember make a good password." error={errors.password} />
        <Choices name="purpose" type="radio" legend="What do you want to use Weave for?" error={errors.purpose}
          options={accountPurposes.map((p) => ({ value: p.value, label: p.label }))} checked={v.purpose ? [v.purpose] : []} />
        <Button>Create account</Button>
      </Form>
      <p className="mt-4">Already have an account? <Link to="/login">Log in</Link></p>
    </div>
  );
}
