import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/services.$id.enquire";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canOrderFor } from "../accounts/permissions";
import { viewPersonName } from "../budgets/people.server";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { readForm } from "../forms";
import { startEnquiry } from "../purchasing/messages.server";
import { MessageForm } from "../purchasing/order-form";
import { Button, ErrorSummary, TextArea } from "../ui";

export const meta = () => [{ title: "Ask a question – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const actor = requireActor(request, context);
  const found = getService(parseId(rawId) ?? notFound("No such service")) ?? notFound("No such service");
  const forParam = new URL(request.url).searchParams.get("for");
  const buyerId = forParam ? parseId(forParam) ?? notFound() : actor.user.id;
  allow(canOrderFor(actor, buyerId), "You can only ask for yourself or for someone who has allowed you to act for them.");
  return { actor, found, buyerId };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, found, buyerId } = load(request, context, params.id);
  return { serviceId: found.service.id, serviceName: found.service.name, organisationName: found.organisation.name, forName: buyerId === actor.user.id ? null : viewPersonName(buyerId) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, found, buyerId } = load(request, context, params.id);
  const parsed = readForm(MessageForm, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const enquiry = startEnquiry(actor, { serviceId: found.service.id, buyerId, body: parsed.data.body });
  throw redirect(`/enquiries/${enquiry.id}?sent=1`);
}

export default function Enquire({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={actionData?.errors ?? {}} />
      <p className="text-muted mb-1"><Link to={`/services/${d.serviceId}`}>{d.serviceName}</Link></p>
      <h1 className="text-4xl font-bold mb-4">Ask {d.organisationName} a question</h1>
      {d.forName && <p className="mb-4">Asking for {d.forName}. They can see the conversation.</p>}
      <Form method="post" noValidate>
        <TextArea name="body" label="Your question" hint="For example: can you come on Tuesday mornings? Do your staff speak Urdu?" rows={5} />
        <Button>Send question</Button>
      </Form>
    </div>
  );
}
