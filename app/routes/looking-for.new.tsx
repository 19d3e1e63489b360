import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/looking-for.new";
import { requireActor } from "../accounts/actor.server";
import { categories } from "../directory/vocabulary";
import { readForm } from "../forms";
import { postingFor } from "../requests/access.server";
import { PostForm } from "../requests/request-form";
import { EXPIRY_DAYS } from "../requests/labels";
import { postLookingFor } from "../requests/requests.server";
import { Button, Choices, ErrorSummary, Select, TextArea, TextInput, townGroups } from "../ui";

export const meta = () => [{ title: "Post what you are looking for – Weave" }];

const categoryOptions = categories.map((c) => ({ value: c.slug, label: c.name }));

function load(request: Request, context: Route.LoaderArgs["context"]) {
  const actor = requireActor(request, context);
  return { actor, ...postingFor(actor, request) };
}

export function loader({ request, context }: Route.LoaderArgs) {
  const { people, personId } = load(request, context);
  return { people, personId, errors: {} as Record<string, string>, values: {} as Record<string, string>, warned: false };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { actor, people, personId } = load(request, context);
  const parsed = readForm(PostForm, await request.formData());
  const values = parsed.values as Record<string, string>;
  if (!parsed.ok) return data({ people, personId, errors: parsed.errors, values, warned: false }, { status: 400 });
  const posted = postLookingFor(actor, personId, parsed.data);
  if (!posted.ok) return data({ people, personId, errors: posted.errors, values, warned: true }, { status: 400 });
  throw redirect(`/looking-for/${posted.id}?posted=1`);
}

export default function NewPost({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? loaderData;
  const v = d.values;
  const forName = d.people.find((p) => p.id === d.personId)?.name ?? "";
  const forQuery = d.personId === d.people[0]!.id ? "" : `?for=${d.personId}`;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={d.errors} />
      <h1 className="text-4xl font-bold mb-4">Post what you are looking for</h1>
      {forName !== "yourself" && <p className="mb-4">Posting for <strong>{forName}</strong>. They can see it, and every offer.</p>}
      <p className="mb-4">
        Providers in the area who offer this kind of support will see what you write, the town and the kind of support, but not
        {forName === "yourself" ? " your" : " their"} name or address. It is shown for {EXPIRY_DAYS} days; you can renew it or close it at any time.
      </p>
      <Form method="post" noValidate action={`/looking-for/new${forQuery}`}>
        <TextArea name="description" label="What would you like?" rows={4} defaultValue={v.description} error={d.errors.description}
          hint="In your own words, for example: someone to go swimming with me on Saturdays. Do not put names, phone numbers, emails or your full postcode here." />
        {d.warned && (
          <Choices name="sendAsItIs" legend="Send it as it is?" options={[{ value: "yes", label: "I have checked it: send it as it is" }]} checked={[]} small />
        )}
        <Select name="category" label="What kind of support is it?" placeholder="Choose the kind of support" options={categoryOptions} defaultValue={v.category} error={d.errors.category} />
        <Select name="townSlug" label="Which town do you live in, or nearest to?" hint="Only the town is shown, never your address." placeholder="Choose a town"
          groups={townGroups} defaultValue={v.townSlug} error={d.errors.townSlug} />
        <TextInput name="whenText" label="When would you like it?" hint="For example: Saturday mornings, or weekdays after 3pm" defaultValue={v.whenText} error={d.errors.whenText} />
        <fieldset className="mb-5">
          <legend className="font-bold text-lg mb-1">How much could you pay each time? (optional)</legend>
          <p className="text-muted mb-2">In pounds. Leave these empty if you are not sure.</p>
          <div className="flex flex-wrap gap-4">
            <TextInput name="budgetMin" label="From £" width="w-32" inputMode="text" defaultValue={v.budgetMin} error={d.errors.budgetMin} />
            <TextInput name="budgetMax" label="Up to £" width="w-32" inputMode="text" defaultValue={v.budgetMax} error={d.errors.budgetMax} />
          </div>
        </fieldset>
        <Button>Post it</Button>
      </Form>
      <p><Link to="/looking-for">Back to what you are looking for</Link></p>
    </div>
  );
}
