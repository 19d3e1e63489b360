import { Form, Link } from "react-router";
import type { Route } from "./+types/orders.$orderId.review";
import { formatDate } from "../directory/format";
import { readForm } from "../forms";
import { requireOrder } from "../purchasing/access.server";
import { attemptReview, invalidReview } from "../reviews/access.server";
import { ReviewForm } from "../reviews/review-form";
import { reviewOrder } from "../reviews/reviews.server";
import { BLIND_DAYS, REPLY_DAYS } from "../reviews/rules";
import { orderReviewState } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewCard, ReviewQuestions, Stars } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `Review ${d.state.order.serviceName} – Weave` : "Review – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "buyer");
  const state = orderReviewState(order.order.id)!;
  const mode = new URL(request.url).searchParams.get("mode") === "thumbs" ? "thumbs" as const : "stars" as const;
  return { state, organisationName: order.organisationName, buyerName: order.buyerName, actingFor: actor.user.id === order.order.buyerId ? null : order.buyerName, mode };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "buyer");
  const parsed = readForm(ReviewForm, await request.formData());
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => reviewOrder(actor, order.order.id, parsed.data), `Thank you. ${order.organisationName} has ${REPLY_DAYS} days to reply; then your review is published.`, "form", parsed.values);
}

export default function OrderReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const s = d.state;
  const o = s.order;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ reliability: "Reliability", communication: "Communication", value: "Value for money", helpedMe: "Helped me do what matters to me", overall: "Overall", body: "Your review" }} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to={`/orders/${o.id}`}>Order {o.id}</Link></p>
      <h1 className="text-4xl font-bold mb-4">Review {o.serviceName}</h1>
      {d.actingFor && <p className="mb-4 border-l-8 border-link bg-wash p-3">You are writing this for {d.actingFor}. The review will say it was written by their representative.</p>}

      {s.review ? (
        <section aria-labelledby="yours-heading">
          <h2 id="yours-heading" className="text-2xl font-bold mb-2">Your review</h2>
          <p className="mb-2">{s.published
            ? <>It is published on <Link to={`/services/${o.serviceId}`}>the service's page</Link>.</>
            : <>{d.organisationName} can reply until {formatDate(s.review.publishAt)}; it is published then, or as soon as they reply.</>}
          </p>
          <ReviewCard review={s.review} organisationName={d.organisationName} />
        </section>
      ) : s.refusal ? (
        <p className="text-lg border-l-8 border-warn bg-wash p-3">{s.refusal}</p>
      ) : (
        <>
          <p className="mb-2">Your review helps other people choose. It is marked as a verified purchase. {d.organisationName} is told and has {REPLY_DAYS} days to reply before it is published; they cannot change or hide it.</p>
          {s.window && <p className="mb-4">You can write it until {formatDate(s.window.closesAt)}.</p>}
          <p className="mb-4 no-print">{d.mode === "thumbs"
            ? <Link to="?">Use stars (1 to 5) instead</Link>
            : <Link to="?mode=thumbs">Use the easy-read form with thumbs up and down</Link>}</p>
          <Form method="post" noValidate>
            <ReviewQuestions mode={d.mode} errors={errors} values={actionData?.values ?? {}} />
            {errors.form && <p className="font-bold text-warn mb-2">{errors.form}</p>}
            <Button>Send review</Button>
          </Form>
        </>
      )}

      <section aria-labelledby="provider-heading" className="mt-6">
        <h2 id="provider-heading" className="text-2xl font-bold mb-2">{d.organisationName}'s rating of working with you</h2>
        {s.providerRating
          ? <><p><Stars value={s.providerRating.stars} /></p>{s.providerRating.note && <p className="whitespace-pre-line">{s.providerRating.note}</p>}<p className="text-muted text-sm">Only you, people acting for you and Weave's moderators see this.</p></>
          : <p>Providers can rate how working together went. It is never public. Neither of you sees the other's rating until you have both written one, or {BLIND_DAYS} days after the first.</p>}
      </section>
    </div>
  );
}
