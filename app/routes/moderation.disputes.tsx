import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/moderation.disputes";
import { formatDate, formatPence } from "../directory/format";
import { readForm } from "../forms";
import { moderator } from "../moderation/access.server";
import { attempt, invalid } from "../purchasing/access.server";
import { ResolveForm } from "../purchasing/order-form";
import { deliveredPence, resolveDispute } from "../purchasing/orders.server";
import { formatQuantity } from "../purchasing/schedule";
import { openDisputes } from "../purchasing/views.server";
import { Button, ErrorSummary, Pagination, TextArea, TextInput, visitWhen } from "../ui";

export const meta = () => [{ title: "Disputes – Moderation – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  moderator(request, context, "Only moderators can decide disputes.");
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const disputes = openDisputes(page);
  return { ...disputes, rows: disputes.rows.map((r) => ({ ...r, due: deliveredPence(r.order, r.visit) - r.visit.creditedPence })), page };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = moderator(request, context, "Only moderators can decide disputes.");
  const parsed = readForm(ResolveForm, await request.formData());
  const id = parsed.values.disputeId;
  if (!parsed.ok) return invalid(Object.fromEntries(Object.entries(parsed.errors).map(([k, m]) => [`${k}-${id}`, m])));
  return attempt(() => resolveDispute(actor, parsed.data.disputeId, { payPence: parsed.data.pay, resolution: parsed.data.resolution }),
    "Decided. Both sides can read your decision on the order.", `pay-${id}`);
}

export default function Disputes({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="mb-1"><Link to="/moderation">Moderation</Link></p>
      <h1 className="text-4xl font-bold mb-2">Disputes ({d.total})</h1>
      <p className="mb-6">A person says support was not delivered as recorded. Nothing is paid for the visit until you decide. Pay the provider between nothing and what is still due; anything less is credited back to the person. Oldest first.</p>
      {d.rows.length === 0 && <p>No disputes waiting.</p>}
      {d.rows.map(({ dispute, visit, order, organisationName, buyerName, messages, due }) => {
        return (
          <article key={dispute.id} className="border-t-4 border-ink pt-3 mb-8" aria-labelledby={`dispute-${dispute.id}`}>
            <h2 id={`dispute-${dispute.id}`} className="text-2xl font-bold">{order.serviceName}: {buyerName} and {organisationName}</h2>
            <p className="text-muted mb-2">Visit {visitWhen(visit)} · disputed {formatDate(dispute.createdAt)}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 mb-3">
              <dt className="font-bold">Booked</dt><dd>{formatQuantity(visit.quantityHundredths, order.unit)}</dd>
              <dt className="font-bold">Provider recorded</dt><dd>{formatQuantity(visit.deliveredQuantityHundredths ?? 0, order.unit)}{visit.deliveredOn ? ` on ${formatDate(visit.deliveredOn)}` : ""}{visit.deliveryNotes ? `: ${visit.deliveryNotes}` : ""}</dd>
              <dt className="font-bold">Person says</dt><dd>{dispute.reason}</dd>
              <dt className="font-bold">Still due</dt><dd>{formatPence(due)}{visit.creditedPence > 0 && ` (after ${formatPence(visit.creditedPence)} credited)`}</dd>
            </dl>
            {messages.length > 0 && (
              <details className="mb-3">
                <summary className="cursor-pointer">Latest messages on the order</summary>
                <ul className="mt-2 space-y-1">{messages.map((m) => <li key={m.id}><strong>{m.authorName ?? "Weave"}:</strong> {m.body}</li>)}</ul>
              </details>
            )}
            <Form method="post" noValidate className="bg-wash p-3">
              <input type="hidden" name="disputeId" value={dispute.id} />
              <TextInput name="pay" id={`pay-${dispute.id}`} label="Pay the provider, £" hint={`Between 0 and ${formatPence(due)}`} width="max-w-32" defaultValue={(due / 100).toFixed(2)} error={errors[`pay-${dispute.id}`]} />
              <TextArea name="resolution" id={`resolution-${dispute.id}`} label="Your decision, for both sides to read" rows={2} error={errors[`resolution-${dispute.id}`]} />
              <Button>Decide</Button>
            </Form>
          </article>
        );
      })}
      <Pagination page={d.page} pages={d.pages} href={(p) => `/moderation/disputes?page=${p}`} />
    </div>
  );
}
