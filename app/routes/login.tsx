import { data, Form, Link, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { clientOf, currentActor } from "../accounts/actor.server";
import { LogInForm } from "../accounts/forms";
import { safeNext } from "../accounts/redirects";
import { sessionCookie, findSession, sessionToken } from "../accounts/sessions.server";
import { logIn } from "../accounts/users.server";
import { readForm } from "../forms";
import { Button, ErrorSummary, TextInput } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: `${d && "errors" in d ? "Error: " : ""}Log in – Weave` }];

export function loader({ context, request }: Route.LoaderArgs) {
  if (currentActor(context)) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const form = readForm(LogInForm, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: { email: form.values.email } }, { status: 400 });
  const previous = findSession(sessionToken(request));
  const result = await logIn(form.data, clientOf(request), previous?.sessionId);
  if (!result.ok) return data({ errors: result.errors, values: { email: form.data.email } }, { status: result.status });
  return redirect(safeNext(new URL(request.url).searchParams.get("next")), { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function LogIn({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const [params] = useSearchParams();
  const next = params.get("next");
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Log in</h1>
      <Form method="post" noValidate>
        <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false}
          defaultValue={actionData?.values?.email as string | undefined} error={errors.email} />
        <TextInput name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
        <Button>Log in</Button>
      </Form>
      <p className="mt-4"><Link to="/reset-password">Forgotten your password?</Link></p>
      <p className="mt-2">New to Weave? <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>Create an account</Link></p>
    </div>
  );
}
