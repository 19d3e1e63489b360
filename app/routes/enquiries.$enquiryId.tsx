import { Link } from "react-router";
import type { Route } from "./+types/enquiries.$enquiryId";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canActAsBuyer, canActAsProvider } from "../accounts/permissions";
import { viewPersonName } from "../budgets/people.server";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { buyerHiddenFrom, enquiryMessages, getEnquiry, HIDDEN_BUYER, openEnquiry, replyToEnquiry } from "../purchasing/messages.server";
import { MessageForm } from "../purchasing/order-form";
import { ErrorSummary, MessageThread } from "../ui";

export const meta = () => [{ title: "Question – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const actor = requireActor(request, context);
  const enquiry = getEnquiry(parseId(rawId) ?? notFound("No such question")) ?? notFound("No such question");
  const side = canActAsBuyer(actor, enquiry) ? "buyer" as const : canActAsProvider(actor, enquiry) ? "provider" as const : null;
  allow(side !== null, "Only the person who asked, someone acting for them, or the provider can see this.");
  return { actor, enquiry, side };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, enquiry, side } = load(request, context, params.enquiryId);
  openEnquiry(actor, enquiry);
  const found = getService(enquiry.serviceId);
  const hidden = buyerHiddenFrom(enquiry, side!);
  return {
    enquiry: { id: enquiry.id, serviceId: enquiry.serviceId, subject: enquiry.subject }, side, buyerName: hidden ? HIDDEN_BUYER : viewPersonName(enquiry.buyerId), organisationName: found?.organisation.name ?? "The provider",
    messages: enquiryMessages(enquiry.id, hidden), sent: new URL(request.url).searchParams.has("sent"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, enquiry, side } = load(request, context, params.enquiryId);
  const parsed = readForm(MessageForm, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors);
  return attempt(() => replyToEnquiry(actor, side!, enquiry.id, parsed.data.body), "Your message is sent.", "body");
}

export default function EnquiryPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      {(d.sent || actionData?.done) && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData?.done ?? `Your question is sent to ${d.organisationName}. Their answer will appear here.`}</div>}
      <p className="text-muted mb-1"><Link to={`/services/${d.enquiry.serviceId}`}>{d.enquiry.subject}</Link></p>
      <h1 className="text-4xl font-bold mb-4">{d.side === "buyer" ? `Your question to ${d.organisationName}` : `Question from ${d.buyerName}`}</h1>
      <MessageThread messages={d.messages} buyerName={d.buyerName} organisationName={d.organisationName} error={errors.body} label="Reply" />
      {d.side === "buyer" && <p><Link to={`/services/${d.enquiry.serviceId}/order`}>Order this service</Link></p>}
    </div>
  );
}
