import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/services.$id.order";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canOrderFor } from "../accounts/permissions";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { formatPence, formatPrice } from "../directory/format";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { readForm } from "../forms";
import { OrderForm } from "../purchasing/order-form";
import { placeOrder } from "../purchasing/orders.server";
import { paymentOptions, quoteOrder, type Quote } from "../purchasing/quote.server";
import { dayOf } from "../purchasing/schedule";
import { Button, ErrorSummary, Select, SummaryList, TextArea, TextInput, Warning } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `Order ${d.service.name} – Weave` : "Order – Weave" }];

const unitWords: Record<string, string> = { hour: "hours", session: "sessions", day: "days", week: "weeks", item: "items" };

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const actor = requireActor(request, context);
  const found = getService(parseId(rawId) ?? notFound("No such service")) ?? notFound("No such service");
  const forParam = new URL(request.url).searchParams.get("for");
  const buyerId = forParam ? parseId(forParam) ?? notFound() : actor.user.id;
  allow(canOrderFor(actor, buyerId), "You can only order for yourself or for someone who has allowed you to act for them.");
  const people = [{ id: actor.user.id, name: "yourself" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  return { actor, found, buyerId, people };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { found, buyerId, people } = load(request, context, params.id);
  return { ...view(found, buyerId, people), today: dayOf(new Date()) };
}

function view(found: NonNullable<ReturnType<typeof getService>>, buyerId: number, people: { id: number; name: string }[]) {
  const s = found.service;
  return {
    service: { id: s.id, name: s.name, price: formatPrice(s.pricePence, s.priceUnit), unit: s.priceUnit, free: s.priceUnit === "free" || s.pricePence === 0 },
    organisationName: found.organisation.name,
    buyerId, people, buyerName: people.find((p) => p.id === buyerId)?.name ?? "",
    options: paymentOptions(buyerId, found),
  };
}

type Values = Record<string, string | string[]>;

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, found, buyerId, people } = load(request, context, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "check");
  const parsed = readForm(OrderForm, form);
  const base = { ...view(found, buyerId, people), today: dayOf(new Date()) };
  if (intent === "change" || !parsed.ok) {
    const errors = parsed.ok ? {} : parsed.errors;
    return data({ ...base, step: "form" as const, errors, values: parsed.values, quote: null as Quote | null }, { status: parsed.ok ? 200 : 400 });
  }
  const terms = { ...parsed.data, quantityHundredths: parsed.data.quantity, buyerId };
  if (intent === "place") {
    const placed = placeOrder(actor, { ...terms, serviceId: found.service.id }, new Date());
    if (placed.ok) throw redirect(`/orders/${placed.orderId}?placed=1`);
    return data({ ...base, step: "check" as const, errors: {}, values: parsed.values, quote: { ...quoteOrder(found, terms), refusal: placed.refusal } }, { status: 400 });
  }
  return { ...base, step: "check" as const, errors: {} as Record<string, string>, values: parsed.values, quote: quoteOrder(found, terms) };
}

export default function OrderService({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? { ...loaderData, step: "form" as const, errors: {} as Record<string, string>, values: {} as Values, quote: null };
  const v = d.values as Record<string, string>;
  const errors: Record<string, string> = d.errors;
  const words = unitWords[d.service.unit] ?? "units";
  const forQuery = d.buyerId === d.people[0]!.id ? "" : `?for=${d.buyerId}`;

  if (d.service.free) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-4xl font-bold mb-4">{d.service.name}</h1>
        <p className="text-lg">This service is free, so there is nothing to order or pay for on Weave. Contact {d.organisationName} to book a place.</p>
        <p className="mt-4"><Link to={`/services/${d.service.id}`}>Back to the service</Link></p>
      </div>
    );
  }

  if (d.step === "check" && d.quote) {
    const q = d.quote;
    const byCard = v.payWith?.startsWith("budget-card:") ?? false;
    return (
      <div className="max-w-3xl">
        <h1 className="text-4xl font-bold mb-4">Check your order before sending it</h1>
        <SummaryList rows={[
          ["Service", `${d.service.name}, ${d.organisationName}`],
          ["For", d.buyerName === "yourself" ? "You" : d.buyerName],
          ["When", q.schedule],
          ["Each time", `${q.perVisitLine} = ${formatPence(q.perVisitPence)}`],
          ...(q.firstVisits > 1 ? [["First four weeks", `${q.firstVisits} visits, ${formatPence(q.setAsidePence)}`] as [string, string]] : []),
          ["Paying with", v.payWith === "card" ? "Card" : `${q.budget?.name ?? "Budget"}${byCard ? " card" : ""}`],
          ...(q.budget ? [
            ["Your budget now", `${formatPence(q.budget.availablePence)} available to spend`] as [string, string],
            ["Left after this", `${formatPence(q.budget.leftAfterPence)}, once the provider accepts and ${formatPence(q.setAsidePence)} is set aside`] as [string, string],
          ] : []),
          ...(v.message ? [["Your message", v.message] as [string, string]] : []),
        ]} />
        {q.refusal ? (
          <div role="alert" aria-labelledby="refused-heading" className="border-4 border-warn p-4 mb-6">
            <h2 id="refused-heading" className="text-xl font-bold mb-2">You cannot place this order</h2>
            <p className="mb-2">{q.refusal.explanation}</p>
            <p><strong>What you can do:</strong> {q.refusal.instead}</p>
          </div>
        ) : (
          <>
            <p className="mb-2">Nothing is paid yet. When {d.organisationName} accepts, {v.payWith === "card"
              ? "the visits are booked and you pay each invoice by card after the support is delivered."
              : `${formatPence(q.setAsidePence)} is set aside from the budget so it cannot be spent twice. You are only charged for support you confirm was delivered${byCard ? ", and you pay each invoice with the direct payment card" : ""}.`}</p>
            <Warning>You can cancel free of charge until the support is delivered.</Warning>
          </>
        )}
        <div className="flex flex-wrap gap-4 items-start">
          {!q.refusal && (
            <Form method="post" action={`/services/${d.service.id}/order${forQuery}`}>
              {Object.entries(v).map(([k, val]) => <input key={k} type="hidden" name={k} value={val} />)}
              <Button name="intent" value="place">Place order</Button>
            </Form>
          )}
          <Form method="post" action={`/services/${d.service.id}/order${forQuery}`}>
            {Object.entries(v).map(([k, val]) => <input key={k} type="hidden" name={k} value={val} />)}
            <Button secondary name="intent" value="change">Change the order</Button>
          </Form>
        </div>
      </div>
    );
  }

  const budgetOptions = d.options.budgets.flatMap((b) => {
    const label = `${b.name} (${formatPence(b.availablePence)} available)${!b.takes ? ` – ${d.organisationName} does not take this` : ""}${b.status !== "active" ? ` – ${b.status}` : ""}`;
    return [
      { value: `budget:${b.id}`, label },
      ...(b.hasCard && b.takes && !d.options.card ? [{ value: `budget-card:${b.id}`, label: `${b.name} card – pay each invoice by card (${formatPence(b.availablePence)} available)` }] : []),
    ];
  });
  const options = [...budgetOptions, ...(d.options.card ? [] : [{ value: "card", label: "Card" }])];
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <p className="text-muted mb-1">{d.organisationName} · {d.service.price}</p>
      <h1 className="text-4xl font-bold mb-4">Order {d.service.name}</h1>
      {d.people.length > 1 && (
        <p className="mb-4">
          Ordering for <strong>{d.buyerName}</strong>.{" "}
          {d.people.filter((p) => p.id !== d.buyerId).map((p, i) => (
            <span key={p.id}>{i > 0 && " · "}<Link to={`/services/${d.service.id}/order${p.id === d.people[0]!.id ? "" : `?for=${p.id}`}`}>Order for {p.name} instead</Link></span>
          ))}
        </p>
      )}
      <Form method="post" noValidate action={`/services/${d.service.id}/order${forQuery}`}>
        <TextInput name="quantity" label={`How many ${words} each time?`} hint={d.service.unit === "hour" ? "For example 2, or 1.5 for an hour and a half" : "For example 1"}
          width="max-w-24" inputMode="text" defaultValue={v.quantity ?? (d.service.unit === "hour" ? "2" : "1")} error={errors.quantity} />
        <Select name="recurrence" label="How often?" defaultValue={v.recurrence ?? "weekly"} error={errors.recurrence}
          options={[{ value: "one-off", label: "Once" }, { value: "weekly", label: "Every week" }, { value: "fortnightly", label: "Every other week" }]} />
        <TextInput name="startsOn" type="date" label="Date of the first visit" hint={"Weekly visits are on the same day of the week as this date."}
          width="max-w-48" defaultValue={v.startsOn ?? d.today} error={errors.startsOn} />
        <TextInput name="endsOn" type="date" label="Last date (optional)" hint="For weekly visits. Leave it empty to carry on until you end the order." width="max-w-48" defaultValue={v.endsOn} error={errors.endsOn} />
        <fieldset className="mb-5" aria-describedby="time-hint">
          <legend className="font-bold mb-1">Time (optional)</legend>
          <p id="time-hint" className="text-muted mb-2">For example from 10:00 to 12:00.</p>
          <div className="flex gap-4">
            <TextInput name="timeFrom" label="From" width="max-w-28" defaultValue={v.timeFrom} error={errors.timeFrom} />
            <TextInput name="timeTo" label="To" width="max-w-28" defaultValue={v.timeTo} error={errors.timeTo} />
          </div>
        </fieldset>
        {options.length === 0 ? (
          <Warning>There is no way to pay for this here: {d.buyerName === "yourself" ? "you have" : `${d.buyerName} has`} no budget on Weave{d.options.card ? `, and ${d.options.card.explanation.charAt(0).toLowerCase()}${d.options.card.explanation.slice(1)}` : ""}</Warning>
        ) : (
          <Select name="payWith" label="How will this be paid?" placeholder="Choose" defaultValue={v.payWith ?? (options.length === 1 ? options[0]!.value : undefined)} error={errors.payWith}
            hint={d.options.card ? `Paying by card is not possible here: ${d.options.card.explanation}` : "You pay each invoice by card after the support is delivered."} options={options} />
        )}
        <TextArea name="message" label={`Message to ${d.organisationName} (optional)`} hint="Anything they should know: how to get in, what matters to you." defaultValue={v.message} error={errors.message} rows={4} />
        <Button name="intent" value="check">Continue</Button>
      </Form>
    </div>
  );
}
