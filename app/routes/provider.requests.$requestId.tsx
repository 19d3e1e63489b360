import { data, Form, Link } from "react-router";
import type { Route } from "./+types/provider.requests.$requestId";
import { formatDate, formatPrice } from "../directory/format";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { dayOf } from "../purchasing/schedule";
import { requireProviderRequest } from "../requests/access.server";
import { budgetRange, describeOffer, kindNames, offerStatusNames } from "../requests/labels";
import { OfferChoice, OfferForm } from "../requests/request-form";
import { makeOffer, withdrawOffer } from "../requests/requests.server";
import { Button, ErrorSummary, Select, SummaryList, TextArea, TextInput } from "../ui";

export const meta = () => [{ title: "A request – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { found } = requireProviderRequest(request, context, params.requestId);
  return view(found);
}

function view(found: ReturnType<typeof requireProviderRequest>["found"]) {
  const r = found.request;
  return {
    request: { ...r, kindName: kindNames[r.kind], budget: budgetRange(r.budgetMinPence, r.budgetMaxPence) },
    canOffer: found.canOffer, today: dayOf(new Date()),
    services: found.services.map((s) => ({ value: String(s.id), label: `${s.name} (${s.organisationName}, listed at ${formatPrice(s.pricePence, s.unit)})` })),
    offers: found.myOffers.map(({ offer: o, serviceName, unit, organisationName }) => ({
      id: o.id, organisationName, serviceName, status: o.status, message: o.message, price: formatPrice(o.unitPricePence, unit), ...describeOffer(o, unit),
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, found } = requireProviderRequest(request, context, params.requestId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "withdraw") {
    const choice = readForm(OfferChoice, form);
    if (!choice.ok || !found.myOffers.some((o) => o.offer.id === choice.data.offerId)) return invalid({ withdraw: "Choose one of your offers" });
    return attempt(() => withdrawOffer(actor, choice.data.offerId), "Your offer is withdrawn.", "withdraw");
  }
  const parsed = readForm(OfferForm, form);
  if (!parsed.ok) return data({ errors: parsed.errors, done: null, values: parsed.values }, { status: 400 });
  const result = attempt(() => makeOffer(actor, found.request.id, parsed.data), "Your offer is sent. The person will see it with any others, and can accept it, ask you about it, or decline it.", "serviceId");
  return "data" in result ? data({ ...result.data, values: parsed.values }, result.init ?? undefined) : { ...result, values: {} };
}

export default function ProviderRequest({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = ((actionData && "values" in actionData ? actionData.values : {}) ?? {}) as Record<string, string>;
  const r = d.request;
  const live = d.offers.some((o) => o.status === "open");
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to="/provider/requests">What people are looking for</Link></p>
      <h1 className="text-4xl font-bold mb-4">{r.kindName}: {r.categoryName} in {r.townName}</h1>
      <SummaryList rows={[
        ["What they would like", <span className="whitespace-pre-line">{r.description}</span>],
        ["Where", `${r.townName}, ${r.areaName} (the town only: you see the address once they accept an offer)`],
        ["When", r.whenText],
        ...(r.budget ? [["Could pay each time", r.budget] as [string, string]] : []),
        ["Posted", `${formatDate(r.createdAt)}${r.state === "open" ? `, open until ${formatDate(r.expiresAt)}` : ""}`],
      ]} />

      {d.offers.length > 0 && (
        <section aria-labelledby="your-offers" className="mb-8">
          <h2 id="your-offers" className="text-2xl font-bold mb-2">Your offers</h2>
          <ul>
            {d.offers.map((o) => (
              <li key={o.id} className="border-b border-line py-2">
                <strong>{o.organisationName}: {o.serviceName}</strong>, {o.price}: {o.each}, {o.when}. <em>{offerStatusNames[o.status] === "Waiting for your answer" ? "Waiting for the person's answer" : offerStatusNames[o.status]}</em>
                {o.status === "open" && (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="offerId" value={o.id} />
                    <Button secondary name="intent" value="withdraw">Withdraw this offer</Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {errors.withdraw && <p className="font-bold text-warn">{errors.withdraw}</p>}
        </section>
      )}

      {d.canOffer && !live && (
        d.services.length === 0 ? <p>You have no published priced services to offer. <Link to="/provider">Add one</Link> first.</p> : (
          <section aria-labelledby="offer-heading">
            <h2 id="offer-heading" className="text-2xl font-bold mb-2">Offer to meet this</h2>
            <p className="mb-4">If they accept, it becomes an order at your price, paid from their budget, and you accept it in your inbox as usual.</p>
            <Form method="post" noValidate>
              <Select name="serviceId" label="Which of your services is it?" options={d.services} defaultValue={v.serviceId ?? d.services[0]!.value} error={errors.serviceId} />
              <TextInput name="price" label="Your price, in pounds, for each unit of that service (an hour, a session...)" width="w-32" defaultValue={v.price} error={errors.price} />
              <TextInput name="quantity" label="How many each time?" hint="For example 2 hours, or 1 session" width="w-32" defaultValue={v.quantity ?? "1"} error={errors.quantity} />
              <Select name="recurrence" label="How often?" options={[{ value: "one-off", label: "Once" }, { value: "weekly", label: "Every week" }, { value: "fortnightly", label: "Every other week" }]}
                defaultValue={v.recurrence ?? "weekly"} error={errors.recurrence} />
              <TextInput name="startsOn" label="Date of the first visit" type="date" width="w-48" defaultValue={v.startsOn ?? d.today} error={errors.startsOn} />
              <fieldset className="mb-5">
                <legend className="font-bold text-lg mb-1">Time (optional)</legend>
                <div className="flex flex-wrap gap-4">
                  <TextInput name="timeFrom" label="From" width="w-28" defaultValue={v.timeFrom} error={errors.timeFrom} />
                  <TextInput name="timeTo" label="To" width="w-28" defaultValue={v.timeTo} error={errors.timeTo} />
                </div>
              </fieldset>
              <TextArea name="message" label="Your message to them" hint="Who you are, how you would meet this, and anything they should know" rows={4} defaultValue={v.message} error={errors.message} />
              <Button>Send offer</Button>
            </Form>
          </section>
        )
      )}
    </div>
  );
}
