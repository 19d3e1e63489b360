import { Form, Link } from "react-router";
import type { Route } from "./+types/reviews.$reviewId.withdraw";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { formatDate } from "../directory/format";
import { attemptReview } from "../reviews/access.server";
import { withdrawReview } from "../reviews/reviews.server";
import { reviewToWithdraw } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewCard } from "../ui";

export const meta = () => [{ title: "Withdraw your review – Weave" }];

function load(request: Request, rawId: string | undefined, context: Route.LoaderArgs["context"]) {
  const actor = requireActor(request, context);
  const id = parseId(rawId) ?? notFound("No such review");
  const found = reviewToWithdraw(actor, id);
  if (found === "missing") notFound("No such review");
  allow(found !== "forbidden", "Only the person a review is about, or someone acting for them, can withdraw it.");
  return { actor, id, found };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { found } = load(request, params.reviewId, context);
  return found;
}

export function action({ request, params, context }: Route.ActionArgs) {
  const { actor, id, found } = load(request, params.reviewId, context);
  return attemptReview(() => withdrawReview(actor, id), `Your review of ${found.serviceName} is withdrawn. It no longer shows anywhere or counts towards the score.`, "review");
}

export default function WithdrawReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const gone = d.removedAt !== null && !actionData?.done;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-4">Withdraw your review of {d.serviceName}</h1>
      {actionData?.done ? (
        <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>
      ) : gone ? (
        <p className="mb-4">{d.removalReason === "withdrawn" ? "This review was withdrawn" : "A moderator removed this review"} on {formatDate(d.removedAt!)}.</p>
      ) : (
        <>
          <ReviewCard review={d.card} organisationName="the provider" />
          <p className="my-4">Withdrawing takes it off Weave straight away: nobody sees it and it stops counting towards the service's score. The provider's reply goes with it. It cannot be put back, and you cannot review the same order again.</p>
          <Form method="post">
            <Button>Withdraw this review</Button>
          </Form>
        </>
      )}
      <p className="mt-4"><Link to="/reviews">Back to your reviews</Link></p>
    </div>
  );
}
