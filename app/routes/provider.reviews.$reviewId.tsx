import { Form, Link } from "react-router";
import type { Route } from "./+types/provider.reviews.$reviewId";
import { formatDate } from "../directory/format";
import { readForm } from "../forms";
import { attemptReview, invalidReview, requireProviderReview } from "../reviews/access.server";
import { ReplyForm } from "../reviews/review-form";
import { replyToReview } from "../reviews/reviews.server";
import { publicPart } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewCard, TextArea } from "../ui";

export const meta = () => [{ title: "A review of your service – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { review, serviceName, open, published, replyBy } = requireProviderReview(request, context, params.reviewId);
  return {
    serviceName, open, published, replyBy, removed: review.removedAt ? { reason: review.removalReason, note: review.removalNote } : null,
    orderId: review.orderId, serviceId: review.serviceId, reviewId: review.id,
    review: open ? publicPart(review) : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, review } = requireProviderReview(request, context, params.reviewId);
  const parsed = readForm(ReplyForm, await request.formData());
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => replyToReview(actor, review.id, parsed.data.reply), "Your reply is published under the review.", "reply", parsed.values);
}

export default function ProviderReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ reply: "Your reply" }} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to="/provider/reviews">Reviews</Link></p>
      <h1 className="text-4xl font-bold mb-4">Review of {d.serviceName}</h1>
      {d.removed && <p className="border-l-8 border-warn bg-wash p-3 mb-4">{d.removed.reason === "withdrawn" ? "The person it is about withdrew this review." : `A moderator removed this review (${d.removed.reason}): ${d.removed.note}`}</p>}
      {!d.review ? (
        <p className="text-lg border-l-8 border-link bg-wash p-3">This review of an order is double-blind: <Link to={`/provider/orders/${d.orderId}/review`}>rate how working with the person went</Link> (privately) to read it and reply. Otherwise it opens to you when it is published on {formatDate(d.replyBy)}.</p>
      ) : (
        <>
          <p className="mb-2">{d.published ? <>Published on <Link to={`/services/${d.serviceId}`}>the service's page</Link>.</> : <>Published on {formatDate(d.replyBy)}, or as soon as you reply.</>}</p>
          <ReviewCard review={d.review} organisationName="you" />
          {d.review.reply === null && !d.removed && (
            <Form method="post" noValidate className="mt-4">
              <TextArea name="reply" label="Your reply" hint="Shown under the review for everyone to read. Be polite, and do not include anyone's personal details. A reply cannot be changed." error={errors.reply} defaultValue={typeof actionData?.values?.reply === "string" ? actionData.values.reply : undefined} />
              <Button>Publish reply</Button>
            </Form>
          )}
          {!d.removed && <p className="mt-4"><Link to={`/reviews/${d.reviewId}/report`}>Report this review to a moderator</Link></p>}
        </>
      )}
    </div>
  );
}
