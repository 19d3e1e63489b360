import { data, Form, Link } from "react-router";
import type { Route } from "./+types/group-offers.introductions";
import { requireActor } from "../accounts/actor.server";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { budgetAreasOf, firstNameOf, introductionsFor, optIn, optOut } from "../consortia/consortia.server";
import { InterestForm, InterestIdForm } from "../consortia/offer-form";
import { findArea } from "../directory/region";
import { categories, nameOf } from "../directory/vocabulary";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { Button, ErrorSummary, Select, TextInput } from "../ui";

export const meta = () => [{ title: "Find others who want the same support – Weave" }];

function load(actor: ReturnType<typeof requireActor>) {
  const people = [{ id: actor.user.id, name: "" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  const where = people.flatMap((p) => budgetAreasOf(p.id).map((area) => ({
    value: `${p.id}:${area}`, label: `${p.name ? `For ${p.name}: ` : ""}${findArea(area)?.name ?? area}`,
  })));
  return {
    where, firstName: firstNameOf(actor.user.id),
    introductions: people.flatMap((p) => introductionsFor(p.id).map((i) => ({ ...i, forName: p.name }))),
  };
}

export function loader({ request, context }: Route.LoaderArgs) {
  return load(requireActor(request, context));
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") === "stop") {
    const parsed = readForm(InterestIdForm, form);
    if (!parsed.ok) return invalid({ form: "Choose what to stop" });
    return attempt(() => optOut(actor, parsed.data.interestId), "Done: your name is no longer shown to anyone for that.", "form");
  }
  const parsed = readForm(InterestForm, form);
  if (!parsed.ok) return invalid(parsed.errors);
  return attempt(() => optIn(actor, { ...parsed.data.where, category: parsed.data.category, displayName: parsed.data.displayName }),
    "Done. You will see others here who want the same, and they will see the name you chose.", "where");
}

export default function Introductions({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <h1 className="text-4xl font-bold mb-2">Find others who want the same support</h1>
      <p className="mb-6">Tell us what kind of support you would like to share. When someone else near you says the same, you both see each other's chosen name here, and any group offers. Nobody else sees anything, and you can stop at any time.</p>

      {d.introductions.length > 0 && (
        <section aria-labelledby="yours-heading" className="mb-8">
          <h2 id="yours-heading" className="text-2xl font-bold mb-2">What you asked for</h2>
          <ul>
            {d.introductions.map(({ interest, others, offers, forName }) => (
              <li key={interest.id} className="border-b border-line py-3">
                <h3 className="text-xl font-bold">{nameOf(categories, interest.category)} in {findArea(interest.areaSlug)?.name ?? interest.areaSlug}{forName ? ` (for ${forName})` : ""}</h3>
                <p>{others.length === 0 ? "Nobody else yet. We will show them here when they say the same." : `${others.length} ${others.length === 1 ? "other person wants" : "others want"} the same: ${others.join(", ")}.`}</p>
                {offers.length > 0 && <p>Open group offers: {offers.map((o, i) => <span key={o.id}>{i > 0 && ", "}<Link to={`/group-offers/${o.id}`}>{o.title}</Link></span>)}</p>}
                <p className="text-muted">Shown to them as “{interest.displayName}”.</p>
                <Form method="post">
                  <input type="hidden" name="interestId" value={interest.id} />
                  <Button secondary name="intent" value="stop">Stop<span className="sr-only"> showing my name for {nameOf(categories, interest.category)}</span></Button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2 className="text-2xl font-bold mb-2">Tell me when others want the same</h2>
      {d.where.length === 0 ? <p>You need a budget on Weave to be introduced to others near you.</p> : (
        <Form method="post" noValidate>
          <Select name="category" label="What kind of support?" placeholder="Choose" options={categories.map((c) => ({ value: c.slug, label: c.name }))} error={errors.category} />
          <Select name="where" label="Where?" options={d.where} error={errors.where} hint="The council area of your budget." />
          <TextInput name="displayName" label="Name others will see" hint="A first name or any name you choose. Nothing else about you is shown." defaultValue={d.firstName} error={errors.displayName} width="max-w-xs" />
          <Button name="intent" value="opt-in">Tell me</Button>
        </Form>
      )}
    </div>
  );
}
