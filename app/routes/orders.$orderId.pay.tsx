import { useEffect, useRef, useState } from "react";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/orders.$orderId.pay";
import { notFound } from "../accounts/actor.server";
import { cardPaymentsEnabled } from "../config.server";
import { formatPence } from "../directory/format";
import { parseId } from "../directory/ids";
import { requireOrder } from "../purchasing/access.server";
import { OrderError } from "../purchasing/lifecycle";
import { startCardPayment } from "../purchasing/payments.server";
import { invoiceNumber } from "../purchasing/schedule";
import { invoicesOf } from "../purchasing/views.server";
import { Button, ErrorSummary, Warning } from "../ui";

export const meta = () => [{ title: "Pay by card – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const { actor, order } = requireOrder(request, context, rawId, "buyer");
  const wanted = parseId(new URL(request.url).searchParams.get("invoice") ?? undefined);
  const invoices = invoicesOf(order.order.id).map((i) => i.invoice);
  const invoice = wanted ? invoices.find((i) => i.id === wanted) ?? notFound("No such invoice on this order") : invoices.find((i) => i.status === "issued") ?? null;
  return { actor, order, invoice };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { order, invoice } = load(request, context, params.orderId);
  return { orderId: order.order.id, byCard: order.order.paymentMethod === "card", cardsOn: cardPaymentsEnabled(), invoice, organisationName: order.organisationName };
}

/** Makes (or finds) the invoice's PaymentIntent; the card details go straight from the browser to Stripe. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, invoice } = load(request, context, params.orderId);
  if (!invoice) notFound("There is nothing to pay on this order");
  try {
    const payment = await startCardPayment(actor, invoice.id);
    return { error: null, payment };
  } catch (error) {
    if (error instanceof OrderError) return data({ error: error.message, payment: null }, { status: error.code === "not-permitted" ? 403 : 400 });
    // Stripe unreachable or refusing: say so, and let the person try again later.
    console.warn(`card payment for invoice ${invoice.id} could not start: ${error instanceof Error ? error.message : String(error)}`);
    return data({ error: "We could not reach the card payment service. Nothing has been taken. Please try again in a few minutes.", payment: null }, { status: 502 });
  }
}

type StripeJs = {
  elements: (o: { clientSecret: string }) => { create: (kind: "payment") => { mount: (el: HTMLElement) => void } };
  confirmPayment: (o: { elements: unknown; confirmParams: { return_url: string } }) => Promise<{ error?: { message?: string } }>;
};
declare global {
  interface Window { Stripe?: (key: string) => StripeJs }
}

function loadStripeJs(): Promise<void> {
  if (window.Stripe) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "https://js.stripe.com/v3/";
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("Stripe's card form could not be loaded"));
    document.head.append(script);
  });
}

/** Stripe's own card form, in its frame: card numbers never touch Weave's server. */
function CardForm({ publishableKey, clientSecret, returnUrl }: { publishableKey: string; clientSecret: string; returnUrl: string }) {
  const mountAt = useRef<HTMLDivElement>(null);
  const ready = useRef<{ stripe: StripeJs; elements: unknown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    loadStripeJs().then(() => {
      const stripe = window.Stripe!(publishableKey);
      const elements = stripe.elements({ clientSecret });
      elements.create("payment").mount(mountAt.current!);
      ready.current = { stripe, elements };
    }).catch((e: Error) => setProblem(e.message));
  }, [publishableKey, clientSecret]);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      if (!ready.current) return;
      ready.current.stripe.confirmPayment({ elements: ready.current.elements, confirmParams: { return_url: returnUrl } })
        .then((r) => setProblem(r.error?.message ?? null));
    }}>
      <div ref={mountAt} className="mb-4" />
      {problem && <p role="alert" className="font-bold text-warn mb-2">{problem}</p>}
      <Button>Pay now</Button>
    </form>
  );
}

export default function Pay({ loaderData: d, actionData }: Route.ComponentProps) {
  const back = <p className="mt-4"><Link to={`/orders/${d.orderId}`}>Back to the order</Link></p>;
  if (!d.byCard) return <div className="max-w-3xl"><h1 className="text-4xl font-bold mb-4">Nothing to pay by card</h1><p>This order is paid from a budget through Weave.</p>{back}</div>;
  if (!d.invoice) return <div className="max-w-3xl"><h1 className="text-4xl font-bold mb-4">Nothing to pay yet</h1><p>{d.organisationName} sends an invoice once visits are confirmed.</p>{back}</div>;
  if (d.invoice.status === "paid") return <div className="max-w-3xl"><h1 className="text-4xl font-bold mb-4">Invoice {invoiceNumber(d.invoice.id)} is paid</h1><p>Thank you.</p>{back}</div>;
  return (
    <div className="max-w-3xl">
      {actionData?.error && <ErrorSummary errors={{ pay: actionData.error }} />}
      <h1 className="text-4xl font-bold mb-4">Pay invoice {invoiceNumber(d.invoice.id)}: {formatPence(d.invoice.totalPence)}</h1>
      {!d.cardsOn ? (
        <Warning>Card payments are switched off on this Weave site at the moment, because it has not been given Stripe keys. Send {d.organisationName} a message to agree another way to pay.</Warning>
      ) : actionData?.payment?.clientSecret ? (
        <CardForm publishableKey={actionData.payment.publishableKey} clientSecret={actionData.payment.clientSecret} returnUrl={`${typeof window === "undefined" ? "" : window.location.origin}/orders/${d.orderId}`} />
      ) : (
        <>
          <p className="mb-2">You pay {d.organisationName} through Stripe, who handle card payments for Weave. Your card details go to Stripe, not to Weave.</p>
          <noscript><p className="mb-2 font-bold">Stripe's card form needs JavaScript. Turn it on to pay by card, or send the provider a message to agree another way.</p></noscript>
          <Form method="post" id="pay">
            <Button>Continue to pay by card</Button>
          </Form>
        </>
      )}
      {back}
    </div>
  );
}
