import { data, Form, Link } from "react-router";
import type { Route } from "./+types/moderation.suggestions.$suggestionId";
import { redirectWithNotice } from "../notices.server";
import { formatDate } from "../directory/format";
import { listFields } from "../directory/listing-forms";
import { suggestionReference } from "../directory/suggestion";
import { categories, days, deliveryModes, nameOf } from "../directory/vocabulary";
import { findTown } from "../directory/region";
import { readForm } from "../forms";
import { suggestionForModerator } from "../moderation/access.server";
import { ApproveForm, approvalValues, RejectForm } from "../moderation/forms";
import { approveSuggestion, rejectSuggestion } from "../moderation/moderation.server";
import { Button, Choices, ErrorSummary, kindOptions, ServiceFields, TextArea, TextInput } from "../ui";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { suggestion } = suggestionForModerator(request, context, params.suggestionId);
  return { suggestion, values: approvalValues(suggestion) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, suggestion } = suggestionForModerator(request, context, params.suggestionId);
  const form = await request.formData();
  const intent = form.get("intent");
  const read = intent === "approve" ? readForm(ApproveForm, form, listFields) : intent === "reject" ? readForm(RejectForm, form) : null;
  if (!read) throw data("That request was not complete.", { status: 400 });
  if (!read.ok) return data({ intent, errors: read.errors, values: read.values }, { status: 400 });
  const result = "reason" in read.data
    ? rejectSuggestion(actor, suggestion.id, read.data.reason)
    : approveSuggestion(actor, suggestion.id, read.data);
  if (!result.ok) throw data(result.message, { status: result.status });
  return redirectWithNotice("/moderation", intent === "approve" ? "approved" : "rejected");
}

export default function ReviewSuggestion({ loaderData: d, actionData }: Route.ComponentProps) {
  const s = d.suggestion;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = (actionData?.intent === "approve" ? actionData.values : d.values) as Record<string, string | string[]>;
  const text = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}${s.serviceName} – Suggested listing – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/moderation">Back to the moderation queues</Link></p>
      <p className="text-muted mb-1">Suggested listing {suggestionReference(s.id)}, sent {formatDate(s.createdAt)}</p>
      <h1 className="text-4xl font-bold mb-4">{s.serviceName}</h1>

      <section aria-labelledby="sent-heading" className="mb-8">
        <h2 id="sent-heading" className="text-2xl font-bold mb-2">What was sent</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-bold">Who runs it</dt><dd>{s.organisationName ?? "Not given"}</dd>
          <dt className="font-bold">Kind of support</dt><dd>{nameOf(categories, s.categorySlug)}</dd>
          <dt className="font-bold">What it offers</dt><dd className="whitespace-pre-line">{s.description}</dd>
          <dt className="font-bold">Where</dt><dd>{findTown(s.townSlug)?.name ?? s.townSlug}{s.postcode ? `, ${s.postcode}` : ""}</dd>
          <dt className="font-bold">How</dt><dd>{s.deliveryModes.map((m) => nameOf(deliveryModes, m)).join(", ") || "Not given"}</dd>
          <dt className="font-bold">Days</dt><dd>{s.days.map((x) => nameOf(days, x)).join(", ") || "Not given"}</dd>
          <dt className="font-bold">Phone</dt><dd>{s.contactPhone ?? "Not given"}</dd>
          <dt className="font-bold">Website</dt><dd>{s.contactWebsite ?? "Not given"}</dd>
          <dt className="font-bold">Sent by</dt><dd>{s.suggesterEmail ?? "No email address given"} <span className="text-muted">(never published)</span></dd>
        </dl>
      </section>

      {s.status !== "pending" ? (
        <p className="text-lg">
          This suggestion was {s.status} on {formatDate(s.reviewedAt!)}.
          {s.status === "approved" && s.serviceId && <> <Link to={`/services/${s.serviceId}`}>See the listing</Link>.</>}
          {s.status === "rejected" && s.reviewNote && <> Reason: {s.reviewNote}</>}
        </p>
      ) : (
        <>
          <section aria-labelledby="approve-heading" className="mb-8">
            <h2 id="approve-heading" className="text-2xl font-bold mb-2">Approve it</h2>
            <p className="mb-4">
              Check and correct the details, then approve: the organisation and service are published at once.
              {s.days.length > 0 && ` The suggestion said it runs on ${s.days.map((x) => nameOf(days, x)).join(", ")}: add the times if you know them.`}
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="approve" />
              <h3 className="text-xl font-bold mb-2">Who runs it</h3>
              <TextInput name="organisationName" label="Name of the organisation or group (optional)" hint="Leave it blank to use the service's name."
                defaultValue={text("organisationName")} error={errors.organisationName} />
              <Choices name="kind" type="radio" legend="What kind of organisation is it?" options={kindOptions} checked={[text("kind")]} error={errors.kind} />
              <TextInput name="staffCount" label="How many staff? (optional unless it is a micro-enterprise)" width="max-w-24"
                defaultValue={text("staffCount")} error={errors.staffCount} />
              <TextInput name="phone" label="Phone number (optional)" type="tel" width="max-w-64" defaultValue={text("phone")} error={errors.phone} />
              <TextInput name="website" label="Website (optional)" type="url" defaultValue={text("website")} error={errors.website} />
              <h3 className="text-xl font-bold mt-6 mb-2">The service</h3>
              <ServiceFields values={values} errors={actionData?.intent === "approve" ? errors : {}} />
              <Button>Approve and publish</Button>
            </Form>
          </section>

          <section aria-labelledby="reject-heading">
            <h2 id="reject-heading" className="text-2xl font-bold mb-2">Reject it</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="reject" />
              <TextArea name="reason" label="Why are you rejecting it?" rows={3} hint="Plain words: it may be passed on to whoever sent it."
                defaultValue={actionData?.intent === "reject" ? (actionData.values as Record<string, string>).reason : ""} error={errors.reason} />
              <Button secondary>Reject suggestion</Button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
