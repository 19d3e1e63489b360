import { Form, Link } from "react-router";
import type { Route } from "./+types/orders.$orderId";
import { formatDate, formatPence } from "../directory/format";
import { readForm } from "../forms";
import { attempt, invalid, requireOrder } from "../purchasing/access.server";
import { sharedOrderAction, visitOn } from "../purchasing/order-actions.server";
import { VisitReasonForm } from "../purchasing/order-form";
import { confirmDelivery, raiseDispute } from "../purchasing/orders.server";
import { amountFor, AUTO_CONFIRM_DAYS, describeCost, describeSchedule, invoiceNumber } from "../purchasing/schedule";
import { orderDetail } from "../purchasing/views.server";
import { Button, ChangeOrStopOrder, ErrorSummary, MessageThread, OrderStatus, Panel, SummaryList, TextArea, VisitsTable } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `${d.order.order.serviceName} – your order – Weave` : "Order – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "buyer");
  return { order, ...orderDetail(order.order.id), actingFor: actor.user.id === order.order.buyerId ? null : order.buyerName, placed: new URL(request.url).searchParams.has("placed") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, order } = requireOrder(request, context, params.orderId, "buyer");
  const id = order.order.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const visit = () => visitOn(id, form);
  const shared = sharedOrderAction(actor, "buyer", id, intent, form);
  if (shared) return shared;
  switch (intent) {
    case "confirm": {
      const v = visit();
      return attempt(() => confirmDelivery(actor, v), "Confirmed. Thank you: the provider will be paid for it.", `visit-${v}`);
    }
    case "dispute": {
      const v = visit();
      const parsed = readForm(VisitReasonForm, form);
      if (!parsed.ok) return invalid({ [`reason-${v}`]: parsed.errors.reason ?? "Say what was wrong" });
      return attempt(() => raiseDispute(actor, v, parsed.data.reason), "Thank you. Nothing is paid for this visit until a Weave moderator has looked at it.", `reason-${v}`);
    }
    default:
      return invalid({ form: "Choose what to do" });
  }
}

export default function BuyerOrder({ loaderData: d, actionData }: Route.ComponentProps) {
  const o = d.order.order;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const delivered = d.visits.some((v) => ["delivered", "disputed", "confirmed", "invoiced", "paid"].includes(v.status));
  const unit = o.unit;
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      {d.placed && <Panel title="Order sent">{d.order.organisationName} will accept or decline it. You can see where it has got to here, and on <Link to="/orders" className="text-white!">your orders</Link>.</Panel>}
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      {d.actingFor && <p className="mb-2 border-l-8 border-link bg-wash p-3">You are acting for {d.actingFor}. They can see this order and everything you do on it.</p>}
      <p className="text-muted mb-1">Order {o.id} · <OrderStatus status={o.status} /></p>
      <h1 className="text-4xl font-bold mb-4">{o.serviceName}</h1>
      <SummaryList rows={[
        ["Provider", d.order.organisationName],
        ["For", d.order.buyerName],
        ["When", describeSchedule(o)],
        ["Each time", `${describeCost(o.quantityHundredths, unit, o.unitPricePence)} = ${formatPence(amountFor(o.unitPricePence, o.quantityHundredths))}`],
        ["Paying with", d.order.paymentName],
        ...(o.closingReason ? [[o.status === "declined" ? "Why it was declined" : "Why it was ended", o.closingReason] as [string, string]] : []),
      ]} />

      <h2 className="text-2xl font-bold mb-2">Visits</h2>
      {d.earlier > 0 && <p className="mb-2 text-muted">{d.earlier} earlier {d.earlier === 1 ? "visit is" : "visits are"} on the invoices.</p>}
      <VisitsTableFor visits={d.visits} unit={unit} errors={errors} />
      {delivered && <p className="mb-6 no-print"><Link to={`/orders/${o.id}/review`} className="font-bold">Review this order</Link></p>}

      {d.invoices.length > 0 && (
        <section aria-labelledby="invoices-heading" className="mb-6">
          <h2 id="invoices-heading" className="text-2xl font-bold mb-2">Invoices</h2>
          <ul>
            {d.invoices.map(({ invoice }) => (
              <li key={invoice.id} className="border-b border-line py-2">
                <Link to={`/orders/${o.id}/invoice#invoice-${invoice.id}`}>Invoice {invoiceNumber(invoice.id)}</Link> · {formatDate(invoice.issuedOn)} · {formatPence(invoice.totalPence)} · {invoice.status === "paid" ? "paid" : "not paid yet"}
                {invoice.status === "issued" && o.paymentMethod === "card" && <> · <Link to={`/orders/${o.id}/pay?invoice=${invoice.id}`} className="font-bold">Pay by card</Link></>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <MessageThread messages={d.messages} buyerName={d.order.buyerName} organisationName={d.order.organisationName} error={errors.body} />

      {(o.status === "requested" || o.status === "scheduled") && (
        <ChangeOrStopOrder order={o} unit={unit} delivered={delivered} errors={errors} otherSide="The provider"
          canChange={o.status === "scheduled" && o.recurrence !== "one-off"} changeNote="Changes start tomorrow. Visits already delivered are not changed." />
      )}
    </div>
  );
}

function VisitsTableFor({ visits, unit, errors }: { visits: Route.ComponentProps["loaderData"]["visits"]; unit: string; errors: Record<string, string> }) {
  return (
    <VisitsTable visits={visits} unit={unit} actions={(v) => {
      if (v.status === "delivered") {
        return (
          <>
            <Form method="post">
              <input type="hidden" name="occurrenceId" value={v.id} />
              <Button name="intent" value="confirm">Confirm it was delivered<span className="sr-only"> on {formatDate(v.date)}</span></Button>
            </Form>
            <details open={!!errors[`reason-${v.id}`]}>
              <summary className="cursor-pointer">Something wrong?</summary>
              <Form method="post" noValidate>
                <input type="hidden" name="occurrenceId" value={v.id} />
                <TextArea name="reason" id={`reason-${v.id}`} label="What was wrong?" hint={`A Weave moderator decides what is paid. Tell us within ${AUTO_CONFIRM_DAYS} days of delivery.`} rows={2} error={errors[`reason-${v.id}`]} />
                <Button secondary name="intent" value="dispute">Dispute this visit</Button>
              </Form>
            </details>
          </>
        );
      }
      if (v.status === "scheduled") {
        return (
          <details open={!!errors[`cancel-${v.id}`]}>
            <summary className="cursor-pointer">Cancel this visit</summary>
            <Form method="post" noValidate>
              <input type="hidden" name="occurrenceId" value={v.id} />
              <TextArea name="reason" id={`cancel-${v.id}`} label="Why? The provider is told." hint="Cancelling is free until the support is delivered." rows={2} error={errors[`cancel-${v.id}`]} />
              <Button secondary name="intent" value="cancel-visit">Cancel the visit</Button>
            </Form>
          </details>
        );
      }
      if (v.status === "disputed") return <p>A Weave moderator is looking at this.</p>;
      return errors[`visit-${v.id}`] ? <p className="text-warn font-bold">{errors[`visit-${v.id}`]}</p> : null;
    }} />
  );
}
