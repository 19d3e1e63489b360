import { data, Form, Link } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.starter-pack";
import { allow } from "../accounts/actor.server";
import { canActForPerson } from "../accounts/permissions";
import { requireBudget } from "../budgets/access.server";
import { viewPersonName } from "../budgets/people.server";
import { formatMiles, formatPence, formatPrice } from "../directory/format";
import { days as dayNames, kindLabel, nameOf, priceUnits } from "../directory/vocabulary";
import { readForm } from "../forms";
import { invalid } from "../purchasing/access.server";
import { askForPeerSupporter, peerRequestOf, supportersIn } from "../requests/peers.server";
import { PeerAskForm } from "../requests/request-form";
import { ENOUGH_PEOPLE, NEAR_MILES } from "../requests/fit";
import { starterPack } from "../requests/starter-pack.server";
import { Button, ErrorSummary, Select, TextArea } from "../ui";

export const meta = () => [{ title: "Your starter pack – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string | undefined) {
  const { actor, account } = requireBudget(request, context, rawId, "starter pack");
  allow(canActForPerson(actor, account.holderId), "The starter pack is for the person and those acting for them.");
  return { actor, account };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor, account } = load(request, context, params.budgetId);
  const pack = await starterPack(account, new URL(request.url).searchParams.get("town"));
  const peer = peerRequestOf(account.holderId);
  return {
    budgetId: account.id, pack, forName: actor.user.id === account.holderId ? null : viewPersonName(account.holderId),
    peer: peer && { status: peer.request.status, name: peer.supporterName, email: peer.supporterEmail, about: peer.supporterAbout },
    supporters: supportersIn(account.areaSlug, account.holderId),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account } = load(request, context, params.budgetId);
  const parsed = readForm(PeerAskForm, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors);
  const asked = askForPeerSupporter(actor, { personId: account.holderId, areaSlug: account.areaSlug, message: parsed.data.message });
  return data({ errors: {} as Record<string, string>, done: asked.status === "introduced" ? "You have been introduced to a peer supporter: their details are below." : "Your request is in. We will introduce you as soon as someone in your area offers." });
}

const unitName = (unit: string) => nameOf(priceUnits, unit);

export default function StarterPack({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const p = d.pack;
  const your = d.forName ? `${d.forName}'s` : "your";
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1"><Link to={`/budgets/${d.budgetId}`}>Back to the budget</Link></p>
      <h1 className="text-4xl font-bold mb-2">{d.forName ? `${d.forName}'s starter pack` : "Your starter pack"}</h1>
      <p className="text-lg mb-4">
        Somewhere to start: groups near {d.forName ? "them" : "you"}, three services that look a good fit, what people pay, and someone who has been through it.
        {p.planned ? ` Chosen from ${your} support plan: ${p.kinds.join(", ")}.` : ` There is no support plan yet, so this shows ${p.kinds.join(", ").toLowerCase()}.`}
      </p>
      <Form method="get" className="flex flex-wrap gap-4 items-end mb-6 no-print">
        <Select name="town" label="Near which town?" options={p.area.towns.map((t) => ({ value: t.slug, label: t.name }))} defaultValue={p.town.slug} />
        <Button secondary>Show</Button>
      </Form>

      <section aria-labelledby="groups-heading" className="mb-8">
        <h2 id="groups-heading" className="text-2xl font-bold mb-2">Community groups near {p.town.name}</h2>
        {p.groups.length === 0 ? <p>We found no community groups of these kinds within {NEAR_MILES} miles. <Link to="/search">Search the directory</Link>, or <Link to="/suggest">tell us about one</Link>.</p> : (
          <ul>
            {p.groups.map((g) => (
              <li key={g.serviceId} className="border-b border-line py-2">
                <Link to={`/services/${g.serviceId}`} className="font-bold">{g.name}</Link>
                <span className="text-muted"> · {g.organisationName} ({kindLabel(g.kind)}) · {g.categoryName} · {g.townName}, {formatMiles(g.miles)} · {formatPrice(g.pricePence, g.unit)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="suggested-heading" className="mb-8">
        <h2 id="suggested-heading" className="text-2xl font-bold mb-2">Three services that look a good fit</h2>
        <p className="mb-2 text-muted">Ranked by how well they match {your} plan, how near they are, how many days they work, and their review score once people have reviewed them. They take {your} kind of budget.</p>
        {p.suggestions.length === 0 ? <p>We found none within {NEAR_MILES} miles that take this budget. <Link to="/search">Search the directory</Link>.</p> : (
          <ol className="list-decimal pl-6">
            {p.suggestions.map((s) => (
              <li key={s.serviceId} className="border-b border-line py-2">
                <Link to={`/services/${s.serviceId}`} className="font-bold">{s.name}</Link>
                <span className="text-muted"> · {s.organisationName} ({kindLabel(s.kind)}) · {formatPrice(s.pricePence, s.unit)}</span><br />
                <span>
                  {s.categoryName}; {s.miles === null ? "distance not known" : `${formatMiles(s.miles)} from ${p.town.name}`};{" "}
                  {s.days.length === 0 ? "days not listed" : `works ${s.days.map((x) => nameOf(dayNames, x)).join(", ")}`};{" "}
                  {s.rating === null ? "not yet reviewed" : `rated ${s.rating.toFixed(1)} out of 5 from ${s.ratingCount} ${s.ratingCount === 1 ? "review" : "reviews"}`}.
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="prices-heading" className="mb-8">
        <h2 id="prices-heading" className="text-2xl font-bold mb-2">What to expect to pay in {p.area.name}</h2>
        <table className="border-collapse text-left mb-2">
          <caption className="sr-only">Typical prices by kind of support</caption>
          <thead><tr><th scope="col" className="p-2 border-b-2 border-ink">Kind of support</th><th scope="col" className="p-2 border-b-2 border-ink">Most pay</th><th scope="col" className="p-2 border-b-2 border-ink">From</th></tr></thead>
          <tbody>
            {p.prices.map((g) => (
              <tr key={g.category}>
                <th scope="row" className="p-2 border-b border-line font-normal">{g.categoryName}</th>
                {g.source === "none" ? <td colSpan={2} className="p-2 border-b border-line">No prices yet in this area</td> : (
                  <>
                    <td className="p-2 border-b border-line">{g.low === g.high ? formatPence(g.low) : `${formatPence(g.low)} to ${formatPence(g.high)}`} {unitName(g.unit)} (middle {formatPence(g.median)})</td>
                    <td className="p-2 border-b border-line">{g.source === "paid" ? `Prices paid from budgets in ${p.area.name} (${g.count} orders)` : `Prices listed by ${g.count} ${g.count === 1 ? "service" : "services"} (not enough paid yet)`}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-muted">“Most pay” is the middle half of the prices. Prices paid are used once at least {ENOUGH_PEOPLE} people have paid them; until then, listed prices.</p>
      </section>

      <section aria-labelledby="peer-heading" className="mb-8">
        <h2 id="peer-heading" className="text-2xl font-bold mb-2">A peer supporter</h2>
        <p className="mb-2">Someone in {p.area.name} who has managed their own support and offered to help others get started.</p>
        {d.peer?.status === "introduced" ? (
          <div className="border-l-4 border-go pl-3">
            <p><strong>{d.peer.name}</strong> is {your} peer supporter. Email them at <a href={`mailto:${d.peer.email}`}>{d.peer.email}</a>.</p>
            {d.peer.about && <p className="italic">“{d.peer.about}”</p>}
          </div>
        ) : d.peer ? (
          <p>{d.forName ? "They have" : "You have"} asked for a peer supporter. Nobody in {p.area.name} is free yet; we will introduce {d.forName ? "them" : "you"} as soon as someone offers.</p>
        ) : (
          <Form method="post" noValidate className="no-print">
            <p className="mb-2">{d.supporters === 0 ? `Nobody in ${p.area.name} has offered yet; ask, and we will introduce you when someone does.` : `${d.supporters} ${d.supporters === 1 ? "person has" : "people have"} offered in ${p.area.name}.`} Asking shares {your} name and email with the peer supporter, and theirs with {d.forName ? "them" : "you"}.</p>
            <TextArea name="message" label="What would you like to talk about?" hint="For example: how to find a personal assistant, or what to do first" rows={3} error={errors.message} />
            <Button>Ask for a peer supporter</Button>
          </Form>
        )}
        <p className="mt-2"><Link to="/peer-support">Offer to be a peer supporter yourself</Link></p>
      </section>
    </div>
  );
}
