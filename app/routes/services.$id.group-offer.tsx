import type { Route } from "./+types/services.$id.group-offer";
import { notFound, requireActor } from "../accounts/actor.server";
import { budgetsFor, proposeOffer } from "../consortia/consortia.server";
import { submitOfferForm } from "../consortia/offer-actions.server";
import { offerFormDefaults } from "../consortia/offer-form";
import { formatPrice } from "../directory/format";
import { parseId } from "../directory/ids";
import { getService } from "../directory/listings.server";
import { dayOf } from "../purchasing/schedule";
import { ErrorSummary, GroupOfferForm } from "../ui";

export const meta = () => [{ title: "Ask for a group offer – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const actor = requireActor(request, context);
  const found = getService(parseId(rawId) ?? notFound("No such service")) ?? notFound("No such service");
  const s = found.service;
  if (s.priceUnit === "free" || s.pricePence === 0) notFound("This service is free, so there is nothing to buy together");
  const canPropose = [actor.user.id, ...actor.represents].some((h) => budgetsFor(h).some((b) => b.status === "active"));
  return { actor, base: { service: { id: s.id, name: s.name, price: formatPrice(s.pricePence, s.priceUnit), unit: s.priceUnit }, organisationName: found.organisation.name, canPropose } };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { base } = load(request, context, params.id);
  return { ...base, values: offerFormDefaults(dayOf(new Date())), errors: {} as Record<string, string> };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, base } = load(request, context, params.id);
  return submitOfferForm(request, base.service.id, base, (terms) => proposeOffer(actor, terms));
}

export default function ProposeGroupOffer({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? loaderData;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={d.errors} />
      <p className="text-muted mb-1">{d.service.name} · {d.service.price} on your own</p>
      <h1 className="text-4xl font-bold mb-4">Ask {d.organisationName} for a group offer</h1>
      {!d.canPropose ? <p>You need a budget on Weave (or to act for someone with one) to ask for a group offer.</p> : (
        <>
          <p className="mb-6">Suggest the terms: how big a group, what each would pay, when it would run. {d.organisationName} is asked to agree; until they do, nobody can join and nothing is set aside from anyone's budget.</p>
          <GroupOfferForm values={d.values as Record<string, string>} errors={d.errors} unit={d.service.unit} submit="Send to the provider" />
        </>
      )}
    </div>
  );
}
