// /s and /s/<code>: the short codes printed in the booklet lead to the service's page.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/short-code";
import { readShortCode } from "../booklet/short-code";
import { Button, ErrorSummary, TextInput } from "../ui";

export function loader({ params, request }: Route.LoaderArgs) {
  const typed = (params.code ?? new URL(request.url).searchParams.get("code") ?? "").trim().slice(0, 40);
  if (!typed) return { typed, error: null };
  const id = readShortCode(typed);
  if (id === null) {
    return data({ typed, error: "That code is not right. Check it against the booklet: codes are 4 or more letters and numbers, like 0A7K." }, { status: 404 });
  }
  throw redirect(`/services/${id}`);
}

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: `${d?.error ? "Error: " : ""}Look up a code from a booklet – Weave` }];

export default function ShortCode({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={d.error ? { code: d.error } : {}} />
      <h1 className="text-4xl font-bold mb-3">Look up a code from a booklet</h1>
      <p className="text-lg mb-6">Each service in a printed Weave booklet has a short code. Type it here to see the service.</p>
      <Form method="get" action="/s">
        <TextInput name="code" label="Code" hint="For example, 0A7K" defaultValue={d.typed} error={d.error ?? undefined}
          width="max-w-48" autoComplete="off" spellCheck={false} />
        <Button>Find the service</Button>
      </Form>
    </div>
  );
}
