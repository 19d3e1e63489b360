import type { Route } from "./+types/provider.services.$serviceId.group-offer";
import { editableService } from "../directory/access.server";
import { openOffer } from "../consortia/consortia.server";
import { submitOfferForm } from "../consortia/offer-actions.server";
import { offerFormDefaults } from "../consortia/offer-form";
import { formatPrice } from "../directory/format";
import { dayOf } from "../purchasing/schedule";
import { ErrorSummary, GroupOfferForm } from "../ui";

export const meta = () => [{ title: "Open a group offer – Weave" }];

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { service } = editableService(request, context, params.serviceId);
  return { service: { id: service.id, name: service.name, price: formatPrice(service.pricePence, service.priceUnit), unit: service.priceUnit }, values: offerFormDefaults(dayOf(new Date())), errors: {} as Record<string, string> };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, service } = editableService(request, context, params.serviceId);
  const base = { service: { id: service.id, name: service.name, price: formatPrice(service.pricePence, service.priceUnit), unit: service.priceUnit } };
  return submitOfferForm(request, service.id, base, (terms) => openOffer(actor, terms));
}

export default function NewGroupOffer({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? loaderData;
  const v = d.values as Record<string, string>;
  const e = d.errors;
  const unit = d.service.unit;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={e} />
      <p className="text-muted mb-1">{d.service.name} · {d.service.price} on your own</p>
      <h1 className="text-4xl font-bold mb-4">Open a group offer</h1>
      <p className="mb-6">People who join pay from their own budgets. Each larger group pays less each. The group forms at the closing date if enough people have joined (or earlier, when you start it); otherwise everyone's money goes back.</p>
      <GroupOfferForm values={v} errors={e} unit={unit} submit="Open the group offer" />
    </div>
  );
}
