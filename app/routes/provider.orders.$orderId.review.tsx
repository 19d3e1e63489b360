import { Form, Link } from "react-router";
import type { Route } from "./+types/provider.orders.$orderId.review";
import { formatDate } from "../directory/format";
import { readForm } from "../forms";
import { requireOrder } from "../purchasing/access.server";
import { attemptReview, invalidReview } from "../reviews/access.server";
import { RelationshipForm } from "../reviews/review-form";
import { rateRelationship } from "../reviews/reviews.server";
import { BLIND_DAYS } from "../reviews/rules";
import { providerOrderReview } from "../reviews/views.server";
import { Button, ErrorSummary, RatingQuestion, ReviewCard, Stars, TextArea } from "../ui";

export const meta = () => [{ title: "Rate this order – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { order } = requireOrder(request, context, params.orderId, "provider");
  return { state: providerOrderReview(order.order.id)!, buyerName: order.buyerName, organisationName: order.organisationName };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "provider");
  const parsed = readForm(RelationshipForm, await request.formData());
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => rateRelationship(actor, order.order.id, parsed.data), "Thank you. Your rating is recorded; it is never public.", "form", parsed.values);
}

export default function ProviderOrderReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const s = d.state;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ stars: "How did working together go?", note: "Anything to add" }} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to={`/provider/orders/${s.order.id}`}>Order {s.order.id}</Link></p>
      <h1 className="text-4xl font-bold mb-4">Reviews of {s.order.serviceName} for {d.buyerName}</h1>

      <section aria-labelledby="rating-heading" className="mb-6">
        <h2 id="rating-heading" className="text-2xl font-bold mb-2">Your rating of working together</h2>
        {s.rating ? (
          <p><Stars value={s.rating.stars} /> {s.rating.note}</p>
        ) : !s.window ? (
          <p>You can rate this once you have recorded a delivery.</p>
        ) : s.review ? (
          <p>The person's review is already open to you, so there is no blind rating to give.</p>
        ) : (
          <Form method="post" noValidate>
            <p className="mb-2">Private: never public. {d.buyerName} sees it only once you have both written, or {BLIND_DAYS} days after the first of you did. Neither of you sees the other's before then.</p>
            <RatingQuestion name="stars" legend="How did working together go?" mode="stars" error={errors.stars} />
            <TextArea name="note" label="Anything to add (optional)" rows={3} error={errors.note} />
            {errors.form && <p className="font-bold text-warn mb-2">{errors.form}</p>}
            <Button>Send rating</Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="review-heading">
        <h2 id="review-heading" className="text-2xl font-bold mb-2">{d.buyerName}'s review</h2>
        {s.review ? (
          <>
            <ReviewCard review={s.review} organisationName={d.organisationName} />
            {s.review.reply === null && <p className="mt-2"><Link to={`/provider/reviews/${s.review.id}`} className="font-bold">Reply to this review</Link></p>}
          </>
        ) : s.reviewWaiting ? (
          <p>{d.buyerName} has written a review. Rate working together above to read it and reply; otherwise it opens to you on {formatDate(s.revealsAt)}.</p>
        ) : <p>No review yet.</p>}
      </section>
    </div>
  );
}
