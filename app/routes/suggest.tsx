import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/suggest";
import { localAuthorities } from "../directory/region";
import { parseSuggestion, suggestionValues, type SuggestionValues } from "../directory/suggestion";
import { suggestService } from "../directory/suggestions.server";
import { categories, days, deliveryModes } from "../directory/vocabulary";
import { Button, Choices, ErrorSummary, Select, TextArea, TextInput } from "../ui";

export async function action({ request }: Route.ActionArgs) {
  const values = suggestionValues(await request.formData());
  const parsed = parseSuggestion(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const { reference } = suggestService(parsed.suggestion);
  return redirect(`/suggest/thanks?ref=${reference}`);
}

const townGroups = localAuthorities.map((a) => ({ label: a.name, options: a.towns.map((t) => ({ value: t.slug, label: t.name })) }));

export default function Suggest({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Partial<SuggestionValues>;
  const text = (k: keyof SuggestionValues) => (typeof v[k] === "string" ? (v[k] as string) : "");
  const list = (k: keyof SuggestionValues) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  return (
    <div className="max-w-2xl">
      {/* Here, not in `meta`: meta never sees the action's errors, and the title must start "Error:" when there are some. */}
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Suggest a local service – Weave`}</title>
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-3">Suggest a local service</h1>
      <p className="text-lg mb-6">
        Tell us about a small local service that is not listed yet: a hairdresser who visits at home on Wednesdays, a
        lunch club, a walking group. We check every suggestion before it appears.
      </p>
      <Form method="post" noValidate>
        <TextInput name="serviceName" label="What is the service called?" hint="For example: Jan's mobile hairdressing" defaultValue={text("serviceName")} error={errors.serviceName} />
        <TextInput name="organisationName" label="Who runs it? (optional)" defaultValue={text("organisationName")} error={errors.organisationName} />
        <TextArea name="description" label="What does it offer?" hint="Who it is for, what happens, what it costs if you know" defaultValue={text("description")} error={errors.description} />
        <Select name="categorySlug" label="What kind of support is it?" placeholder="Choose one" defaultValue={text("categorySlug")} error={errors.categorySlug}
          options={categories.map((c) => ({ value: c.slug, label: c.name }))} />
        <Select name="townSlug" label="Which town is it in, or nearest to?" placeholder="Choose a town" defaultValue={text("townSlug")} error={errors.townSlug} groups={townGroups} />
        <TextInput name="postcode" label="Postcode (optional)" defaultValue={text("postcode")} error={errors.postcode} width="max-w-40" autoComplete="off" />
        <Choices name="deliveryModes" legend="Where does it happen? (optional)" options={deliveryModes.map((d) => ({ value: d.slug, label: d.name }))} checked={list("deliveryModes")} error={errors.deliveryModes} />
        <Choices name="days" legend="Which days? (optional)" options={days.map((d) => ({ value: d.slug, label: d.name }))} checked={list("days")} error={errors.days} />
        <TextInput name="contactPhone" label="The service's phone number (optional)" type="tel" defaultValue={text("contactPhone")} error={errors.contactPhone} width="max-w-64" />
        <TextInput name="contactWebsite" label="The service's website (optional)" type="url" defaultValue={text("contactWebsite")} error={errors.contactWebsite} />
        <TextInput name="suggesterEmail" label="Your email address (optional)" type="email" autoComplete="email"
          hint="Only so we can ask you a question about it. We never publish it or share it." defaultValue={text("suggesterEmail")} error={errors.suggesterEmail} />
        <Button>Send suggestion</Button>
      </Form>
    </div>
  );
}
