import { data, Form, Link } from "react-router";
import type { Route } from "./+types/moderation.claims.$claimId";
import { redirectWithNotice } from "../notices.server";
import { formatDate } from "../directory/format";
import { describeClaim } from "../directory/vetting";
import { readForm } from "../forms";
import { claimForModerator } from "../moderation/access.server";
import { RejectForm } from "../moderation/forms";
import { rejectVettingClaim, verifyVettingClaim } from "../moderation/moderation.server";
import { Button, ErrorSummary, KindLabel, TextArea, VettingFacts } from "../ui";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { claim, organisation } = claimForModerator(request, context, params.claimId);
  return { claim, organisation };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, claim } = claimForModerator(request, context, params.claimId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "verify") {
    const result = verifyVettingClaim(actor, claim.id);
    if (!result.ok) throw data(result.message, { status: result.status });
    return redirectWithNotice("/moderation", "verified");
  }
  if (intent === "reject") {
    const read = readForm(RejectForm, form);
    if (!read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
    const result = rejectVettingClaim(actor, claim.id, read.data.reason);
    if (!result.ok) throw data(result.message, { status: result.status });
    return redirectWithNotice("/moderation", "claim-rejected");
  }
  throw data("That request was not complete.", { status: 400 });
}

export default function ReviewClaim({ loaderData: d, actionData }: Route.ComponentProps) {
  const c = d.claim;
  const o = d.organisation;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}${describeClaim(c)} – ${o.name} – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="mb-2"><Link to="/moderation">Back to the moderation queues</Link></p>
      <p className="text-muted mb-1">Stated by {o.name} on {formatDate(c.claimedAt)}</p>
      <h1 className="text-4xl font-bold mb-4">{describeClaim(c)}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 mb-4">
        <dt className="font-bold">Organisation</dt><dd><Link to={`/organisations/${o.id}`}>{o.name}</Link> (<KindLabel kind={o.kind} />)</dd>
        <dt className="font-bold">Contact</dt><dd>{[o.phone, o.email, o.website].filter(Boolean).join(" · ") || "None given"}</dd>
      </dl>
      <p className="mb-1">Already checked for this organisation:</p>
      <VettingFacts vetting={o} />
      <p className="my-4">
        Check it against the register it comes from (the CQC, the Charity Commission, Companies House) or a copy of the
        certificate or policy, before you verify it. Verified, it shows on every one of the organisation's listings as checked.
      </p>
      {c.status !== "claimed" ? (
        <p className="text-lg">This was {c.status} on {formatDate(c.reviewedAt!)}.{c.reason && ` Reason: ${c.reason}`}</p>
      ) : (
        <>
          <Form method="post" className="mb-8">
            <input type="hidden" name="intent" value="verify" />
            <Button>Verify</Button>
          </Form>
          <h2 className="text-2xl font-bold mb-2">Reject it</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reject" />
            <TextArea name="reason" label="Why are you rejecting it?" rows={3} hint="The provider sees this, so say what they can do about it."
              defaultValue={(actionData?.values as Record<string, string> | undefined)?.reason} error={errors.reason} />
            <Button secondary>Reject</Button>
          </Form>
        </>
      )}
    </div>
  );
}
