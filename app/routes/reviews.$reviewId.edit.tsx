import { Form, Link } from "react-router";
import type { Route } from "./+types/reviews.$reviewId.edit";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { readForm } from "../forms";
import { attemptReview, invalidReview } from "../reviews/access.server";
import { ReviewForm } from "../reviews/review-form";
import { editReview } from "../reviews/reviews.server";
import { reviewToEdit } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewCard, ReviewQuestions } from "../ui";

export const meta = () => [{ title: "Change your review – Weave" }];

function load(request: Request, rawId: string | undefined, context: Route.LoaderArgs["context"]) {
  const actor = requireActor(request, context);
  const id = parseId(rawId) ?? notFound("No such review");
  const found = reviewToEdit(actor, id);
  if (found === "missing") notFound("No such review");
  allow(found !== "forbidden", "Only the person a review is about, or someone acting for them, can change it.");
  return { actor, id, found };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return load(request, params.reviewId, context).found;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, id, found } = load(request, params.reviewId, context);
  const parsed = readForm(ReviewForm, await request.formData());
  if (!parsed.ok) return invalidReview(parsed.errors, parsed.values);
  return attemptReview(() => editReview(actor, id, parsed.data), `Your review of ${found.serviceName} is changed. It shows your new stars and words, and says it was changed.`, "form", parsed.values);
}

export default function EditReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}Change your review of ${d.serviceName} – Weave`}</title>
      <ErrorSummary errors={errors} labels={{ reliability: "Reliability", communication: "Communication", value: "Value for money", helpedMe: "Helped me do what matters to me", overall: "Overall", body: "Your review" }} />
      <h1 className="text-4xl font-bold mb-4">Change your review of {d.serviceName}</h1>
      {actionData?.done ? (
        <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>
      ) : d.refusal ? (
        <>
          <p className="text-lg border-l-8 border-warn bg-wash p-3 mb-4">{d.refusal}</p>
          <ReviewCard review={d.card} organisationName="the provider" />
        </>
      ) : (
        <>
          <p className="mb-4">You can change it until the provider replies. It keeps its date and says it was changed; the service's score follows your new stars.</p>
          <Form method="post" noValidate>
            <ReviewQuestions mode={d.mode} errors={errors} values={actionData?.values ?? d.values} />
            {errors.form && <p className="font-bold text-warn mb-2">{errors.form}</p>}
            <Button>Save the changed review</Button>
          </Form>
        </>
      )}
      <p className="mt-4"><Link to="/reviews">Back to your reviews</Link></p>
    </div>
  );
}
