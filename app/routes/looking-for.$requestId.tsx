import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/looking-for.$requestId";
import { budgetAccountsOf, spendable } from "../budgets/budgets.server";
import { arrangementNames } from "../budgets/labels";
import { viewPersonName } from "../budgets/people.server";
import { cardPaymentsEnabled } from "../config.server";
import { formatDate, formatPence, formatPrice } from "../directory/format";
import { findTown } from "../directory/region";
import { categories, kindLabel, nameOf } from "../directory/vocabulary";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { OrderError } from "../purchasing/lifecycle";
import { requirePersonRequest } from "../requests/access.server";
import { budgetRange, describeOffer, kindNames, offerStatusNames, stateNames } from "../requests/labels";
import { AcceptForm, AskForm, OfferChoice } from "../requests/request-form";
import { acceptOffer, askAboutOffer, closeRequest, declineOffer, offerBelongsTo, renewRequest, stateOf } from "../requests/requests.server";
import type { ReactNode } from "react";
import { Button, ErrorSummary, Select, SummaryList, Tag, TextArea } from "../ui";

export const meta = () => [{ title: "Your request – Weave" }];

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, request: r, offers } = requirePersonRequest(request, context, params.requestId);
  const url = new URL(request.url);
  const payWith = [
    ...budgetAccountsOf(r.personId).filter((b) => b.status === "active").map((b) => ({ value: `budget:${b.id}`, label: `${arrangementNames[b.arrangement] ?? b.arrangement} (${formatPence(spendable(b.id))} available)` })),
    ...(cardPaymentsEnabled() ? [{ value: "card", label: "Card" }] : []),
  ];
  return {
    request: {
      id: r.id, kind: r.kind, kindName: kindNames[r.kind], description: r.description, whenText: r.whenText, category: nameOf(categories, r.category),
      town: findTown(r.townSlug)?.name ?? r.townSlug, budget: budgetRange(r.budgetMinPence, r.budgetMaxPence), state: stateOf(r),
      expiresAt: r.expiresAt, createdAt: r.createdAt,
    },
    forName: actor.user.id === r.personId ? null : viewPersonName(r.personId),
    offers: offers.map(({ offer: o, organisationName, organisationKind, serviceName, unit }) => ({
      id: o.id, organisationName, kind: kindLabel(organisationKind), serviceName, serviceId: o.serviceId, message: o.message, status: o.status,
      price: formatPrice(o.unitPricePence, unit),
      ...describeOffer(o, unit), enquiryId: o.enquiryId, orderId: o.orderId, createdAt: o.createdAt,
    })),
    payWith, posted: url.searchParams.has("posted"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, request: r } = requirePersonRequest(request, context, params.requestId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "close") return attempt(() => closeRequest(actor, r.id), "Closed. Providers no longer see it.", "close");
  if (intent === "renew") return attempt(() => renewRequest(actor, r.id), "Renewed: providers see it for another 30 days.", "renew");
  const choice = readForm(OfferChoice, form);
  // An offer id from another request is treated as not there.
  if (!choice.ok || !offerBelongsTo(r.id, choice.data.offerId)) return invalid({ form: "Choose one of the offers on this request" });
  const offerId = choice.data.offerId;
  switch (intent) {
    case "decline":
      return attempt(() => declineOffer(actor, offerId), "Declined. The provider is told.", `decline-${offerId}`);
    case "ask": {
      const parsed = readForm(AskForm, form);
      if (!parsed.ok) return invalid({ [`body-${offerId}`]: parsed.errors.body ?? "Write your question" });
      const asked = refusedAs(`body-${offerId}`, () => askAboutOffer(actor, offerId, parsed.data.body));
      if (typeof asked !== "number") return asked;
      throw redirect(`/enquiries/${asked}?sent=1`);
    }
    case "accept": {
      const parsed = readForm(AcceptForm, form);
      if (!parsed.ok) return invalid({ [`payWith-${offerId}`]: parsed.errors.payWith ?? "Choose how to pay" });
      const placed = refusedAs(`payWith-${offerId}`, () => acceptOffer(actor, offerId, parsed.data.payWith));
      if (!("ok" in placed)) return placed;
      if (placed.ok) throw redirect(`/orders/${placed.orderId}?placed=1`);
      return invalid({ [`payWith-${offerId}`]: `${placed.refusal.explanation} ${placed.refusal.instead}`.trim() });
    }
    default:
      return invalid({ form: "Choose what to do" });
  }
}

/** Runs a step; a refusal (an OrderError) comes back as a 400 with its message under `field`. */
function refusedAs<T>(field: string, step: () => T): T | ReturnType<typeof invalid> {
  try {
    return step();
  } catch (error) {
    if (error instanceof OrderError) return invalid({ [field]: error.message });
    throw error;
  }
}

export default function RequestPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const r = d.request;
  const open = d.offers.filter((o) => o.status === "open");
  const quotes = r.kind === "quotes";
  // Without JavaScript a form posts to its action: the page's own address, without ?posted.
  const here = `/looking-for/${r.id}`;
  return (
    <div className="max-w-5xl">
      <ErrorSummary errors={errors} />
      {d.posted && !actionData && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">Posted. Providers in {r.town} who offer {r.category.toLowerCase()} can see it now, without your name.</div>}
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to="/looking-for">What you are looking for</Link></p>
      <h1 className="text-4xl font-bold mb-4">{r.kindName}: {r.category}</h1>
      {d.forName && <p className="mb-4">For <strong>{d.forName}</strong>.</p>}
      <SummaryList rows={[
        [quotes ? "What was put out" : "What you would like", <span className="whitespace-pre-line">{r.description}</span>],
        ["Town", r.town],
        ["When", r.whenText],
        ...(r.budget ? [["Could pay each time", r.budget] as [string, string]] : []),
        ["Status", <><Tag tone={r.state === "open" ? "good" : r.state === "expired" ? "warn" : "plain"}>{stateNames[r.state]}</Tag>{r.state === "open" && ` Providers see it until ${formatDate(r.expiresAt)}.`}{r.state === "expired" && " Providers no longer see it. Renew it to show it again."}</>],
      ]} />
      {(r.state === "open" || r.state === "expired") && (
        <div className="flex flex-wrap gap-4 mb-6 no-print">
          <Form method="post" action={here}><Button secondary name="intent" value="renew">Show it for another 30 days</Button></Form>
          <Form method="post" action={here}><Button secondary name="intent" value="close">Close it</Button></Form>
        </div>
      )}
      {(errors.close || errors.renew) && <p className="font-bold text-warn mb-4">{errors.close ?? errors.renew}</p>}

      <h2 className="text-2xl font-bold mb-2">{quotes ? "Quotes" : "Offers"} ({d.offers.length})</h2>
      {d.offers.length === 0 ? <p className="mb-6">No {quotes ? "quotes" : "offers"} yet. Providers are told about requests in their area; you will see {quotes ? "quotes" : "offers"} here.</p> : (
        <div className="overflow-x-auto mb-6">
          <table className="border-collapse text-left">
            <caption className="sr-only">{quotes ? "Quotes" : "Offers"} side by side</caption>
            <thead>
              <tr><td /> {d.offers.map((o) => <th key={o.id} scope="col" className="p-2 border-b-2 border-ink align-bottom min-w-48">{o.organisationName}</th>)}</tr>
            </thead>
            <tbody>
              {([
                ["Kind of organisation", (o) => o.kind],
                ["Service", (o) => <Link to={`/services/${o.serviceId}`}>{o.serviceName}</Link>],
                ["Price", (o) => o.price],
                ["Each time", (o) => o.each],
                ["When", (o) => o.when],
                ["Message", (o) => <span className="whitespace-pre-line">{o.message}</span>],
                ["Status", (o) => o.orderId ? <Link to={`/orders/${o.orderId}`}>{offerStatusNames[o.status]}: see the order</Link> : offerStatusNames[o.status]],
              ] as [string, (o: (typeof d.offers)[number]) => ReactNode][]).map(([label, cell]) => (
                <tr key={label}>
                  <th scope="row" className="p-2 border-b border-line align-top">{label}</th>
                  {d.offers.map((o) => <td key={o.id} className="p-2 border-b border-line align-top">{cell(o)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {r.state === "open" && open.map((o) => (
        <section key={o.id} aria-labelledby={`offer-${o.id}`} className="border-l-4 border-link pl-4 mb-8 no-print">
          <h3 id={`offer-${o.id}`} className="text-xl font-bold mb-2">{o.organisationName}: {o.each}</h3>
          <Form method="post" action={here} noValidate className="mb-4">
            <input type="hidden" name="offerId" value={o.id} />
            {d.payWith.length === 0 ? <p className="mb-2">There is no budget to pay from. Ask the council about your budget, or ask the provider how else you can pay.</p> : (
              <Select name="payWith" id={`payWith-${o.id}`} label="How will this be paid?" options={d.payWith} defaultValue={d.payWith[0]!.value} error={errors[`payWith-${o.id}`]} />
            )}
            <p className="mb-2">
              {quotes ? "Awarding" : "Accepting"} sends {o.organisationName} an order at this price, with {d.forName ? `${d.forName}'s` : "your"} name and contact details, and closes the request.
              Nothing is paid until they accept the order and the support is delivered.
            </p>
            {d.payWith.length > 0 && <Button name="intent" value="accept">{quotes ? "Award this quote" : "Accept this offer"}</Button>}
          </Form>
          <Form method="post" action={here} noValidate className="mb-4">
            <input type="hidden" name="offerId" value={o.id} />
            <TextArea name="body" id={`body-${o.id}`} label={`Ask ${o.organisationName} about it`} rows={3} error={errors[`body-${o.id}`]}
              hint="They will not see your name until you accept an offer." />
            <Button secondary name="intent" value="ask">Send question</Button>
            {o.enquiryId && <p><Link to={`/enquiries/${o.enquiryId}`}>Your questions to {o.organisationName}</Link></p>}
          </Form>
          <Form method="post" action={here}>
            <input type="hidden" name="offerId" value={o.id} />
            <Button secondary name="intent" value="decline">Decline this offer</Button>
            {errors[`decline-${o.id}`] && <p className="font-bold text-warn">{errors[`decline-${o.id}`]}</p>}
          </Form>
        </section>
      ))}
    </div>
  );
}
