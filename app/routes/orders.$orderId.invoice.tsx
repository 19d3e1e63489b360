import { Link } from "react-router";
import type { Route } from "./+types/orders.$orderId.invoice";
import { formatDate, formatPence } from "../directory/format";
import { requireOrder } from "../purchasing/access.server";
import { creditNoteNumber, describeCost, invoiceNumber } from "../purchasing/schedule";
import { invoicesOf } from "../purchasing/views.server";

export const meta = () => [{ title: "Invoice – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { order } = requireOrder(request, context, params.orderId, "invoice");
  return { order, invoices: invoicesOf(order.order.id) };
}

/** Printable: one invoice per printed page, with what was delivered, credits and the total. */
export default function Invoice({ loaderData: d }: Route.ComponentProps) {
  const o = d.order.order;
  return (
    <div className="max-w-3xl">
      <p className="no-print mb-4"><Link to={`/orders/${o.id}`}>Back to the order</Link> · Use your browser's print command to print or save as PDF.</p>
      {d.invoices.length === 0 && <><h1 className="text-4xl font-bold mb-4">Invoices</h1><p>There is no invoice on this order yet. The provider sends one once visits are confirmed.</p></>}
      {d.invoices.map(({ invoice, lines, credits }, i) => (
        <article key={invoice.id} id={`invoice-${invoice.id}`} className={i < d.invoices.length - 1 ? "mb-12 break-after-page" : "mb-12"}>
          <h1 className="text-3xl font-bold mb-1">Invoice {invoiceNumber(invoice.id)}</h1>
          <p className="mb-4"><strong>{invoice.status === "paid" ? `Paid${invoice.paidAt ? ` ${formatDate(invoice.paidAt)}` : ""}`
            : o.paymentMethod === "budget" ? "Charged to the budget; the payment to the provider is on its way" : "Not paid yet"}</strong></p>
          <div className="grid grid-cols-2 gap-6 mb-6">
            <div>
              <h2 className="font-bold">From</h2>
              <p>{d.order.organisationName}{d.order.organisationAddress && <><br />{d.order.organisationAddress}</>}{d.order.organisationPostcode && <><br />{d.order.organisationPostcode}</>}
                {d.order.organisationEmail && <><br />{d.order.organisationEmail}</>}{d.order.organisationPhone && <><br />{d.order.organisationPhone}</>}</p>
            </div>
            <div>
              <h2 className="font-bold">To</h2>
              <p>{d.order.buyerName}<br />Paid by: {d.order.paymentName}</p>
              <p className="mt-2">Issued {formatDate(invoice.issuedOn)}<br />Order {o.id}</p>
            </div>
          </div>
          <table className="w-full mb-4">
            <caption className="text-left font-bold mb-1">{o.serviceName}</caption>
            <thead><tr className="text-left border-b-2 border-ink"><th scope="col" className="py-1">Date</th><th scope="col">Delivered</th><th scope="col" className="text-right">Amount</th></tr></thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className="border-b border-line">
                  <td className="py-1 pr-3">{formatDate(l.deliveredOn ?? l.date)}</td>
                  <td className="pr-3">{describeCost(l.deliveredQuantityHundredths ?? l.quantityHundredths, o.unit, l.unitPricePence ?? o.unitPricePence)}{l.deliveryNotes ? ` – ${l.deliveryNotes}` : ""}</td>
                  <td className="text-right">{formatPence((l.chargedPence ?? 0) + l.creditedPence)}</td>
                </tr>
              ))}
              {credits.map((c) => (
                <tr key={`c${c.id}`} className="border-b border-line">
                  <td className="py-1 pr-3">{formatDate(c.createdAt)}</td>
                  <td className="pr-3">Credit note {creditNoteNumber(c.id)}: {c.reason}</td>
                  <td className="text-right">−{formatPence(c.amountPence)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot><tr className="font-bold"><td colSpan={2} className="py-2 text-right pr-3">Total</td><td className="text-right">{formatPence(invoice.totalPence)}</td></tr></tfoot>
          </table>
          <p className="text-sm text-muted">
            {o.paymentMethod === "budget" ? `Paid from ${d.order.buyerName}'s ${d.order.paymentName.toLowerCase()} through Weave; nothing to pay by the person.` : o.budgetAccountId ? `Paid with ${d.order.buyerName}'s ${d.order.paymentName.toLowerCase()} through Weave (Stripe), and recorded against the direct payment.` : "Paid by card through Weave (Stripe)."}
          </p>
        </article>
      ))}
    </div>
  );
}
