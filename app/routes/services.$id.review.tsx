import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/services.$id.review";
import { requireActor } from "../accounts/actor.server";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { readForm } from "../forms";
import { attemptReview, invalidReview } from "../reviews/access.server";
import { ReviewForm } from "../reviews/review-form";
import { reviewService } from "../reviews/reviews.server";
import { REPLY_DAYS } from "../reviews/rules";
import { serviceReviewChoices } from "../reviews/views.server";
import { Button, ErrorSummary, ReviewQuestions, Select } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `Review ${d.service.name} – Weave` : "Review – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string | undefined) {
  const actor = requireActor(request, context);
  const id = parseId(rawId);
  const found = id === null ? null : getService(id);
  if (!found) throw data("No such service", { status: 404 });
  return { actor, found };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, found } = load(request, context, params.id);
  const mode = new URL(request.url).searchParams.get("mode") === "thumbs" ? "thumbs" as const : "stars" as const;
  return { service: found.service, organisationName: found.organisation.name, ...serviceReviewChoices(actor, found.service), mode };
}

const For = z.object({ personId: z.coerce.number({ error: "Choose who the review is for" }).int().positive("Choose who the review is for") });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, found } = load(request, context, params.id);
  const form = await request.formData();
  const parsed = readForm(ReviewForm, form);
  const person = For.safeParse({ personId: form.get("personId") ?? actor.user.id });
  if (!parsed.ok || !person.success) {
    return invalidReview({ ...(person.success ? {} : { personId: "Choose who the review is for" }), ...(parsed.ok ? {} : parsed.errors) }, parsed.values);
  }
  return attemptReview(() => reviewService(actor, found.service.id, person.data.personId, parsed.data),
    `Thank you. ${found.organisation.name} has ${REPLY_DAYS} days to reply; then your review is published.`, "form", parsed.values);
}

export default function ServiceReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const attended = d.choices.some((c) => c.basis === "attended");
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} labels={{ personId: "Who is it for", attended: "You went", reliability: "Reliability", communication: "Communication", value: "Value for money", helpedMe: "Helped me do what matters to me", overall: "Overall", body: "Your review" }} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to={`/services/${d.service.id}`}>{d.service.name}</Link> by {d.organisationName}</p>
      <h1 className="text-4xl font-bold mb-4">Review {d.service.name}</h1>
      {actionData?.done ? <p><Link to="/reviews">Your reviews</Link></p> : d.choices.length === 0 ? (
        <p className="text-lg border-l-8 border-warn bg-wash p-3">{d.reason}</p>
      ) : (
        <>
          <p className="mb-2">{attended
            ? "This is a free group. Anyone who went can review it; the review says it is not a verified purchase."
            : "Your Individual Service Fund paid this provider, so the review is marked as a verified purchase."}{" "}
            {d.organisationName} has {REPLY_DAYS} days to reply before it is published; they cannot change or hide it.</p>
          <p className="mb-4 no-print">{d.mode === "thumbs" ? <Link to="?">Use stars (1 to 5) instead</Link> : <Link to="?mode=thumbs">Use the easy-read form with thumbs up and down</Link>}</p>
          <Form method="post" noValidate>
            {d.choices.length > 1
              ? <Select name="personId" label="Who is this review for?" error={errors.personId} options={d.choices.map((c) => ({ value: String(c.personId), label: c.name }))} />
              : <input type="hidden" name="personId" value={d.choices[0]!.personId} />}
            {attended && (
              <div className="mb-5 flex items-start gap-2">
                <input type="checkbox" id="attended" name="attended" value="yes" className="mt-1 size-5 accent-ink" />
                <label htmlFor="attended" className="font-bold">I went to this group (or the person I act for did)</label>
              </div>
            )}
            <ReviewQuestions mode={d.mode} errors={errors} values={values} />
            {errors.form && <p className="font-bold text-warn mb-2">{errors.form}</p>}
            <Button>Send review</Button>
          </Form>
        </>
      )}
    </div>
  );
}
