import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/orders";
import { requireActor } from "../accounts/actor.server";
import { formatDate, formatPence } from "../directory/format";
import { buyerOrders } from "../purchasing/views.server";
import { describeSchedule, formatQuantity, invoiceNumber } from "../purchasing/schedule";
import { OrderStatus, Pagination, visitWhen, VisitStatus } from "../ui";

export const meta = () => [{ title: "Your orders – Weave" }];

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const page = Page.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { ...buyerOrders(actor, page), page, me: actor.user.name };
}

export default function Orders({ loaderData: d }: Route.ComponentProps) {
  const forWhom = (name: string) => (name === d.me ? "" : ` · for ${name}`);
  const nothing = d.toConfirm.length + d.upcoming.length + d.current.total + d.past.total === 0;
  return (
    <div className="max-w-4xl">
      <h1 className="text-4xl font-bold mb-4">Your orders</h1>
      {nothing && <p className="mb-6 text-lg">No orders yet. <Link to="/search">Find support</Link> and choose "Order this service" on its page.</p>}

      {d.toConfirm.length > 0 && (
        <section aria-labelledby="confirm-heading" className="mb-8">
          <h2 id="confirm-heading" className="text-2xl font-bold mb-2">To confirm</h2>
          <p className="mb-2">The provider says this support was delivered. Confirm it, or tell us if something is wrong. After 7 days it is confirmed for you.</p>
          <ul>
            {d.toConfirm.map(({ visit, order, organisationName, buyerName }) => (
              <li key={visit.id} className="border-b border-line py-2">
                <Link to={`/orders/${order.id}#visit-${visit.id}`} className="font-bold">{order.serviceName}</Link>{" "}
                <span className="text-muted">· {organisationName}{forWhom(buyerName)}</span><br />
                {visitWhen(visit)} · {formatQuantity(visit.deliveredQuantityHundredths ?? visit.quantityHundredths, order.unit)} <VisitStatus status={visit.status} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {d.toPay.length > 0 && (
        <section aria-labelledby="pay-heading" className="mb-8">
          <h2 id="pay-heading" className="text-2xl font-bold mb-2">To pay by card</h2>
          <ul>
            {d.toPay.map(({ invoice, order, organisationName }) => (
              <li key={invoice.id} className="border-b border-line py-2">
                <Link to={`/orders/${order.id}/pay?invoice=${invoice.id}`} className="font-bold">Pay invoice {invoiceNumber(invoice.id)}: {formatPence(invoice.totalPence)}</Link>
                <span className="text-muted"> · {order.serviceName}, {organisationName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="upcoming-heading" className="mb-8">
        <h2 id="upcoming-heading" className="text-2xl font-bold mb-2">Coming up</h2>
        {d.upcoming.length === 0 ? <p>Nothing booked in the next four weeks.</p> : (
          <ul>
            {d.upcoming.map(({ visit, order, organisationName, buyerName }) => (
              <li key={visit.id} className="border-b border-line py-2">
                <strong>{visitWhen(visit)}</strong> · <Link to={`/orders/${order.id}`}>{order.serviceName}</Link>
                <span className="text-muted"> · {formatQuantity(visit.quantityHundredths, order.unit)} · {organisationName}{forWhom(buyerName)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="current-heading" className="mb-8">
        <h2 id="current-heading" className="text-2xl font-bold mb-2">Orders ({d.current.total})</h2>
        {d.current.rows.length === 0 ? <p>No current orders.</p> : (
          <ul>
            {d.current.rows.map(({ order, organisationName, buyerName }) => (
              <li key={order.id} className="border-b border-line py-2">
                <Link to={`/orders/${order.id}`} className="font-bold">{order.serviceName}</Link> <OrderStatus status={order.status} /><br />
                <span className="text-muted">{organisationName}{forWhom(buyerName)} · {describeSchedule(order)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page} pages={d.current.pages} href={(p) => `/orders?page=${p}`} />
      </section>

      <section aria-labelledby="past-heading" className="mb-8">
        <h2 id="past-heading" className="text-2xl font-bold mb-2">Past orders ({d.past.total})</h2>
        {d.past.rows.length === 0 ? <p>None yet.</p> : (
          <ul>
            {d.past.rows.map(({ order, organisationName, buyerName }) => (
              <li key={order.id} className="border-b border-line py-2">
                <Link to={`/orders/${order.id}`}>{order.serviceName}</Link> <OrderStatus status={order.status} />
                <span className="text-muted"> · {organisationName}{forWhom(buyerName)} · ordered {formatDate(order.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page} pages={d.past.pages} href={(p) => `/orders?page=${p}`} />
      </section>

      {d.enquiries.length > 0 && (
        <section aria-labelledby="enquiries-heading">
          <h2 id="enquiries-heading" className="text-2xl font-bold mb-2">Questions you asked</h2>
          <ul>
            {d.enquiries.map(({ enquiry, buyerName }) => (
              <li key={enquiry.id} className="border-b border-line py-2">
                <Link to={`/enquiries/${enquiry.id}`}>{enquiry.subject}</Link><span className="text-muted">{forWhom(buyerName)} · last message {formatDate(enquiry.lastMessageAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
