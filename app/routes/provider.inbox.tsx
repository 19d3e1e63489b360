import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/provider.inbox";
import { requireActor } from "../accounts/actor.server";
import { formatDate, formatPence } from "../directory/format";
import { parseId } from "../directory/ids";
import { OrderError } from "../purchasing/lifecycle";
import { refreshPaymentAccount, startOnboarding } from "../purchasing/payments.server";
import { describeSchedule, formatQuantity, invoiceNumber } from "../purchasing/schedule";
import { providerInbox } from "../purchasing/views.server";
import { reviewsAwaitingReply } from "../reviews/views.server";
import { Button, ErrorSummary, Notices, visitWhen, VisitStatus } from "../ui";

export const meta = () => [{ title: "Inbox – Weave" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const url = new URL(request.url);
  const notices: string[] = [];
  // Back from Stripe's onboarding pages: ask Stripe how it stands now.
  const returned = url.searchParams.get("stripe") === "return" ? parseId(url.searchParams.get("organisation") ?? undefined) : null;
  if (returned) {
    try {
      const account = await refreshPaymentAccount(actor, returned);
      notices.push(account?.chargesEnabled ? "Card payments are set up. People can now pay you by card." : "Stripe still needs some details before you can take card payments.");
    } catch (error) {
      if (!(error instanceof OrderError)) notices.push("We could not check with Stripe just now; the page will update when Stripe tells us.");
    }
  }
  return { inbox: providerInbox(actor), notices, reviews: reviewsAwaitingReply(actor) };
}

const Connect = z.object({ organisationId: z.coerce.number().int().positive() });

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const parsed = Connect.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Choose an organisation" }, { status: 400 });
  const origin = new URL(request.url).origin;
  const back = `${origin}/provider/inbox?stripe=return&organisation=${parsed.data.organisationId}`;
  try {
    const link = await startOnboarding(actor, parsed.data.organisationId, { returnUrl: back, refreshUrl: `${origin}/provider/inbox?stripe=refresh&organisation=${parsed.data.organisationId}` });
    throw redirect(link);
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof OrderError) return data({ error: error.message }, { status: error.code === "not-permitted" ? 403 : 400 });
    console.warn(`Stripe onboarding could not start: ${error instanceof Error ? error.message : String(error)}`);
    return data({ error: "We could not reach Stripe. Please try again in a few minutes." }, { status: 502 });
  }
}

export default function Inbox({ loaderData: d, actionData }: Route.ComponentProps) {
  const i = d.inbox;
  if (!i) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-4xl font-bold mb-4">Inbox</h1>
        <p>You do not work for an organisation on Weave, so no orders come to you. <Link to="/provider">Your organisations</Link></p>
      </div>
    );
  }
  const order = (id: number, text: string) => <Link to={`/provider/orders/${id}`} className="font-bold">{text}</Link>;
  return (
    <div className="max-w-4xl">
      {actionData?.error && <ErrorSummary errors={{ organisationId: actionData.error }} />}
      <h1 className="text-4xl font-bold mb-4">Inbox</h1>
      <Notices notices={d.notices} />

      <section aria-labelledby="requests-heading" className="mb-8">
        <h2 id="requests-heading" className="text-2xl font-bold mb-2">New requests ({i.requests.length})</h2>
        {i.requests.length === 0 ? <p>No requests waiting.</p> : (
          <ul>
            {i.requests.map(({ order: o, buyerName }) => (
              <li key={o.id} className="border-b border-line py-2">
                {order(o.id, `${o.serviceName} for ${buyerName}`)}<br />
                <span className="text-muted">{describeSchedule(o)} · {formatQuantity(o.quantityHundredths, o.unit)} each time · {o.paymentMethod === "card" ? "card" : "budget"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reviews-heading" className="mb-8">
        <h2 id="reviews-heading" className="text-2xl font-bold mb-2">Reviews to reply to ({d.reviews.length})</h2>
        {d.reviews.length === 0 ? <p>No review is waiting for your reply. <Link to="/provider/reviews">All reviews</Link></p> : (
          <ul>
            {d.reviews.map((r) => (
              <li key={r.id} className="border-b border-line py-2">
                <Link to={r.orderId ? `/provider/orders/${r.orderId}/review` : `/provider/reviews/${r.id}`} className="font-bold">Review of {r.serviceName}</Link>
                <span className="text-muted"> · reply by {formatDate(r.replyBy)}, when it is published</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="record-heading" className="mb-8">
        <h2 id="record-heading" className="text-2xl font-bold mb-2">To record delivery ({i.toRecord.length})</h2>
        {i.toRecord.length === 0 ? <p>Nothing to record.</p> : (
          <ul>
            {i.toRecord.map(({ visit, order: o, buyerName }) => (
              <li key={visit.id} className="border-b border-line py-2">{order(o.id, `${buyerName}: ${visitWhen(visit)}`)} <span className="text-muted">· {o.serviceName}, {formatQuantity(visit.quantityHundredths, o.unit)}</span></li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="week-heading" className="mb-8">
        <h2 id="week-heading" className="text-2xl font-bold mb-2">This week</h2>
        {i.thisWeek.length === 0 ? <p>Nothing booked in the next seven days.</p> : (
          <ul>
            {i.thisWeek.map(({ visit, order: o, buyerName }) => (
              <li key={visit.id} className="border-b border-line py-2"><strong>{visitWhen(visit)}</strong> · {order(o.id, buyerName)} <span className="text-muted">· {o.serviceName}, {formatQuantity(visit.quantityHundredths, o.unit)}</span></li>
            ))}
          </ul>
        )}
      </section>

      {i.waiting.length > 0 && (
        <section aria-labelledby="waiting-heading" className="mb-8">
          <h2 id="waiting-heading" className="text-2xl font-bold mb-2">Waiting for the person to confirm</h2>
          <ul>
            {i.waiting.map(({ visit, order: o, buyerName }) => (
              <li key={visit.id} className="border-b border-line py-2">{order(o.id, `${buyerName}: ${visitWhen(visit)}`)} <VisitStatus status={visit.status} /></li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="invoice-heading" className="mb-8">
        <h2 id="invoice-heading" className="text-2xl font-bold mb-2">Invoices and payouts</h2>
        {i.toInvoice.length > 0 && (
          <>
            <h3 className="font-bold">Ready to invoice</h3>
            <ul className="mb-4">
              {i.toInvoice.map(({ order: o, buyerName, n, total }) => (
                <li key={o.id} className="border-b border-line py-2">{order(o.id, `${o.serviceName} for ${buyerName}`)} · {n} confirmed {n === 1 ? "visit" : "visits"}, {formatPence(total)}</li>
              ))}
            </ul>
          </>
        )}
        {i.invoices.length === 0 ? <p>No invoices yet.</p> : (
          <table className="w-full">
            <caption className="sr-only">Recent invoices</caption>
            <thead><tr className="text-left border-b-2 border-ink"><th scope="col" className="py-1">Invoice</th><th scope="col">For</th><th scope="col" className="text-right">Total</th><th scope="col" className="pl-3">Payout</th></tr></thead>
            <tbody>
              {i.invoices.map(({ invoice, payout, order: o, buyerName }) => (
                <tr key={invoice.id} className="border-b border-line">
                  <td className="py-1"><Link to={`/orders/${o.id}/invoice#invoice-${invoice.id}`}>{invoiceNumber(invoice.id)}</Link> <span className="text-muted">{formatDate(invoice.issuedOn)}</span></td>
                  <td>{buyerName}</td>
                  <td className="text-right">{formatPence(invoice.totalPence)}</td>
                  <td className="pl-3">{payout ? `${formatPence(payout.amountPence)} ${payout.status === "paid" ? "paid" : "due"}` : invoice.status === "paid" ? "paid" : "waiting for payment"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {i.enquiries.length > 0 && (
        <section aria-labelledby="enquiries-heading" className="mb-8">
          <h2 id="enquiries-heading" className="text-2xl font-bold mb-2">Questions from people</h2>
          <ul>
            {i.enquiries.map(({ enquiry, buyerName }) => (
              <li key={enquiry.id} className="border-b border-line py-2"><Link to={`/enquiries/${enquiry.id}`}>{buyerName}: {enquiry.subject}</Link> <span className="text-muted">· {formatDate(enquiry.lastMessageAt)}</span></li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="cards-heading" className="mb-8">
        <h2 id="cards-heading" className="text-2xl font-bold mb-2">Card payments</h2>
        {!i.cardPaymentsOn ? (
          <p>Card payments are switched off on this Weave site (it has no Stripe keys). People pay you from their budgets through Weave.</p>
        ) : (
          <ul>
            {i.organisations.map((o) => (
              <li key={o.id} className="border-b border-line py-2">
                <strong>{o.name}</strong>: {o.account?.chargesEnabled ? "takes card payments through Stripe." : o.account ? "Stripe still needs some details." : "not set up for card payments."}
                {!o.account?.chargesEnabled && o.owner && (
                  <Form method="post" className="mt-1">
                    <input type="hidden" name="organisationId" value={o.id} />
                    <Button secondary>{o.account ? "Continue with Stripe" : "Set up card payments with Stripe"}<span className="sr-only"> for {o.name}</span></Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
