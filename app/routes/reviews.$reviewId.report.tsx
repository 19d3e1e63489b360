import { data, Form, Link } from "react-router";
import type { Route } from "./+types/reviews.$reviewId.report";
import { clientOf, currentActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { readForm } from "../forms";
import { attemptReview, invalidReview } from "../reviews/access.server";
import { ReportForm } from "../reviews/review-form";
import { reportReview } from "../reviews/reviews.server";
import { reviewToReport } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewCard, TextArea } from "../ui";

export const meta = () => [{ title: "Report a review – Weave" }];

function load(rawId: string | undefined, context: Route.LoaderArgs["context"]) {
  const actor = currentActor(context);
  const id = parseId(rawId);
  const review = id === null ? null : reviewToReport(actor, id);
  if (!review) throw data("No such review", { status: 404 });
  return { actor, review };
}

export function loader({ params, context }: Route.LoaderArgs) {
  return { review: load(params.reviewId, context).review };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, review } = load(params.reviewId, context);
  const parsed = readForm(ReportForm, await request.formData());
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => reportReview(actor, clientOf(request).ip, review.id, parsed.data.reason),
    "Thank you. A Weave moderator will look at this review.", "reason", parsed.values);
}

export default function ReportReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ reason: "What is wrong with it?" }} />
      <h1 className="text-4xl font-bold mb-4">Report a review</h1>
      {actionData?.done ? (
        <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>
      ) : (
        <>
          <p className="mb-2">Moderators remove a review only if it gives away someone's personal details, is abusive, or is not about a real experience. A review is not removed for being negative.</p>
          <ReviewCard review={d.review} organisationName="the provider" />
          <Form method="post" noValidate className="mt-4">
            <TextArea name="reason" label="What is wrong with it?" rows={3} error={errors.reason} defaultValue={typeof actionData?.values?.reason === "string" ? actionData.values.reason : undefined} />
            <Button>Send report</Button>
          </Form>
        </>
      )}
      <p className="mt-4"><Link to="/search">Back to search</Link></p>
    </div>
  );
}
