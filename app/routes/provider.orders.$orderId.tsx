import { Form, Link } from "react-router";
import type { Route } from "./+types/provider.orders.$orderId";
import { canRecordPayouts } from "../accounts/permissions";
import { formatDate, formatPence } from "../directory/format";
import { readForm } from "../forms";
import { attempt, invalid, requireOrder } from "../purchasing/access.server";
import { sharedOrderAction, visitOn } from "../purchasing/order-actions.server";
import { CreditForm, declineReasons, DeclineForm, DeliveryForm, PayoutForm } from "../purchasing/order-form";
import {
  acceptOrder, declineOrder, issueCreditNote, issueInvoice, recordDelivery, recordPayout,
} from "../purchasing/orders.server";
import { amountFor, dayOf, describeCost, describeSchedule, invoiceNumber } from "../purchasing/schedule";
import { orderDetail } from "../purchasing/views.server";
import { Button, ChangeOrStopOrder, ErrorSummary, MessageThread, OrderStatus, Select, SummaryList, TextArea, TextInput, VisitsTable } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `${d.order.order.serviceName} for ${d.order.buyerName} – Weave` : "Order – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "provider");
  return { order, ...orderDetail(order.order.id), today: dayOf(new Date()), payouts: canRecordPayouts(actor) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "provider");
  const id = order.order.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const visit = () => visitOn(id, form);
  const shared = sharedOrderAction(actor, "provider", id, intent, form);
  if (shared) return shared;
  switch (intent) {
    case "accept":
      return attempt(() => acceptOrder(actor, id), "Accepted. The visits are booked and the person is told.", "accept");
    case "decline": {
      const parsed = readForm(DeclineForm, form);
      if (!parsed.ok) return invalid({ ...(parsed.errors.reasonKind && { declineReasonKind: parsed.errors.reasonKind }), ...(parsed.errors.reason && { declineReason: parsed.errors.reason }) });
      return attempt(() => declineOrder(actor, id, parsed.data.reason, parsed.data.reasonKind), "Declined. The person is told why.", "declineReason");
    }
    case "deliver": {
      const v = visit();
      const parsed = readForm(DeliveryForm, form);
      if (!parsed.ok) return invalid(Object.fromEntries(Object.entries(parsed.errors).map(([k, m]) => [`${k}-${v}`, m])));
      return attempt(() => recordDelivery(actor, v, { deliveredOn: parsed.data.deliveredOn, quantityHundredths: parsed.data.quantity, notes: parsed.data.notes }),
        "Delivery recorded. The person is asked to confirm it.", `quantity-${v}`);
    }
    case "credit": {
      const v = visit();
      const parsed = readForm(CreditForm, form);
      if (!parsed.ok) return invalid(Object.fromEntries(Object.entries(parsed.errors).map(([k, m]) => [`${k}-${v}`, m])));
      return attempt(() => issueCreditNote(actor, v, { amountPence: parsed.data.amount, reason: parsed.data.reason }), "Credit note issued.", `amount-${v}`);
    }
    case "invoice":
      return attempt(() => issueInvoice(actor, id), "Invoice sent.", "invoice");
    case "payout": {
      const parsed = readForm(PayoutForm, form);
      if (!parsed.ok) return invalid(parsed.errors);
      return attempt(() => recordPayout(actor, parsed.data.payoutId, parsed.data.reference), "Payout recorded.", "reference");
    }
    default:
      return invalid({ form: "Choose what to do" });
  }
}

export default function ProviderOrder({ loaderData: d, actionData }: Route.ComponentProps) {
  const o = d.order.order;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const delivered = d.visits.some((v) => ["delivered", "disputed", "confirmed", "invoiced", "paid"].includes(v.status));
  return (
    <div className="max-w-5xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to="/provider/inbox">Inbox</Link> · Order {o.id} · <OrderStatus status={o.status} /></p>
      <h1 className="text-4xl font-bold mb-4">{o.serviceName} for {d.order.buyerName}</h1>
      <SummaryList rows={[
        ["For", `${d.order.buyerName}${o.placedBy !== o.buyerId ? ` (ordered by ${d.order.placedByName}, acting for them)` : ""}`],
        ["When", describeSchedule(o)],
        ["Each time", `${describeCost(o.quantityHundredths, o.unit, o.unitPricePence)} = ${formatPence(amountFor(o.unitPricePence, o.quantityHundredths))}`],
        ["Paid by", o.paymentMethod === "card" ? "Card, after each invoice" : `${d.order.paymentName}: the money is set aside when you accept`],
        ...(o.closingReason ? [["Reason given", o.closingReason] as [string, string]] : []),
      ]} />

      {o.status === "requested" && (
        <section aria-labelledby="answer-heading" className="bg-wash p-4 mb-6">
          <h2 id="answer-heading" className="text-2xl font-bold mb-2">Answer this request</h2>
          <Form method="post" className="mb-4">
            <Button name="intent" value="accept">Accept and book the visits</Button>
          </Form>
          {errors.accept && <p id="accept" className="font-bold text-warn mb-2">{errors.accept}</p>}
          <Form method="post" noValidate>
            <h3 className="font-bold mb-2">Or decline it</h3>
            <Select name="reasonKind" id="declineReasonKind" label="The main reason" placeholder="Choose" error={errors.declineReasonKind}
              options={declineReasons.map((r) => ({ value: r.value, label: r.label }))} />
            <TextArea name="reason" id="declineReason" label="Say why, in your words" hint="The person sees this. Suggest another day or service if you can." rows={2} error={errors.declineReason} />
            <Button secondary name="intent" value="decline">Decline</Button>
          </Form>
        </section>
      )}

      <h2 className="text-2xl font-bold mb-2">Visits</h2>
      {d.earlier > 0 && <p className="mb-2 text-muted">{d.earlier} earlier {d.earlier === 1 ? "visit is" : "visits are"} on the invoices.</p>}
      <VisitsTable visits={d.visits} unit={o.unit} actions={(v) => {
        if (v.status === "scheduled") {
          return (
            <>
              {v.date <= d.today && (
                <Form method="post" noValidate className="mb-2">
                  <input type="hidden" name="occurrenceId" value={v.id} />
                  <TextInput name="deliveredOn" id={`deliveredOn-${v.id}`} type="date" label="Date delivered" width="max-w-44" defaultValue={v.date} error={errors[`deliveredOn-${v.id}`]} />
                  <TextInput name="quantity" id={`quantity-${v.id}`} label={`${o.unit === "hour" ? "Hours" : "Units"} delivered`} hint="Less than booked is fine" width="max-w-24" defaultValue={String(v.quantityHundredths / 100)} error={errors[`quantity-${v.id}`]} />
                  <TextInput name="notes" id={`notes-${v.id}`} label="Notes (optional)" defaultValue="" error={errors[`notes-${v.id}`]} />
                  <Button name="intent" value="deliver">Record delivery<span className="sr-only"> for {formatDate(v.date)}</span></Button>
                </Form>
              )}
              <details open={!!errors[`cancel-${v.id}`]}>
                <summary className="cursor-pointer">Cancel this visit</summary>
                <Form method="post" noValidate>
                  <input type="hidden" name="occurrenceId" value={v.id} />
                  <TextArea name="reason" id={`cancel-${v.id}`} label="Why? The person is told." rows={2} error={errors[`cancel-${v.id}`]} />
                  <Button secondary name="intent" value="cancel-visit">Cancel the visit</Button>
                </Form>
              </details>
            </>
          );
        }
        if (v.status === "delivered" || v.status === "disputed") {
          return (
            <details open={!!errors[`amount-${v.id}`] || !!errors[`reason-${v.id}`]}>
              <summary className="cursor-pointer">Issue a credit note</summary>
              <Form method="post" noValidate>
                <input type="hidden" name="occurrenceId" value={v.id} />
                <TextInput name="amount" id={`amount-${v.id}`} label="Amount, £" width="max-w-32" error={errors[`amount-${v.id}`]} />
                <TextInput name="reason" id={`reason-${v.id}`} label="Why" hint="For example: arrived 30 minutes late" error={errors[`reason-${v.id}`]} />
                <Button secondary name="intent" value="credit">Issue credit note</Button>
              </Form>
            </details>
          );
        }
        return null;
      }} />

      {d.toInvoice.n > 0 && (
        <Form method="post" className="bg-wash p-4 mb-6">
          <p className="mb-2">{d.toInvoice.n} confirmed {d.toInvoice.n === 1 ? "visit is" : "visits are"} not invoiced yet: {formatPence(d.toInvoice.total)}.</p>
          {errors.invoice && <p id="invoice" className="font-bold text-warn mb-2">{errors.invoice}</p>}
          <Button name="intent" value="invoice">Send invoice</Button>
        </Form>
      )}

      {d.visits.some((v) => ["delivered", "disputed", "confirmed", "invoiced", "paid"].includes(v.status)) && (
        <p className="mb-6 no-print"><Link to={`/provider/orders/${o.id}/review`} className="font-bold">Reviews: rate working together, read and reply to the person's review</Link></p>
      )}

      {d.invoices.length > 0 && (
        <section aria-labelledby="invoices-heading" className="mb-6">
          <h2 id="invoices-heading" className="text-2xl font-bold mb-2">Invoices and payouts</h2>
          <ul>
            {d.invoices.map(({ invoice, payout, card }) => (
              <li key={invoice.id} className="border-b border-line py-2">
                <Link to={`/orders/${o.id}/invoice#invoice-${invoice.id}`}>Invoice {invoiceNumber(invoice.id)}</Link> · {formatDate(invoice.issuedOn)} · {formatPence(invoice.totalPence)} · {invoice.status === "paid" ? "paid" : "not paid yet"}
                {payout && <> · payout {formatPence(payout.amountPence)} {payout.status === "paid" ? `sent${payout.reference ? ` (${payout.reference})` : ""}` : "due"}{payout.feePence > 0 && `, after Weave's fee of ${formatPence(payout.feePence)}`}</>}
                {card && !payout && <> · card payment {card.status}</>}
                {d.payouts && payout?.status === "due" && (
                  <Form method="post" noValidate className="mt-2">
                    <input type="hidden" name="payoutId" value={payout.id} />
                    <TextInput name="reference" label="Payment reference" hint="Weave finance: record the transfer sent to the provider" width="max-w-64" error={errors.reference} />
                    <Button secondary name="intent" value="payout">Record payout sent</Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <MessageThread messages={d.messages} buyerName={d.order.buyerName} organisationName={d.order.organisationName} error={errors.body} label={`Write to ${d.order.buyerName}`} />

      {o.status === "scheduled" && (
        <ChangeOrStopOrder order={o} unit={o.unit} delivered={delivered} errors={errors} otherSide="The person"
          canChange={o.recurrence !== "one-off"} changeHint="(agreed with the person)" />
      )}
    </div>
  );
}
