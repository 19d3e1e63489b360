import { Form, Link } from "react-router";
import type { Route } from "./+types/moderation.reviews.$reviewId";
import { formatDate } from "../directory/format";
import { readForm } from "../forms";
import { attemptReview, invalidReview, requireModeratorReview } from "../reviews/access.server";
import { removalReasons, RemovalForm } from "../reviews/review-form";
import { dismissReports, removeReview } from "../reviews/reviews.server";
import { Button, Choices, ErrorSummary, ReviewCard, TextArea } from "../ui";

export const meta = () => [{ title: "A reported review – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { review, serviceName, reports, published } = requireModeratorReview(request, context, params.reviewId);
  return { review, serviceName, reports, published };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, review } = requireModeratorReview(request, context, params.reviewId);
  const form = await request.formData();
  if (form.get("intent") === "dismiss") return attemptReview(() => dismissReports(actor, review.id), "The reports are closed and the review stays.", "form");
  const parsed = readForm(RemovalForm, form);
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => removeReview(actor, review.id, parsed.data), "The review is removed, with your reason logged.", "form", parsed.values);
}

export default function ModerateReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const r = d.review;
  const open = d.reports.filter((x) => x.status === "open");
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ reason: "Policy reason", note: "What breaks the policy" }} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to="/moderation">Moderation</Link></p>
      <h1 className="text-4xl font-bold mb-4">Review of {d.serviceName}</h1>
      {r.removedAt && <p className="border-l-8 border-warn bg-wash p-3 mb-4">Removed {formatDate(r.removedAt)} ({r.removalReason}): {r.removalNote}</p>}
      <p className="mb-2">{d.published ? "Published." : `Not yet published (due ${formatDate(r.publishAt)}).`}</p>
      <ReviewCard review={r} organisationName="the provider" />
      <h2 className="text-2xl font-bold mt-6 mb-2">Reports ({d.reports.length})</h2>
      <ul className="mb-4">{d.reports.map((x) => <li key={x.id} className="border-b border-line py-1">{formatDate(x.createdAt)} · {x.status} · {x.reason}</li>)}</ul>
      {errors.form && <p className="font-bold text-warn mb-2">{errors.form}</p>}
      {!r.removedAt && (
        <>
          <Form method="post" noValidate className="mb-6">
            <h2 className="text-2xl font-bold mb-2">Remove it</h2>
            <p className="mb-2">Only for one of these reasons, never for being negative. The removal and your reason are logged.</p>
            <Choices type="radio" name="reason" legend="Policy reason" options={[...removalReasons]} checked={[]} error={errors.reason} />
            <TextArea name="note" label="What in the review breaks the policy?" rows={3} error={errors.note} />
            <Button name="intent" value="remove">Remove the review</Button>
          </Form>
          {open.length > 0 && (
            <Form method="post">
              <Button secondary name="intent" value="dismiss">Nothing wrong: keep it and close the reports</Button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
