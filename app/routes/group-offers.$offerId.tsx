import { data, Form, Link } from "react-router";
import type { Route } from "./+types/group-offers.$offerId";
import { currentActor, notFound, requireActor } from "../accounts/actor.server";
import { peopleRepresentedBy } from "../accounts/representatives.server";
import { arrangementNames } from "../budgets/labels";
import { acceptProposal, budgetsFor, closeOffer, confirmNewPrice, firstNameOf, joinLater, type JoinLaterResult, leaveGroup, offerPage, pledge, type PledgeResult, withdrawOffer, withdrawPledge } from "../consortia/consortia.server";
import { CallOffForm, describeDeadline, PledgeForm, PledgeIdForm } from "../consortia/offer-form";
import { formatDate, formatPence, formatPrice } from "../directory/format";
import type { PriceUnit } from "../directory/vocabulary";
import { parseId } from "../directory/ids";
import { readForm } from "../forms";
import { attempt, invalid } from "../purchasing/access.server";
import { describeSchedule, formatQuantity } from "../purchasing/schedule";
import { Button, ErrorSummary, Select, SummaryList, TextArea, TextInput, Warning } from "../ui";

export const meta = ({ data: d }: Route.MetaArgs) => [{ title: d ? `${d.page.offer.title} – group offer – Weave` : "Group offer – Weave" }];

const statusWords: Record<string, string> = {
  pledged: "You have joined: money is set aside until the group forms", waiting: "You are on the waiting list: nothing is set aside",
  member: "You are a member of this group", left: "You have given notice",
};

function load(rawId: string | undefined, actor: ReturnType<typeof currentActor>) {
  const id = parseId(rawId) ?? notFound("No such group offer");
  return offerPage(id, actor) ?? notFound("No such group offer");
}

/** The budgets this person can pledge from: their own, and those of people they act for. */
function budgetChoices(actor: NonNullable<ReturnType<typeof currentActor>>) {
  const people = [{ id: actor.user.id, name: "" }, ...peopleRepresentedBy(actor.user.id).map((p) => ({ id: p.grant.holderId, name: p.name }))];
  return people.flatMap((p) => budgetsFor(p.id).filter((b) => b.status === "active").map((b) => ({
    value: `${p.id}:${b.id}`, label: `${p.name ? `${p.name}'s ` : "Your "}${arrangementNames[b.arrangement] ?? b.arrangement}`, firstName: firstNameOf(p.id),
  })));
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = currentActor(context);
  const page = load(params.offerId, actor);
  const { firstPeriodAt, ...rest } = page;
  return {
    page: rest, signedIn: !!actor, loginPath: `/login?next=${encodeURIComponent(new URL(request.url).pathname)}`,
    choices: actor && (page.offer.status === "open" || page.joinableLater) ? budgetChoices(actor) : [],
    tierTotals: page.offer.tiers.map((t) => firstPeriodAt(t.pricePence)), deadlineText: describeDeadline(page.offer.pledgeDeadline),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const { offer } = load(params.offerId, actor);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const pledgeId = () => readForm(PledgeIdForm, form).ok ? Number(form.get("pledgeId")) : notFound("No such place in this group");
  switch (intent) {
    case "pledge": {
      const parsed = readForm(PledgeForm, form);
      if (!parsed.ok) return invalid(parsed.errors);
      if (offer.status === "committed") {
        let joined: JoinLaterResult | null = null;
        const refused = attempt(() => { joined = joinLater(actor, { offerId: offer.id, ...parsed.data.budget, displayName: parsed.data.displayName }); }, "", "budget");
        const j = joined as JoinLaterResult | null;
        if (!j) return refused;
        if (!j.ok) return invalid({ budget: `${j.refusal.explanation} ${j.refusal.instead}`.trim() });
        return { errors: {}, done: j.status === "waiting" ? "The group is full, so you are on the waiting list. Nothing is set aside until a place comes free." : `You have joined from ${formatDate(j.from)} at ${formatPrice(j.pricePence, offer.unit)}. ${formatPence(j.setAsidePence)} is set aside from your budget for the first four weeks; your order is on your orders page.` };
      }
      let outcome: PledgeResult | null = null;
      const refused = attempt(() => { outcome = pledge(actor, { offerId: offer.id, ...parsed.data.budget, displayName: parsed.data.displayName }); }, "", "budget");
      const r = outcome as PledgeResult | null;
      if (!r) return refused;
      if (!r.ok) return invalid({ budget: `${r.refusal.explanation} ${r.refusal.instead}`.trim() });
      return { errors: {}, done: r.status === "waiting" ? "The group is full, so you are on the waiting list. Nothing is set aside until a place comes free." : `You have joined. ${formatPence(r.reservedPence)} is set aside from your budget until the group forms.` };
    }
    case "withdraw":
      return attempt(() => withdrawPledge(actor, pledgeId()), "You have withdrawn, and the money set aside has gone back to your budget.", "withdraw");
    case "leave": {
      let leavesOn = "";
      const refused = attempt(() => { leavesOn = leaveGroup(actor, pledgeId()).leavesOn; }, "", "leave");
      if (!leavesOn) return refused;
      return { errors: {}, done: `You have given notice. Your last session is on or before ${formatDate(leavesOn)}; later sessions are cancelled and their money goes back.` };
    }
    case "confirm-price": {
      let confirmed: { from: string; pricePence: number } | null = null;
      const refused = attempt(() => { confirmed = confirmNewPrice(actor, pledgeId()); }, "", "price");
      const c = confirmed as { from: string; pricePence: number } | null;
      if (!c) return refused;
      return { errors: {}, done: `You confirmed the new price: ${formatPrice(c.pricePence, offer.unit)} from ${formatDate(c.from)}. Sessions before then keep your old price.` };
    }
    case "accept":
      return attempt(() => acceptProposal(actor, offer.id), "You agreed: the offer is open, people can join it and it shows in search.", "close");
    case "close":
      return attempt(() => closeOffer(actor, offer.id), "The group is formed: each member has an order and has been told.", "close");
    case "call-off": {
      const parsed = readForm(CallOffForm, form);
      if (!parsed.ok) return invalid(parsed.errors);
      return attempt(() => withdrawOffer(actor, offer.id, parsed.data.reason), "The offer is called off. Everyone who joined has their money back and has been told.", "reason");
    }
    default:
      return data({ errors: { form: "Choose what to do" }, done: null }, { status: 400 });
  }
}

/** What a member pays now, what later sessions will cost if that changes, and the most they agreed to. */
function YourPrice({ agreedPence, paying, unit, orderId }: { agreedPence: number; paying: { orderPricePence: number; next: { date: string; pricePence: number } | null } | null; unit: PriceUnit; orderId: number | null }) {
  const order = orderId && <Link to={`/orders/${orderId}`}>Your order</Link>;
  if (!paying?.next) return <p>Your price: {formatPrice(paying?.orderPricePence ?? agreedPence, unit)}. {order}</p>;
  return (
    <p>
      You pay {formatPrice(paying.next.pricePence, unit)} for your next session ({formatDate(paying.next.date)})
      {paying.orderPricePence !== paying.next.pricePence && <>, and {formatPrice(paying.orderPricePence, unit)} for the sessions after the price changes</>}.
      {agreedPence > Math.max(paying.orderPricePence, paying.next.pricePence) && <> You agreed to at most {formatPrice(agreedPence, unit)}.</>} {order}
    </p>
  );
}

export default function GroupOffer({ loaderData: d, actionData }: Route.ComponentProps) {
  const { offer, contract } = d.page;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const live = d.page.mine.filter((p) => ["pledged", "waiting", "member"].includes(p.status));
  const open = offer.status === "open";
  const proposed = offer.status === "proposed";
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      {actionData?.done && <div role="status" className="border-l-8 border-go bg-wash p-3 mb-4 font-bold">{actionData.done}</div>}
      <p className="text-muted mb-1">Group offer · {d.page.areaName}</p>
      <h1 className="text-4xl font-bold mb-2">{offer.title}</h1>
      <p className="text-xl mb-4"><Link to={`/services/${offer.serviceId}`}>{d.page.serviceName}</Link> by {d.page.organisationName}</p>
      <p className="text-2xl font-bold mb-4" id="group-size">
        {proposed ? `Asked for by a budget holder: waiting for ${d.page.organisationName} to agree` : open ? `${d.page.joined} of ${offer.maxMembers} joined, ${d.deadlineText}` : contract ? `The group formed with ${contract.membersAtStart} members at ${formatPrice(contract.unitPricePence, offer.unit)} each` : offer.status === "lapsed" ? "This group did not form: not enough people joined in time" : "This offer was called off"}
      </p>
      {open && <p className="mb-4">It needs {offer.minMembers} people to go ahead.{d.page.waiting > 0 ? ` ${d.page.waiting} ${d.page.waiting === 1 ? "person is" : "people are"} on the waiting list.` : ""}</p>}
      <p className="mb-4 max-w-3xl">{offer.description}</p>

      <h2 className="text-2xl font-bold mb-2">Prices</h2>
      <table className="mb-6 w-full max-w-xl">
        <caption className="sr-only">Price each person pays, by the size of the group</caption>
        <thead><tr className="text-left border-b-2 border-ink"><th scope="col" className="py-1">Group</th><th scope="col">Each person pays</th><th scope="col">First four weeks</th></tr></thead>
        <tbody>
          <tr className="border-b border-line"><td className="py-1">On your own</td><td>{formatPrice(offer.individualPricePence, offer.unit)}</td><td /></tr>
          {offer.tiers.map((t, i) => (
            <tr key={t.members} className="border-b border-line"><td className="py-1">{t.members} or more people</td><td>{formatPrice(t.pricePence, offer.unit)}</td><td>{formatPence(d.tierTotals[i]!)}</td></tr>
          ))}
        </tbody>
      </table>

      <SummaryList rows={[
        ["When", `${describeSchedule({ ...offer, endsOn: null })}, ${formatQuantity(offer.quantityHundredths, offer.unit)} each time`],
        ["How long", `${offer.termWeeks} weeks from ${formatDate(offer.startsOn)}`],
        ["Leaving", offer.noticeWeeks === 0 ? "You can leave at any time." : `You can leave with ${offer.noticeWeeks} ${offer.noticeWeeks === 1 ? "week's" : "weeks'"} notice.`],
        ["At most", `${offer.maxMembers} people`],
      ]} />

      {d.page.memberNames && (
        <section aria-labelledby="members-heading" className="mb-6">
          <h2 id="members-heading" className="text-2xl font-bold mb-2">Who has joined</h2>
          <p className="text-muted mb-1">Members see each other's chosen names only.</p>
          <ul className="list-disc pl-6">{d.page.memberNames.map((n, i) => <li key={`${n}-${i}`}>{n}</li>)}</ul>
        </section>
      )}

      {d.page.mine.length > 0 && (
        <section aria-labelledby="place-heading" className="mb-6">
          <h2 id="place-heading" className="text-2xl font-bold mb-2">Your place</h2>
          {d.page.mine.map((p) => (
            <div key={p.id} className="border-l-4 border-link pl-3 mb-3">
              <p className="font-bold">{statusWords[p.status] ?? p.status}{p.status === "left" && p.leavesOn ? ` (last session on or before ${formatDate(p.leavesOn)})` : ""}</p>
              {p.status === "pledged" && <p>{formatPence(p.reservedPence)} is set aside from your budget. When the group forms you pay the price its size earns, never more, and the rest goes back.</p>}
              {p.agreedPricePence !== null && <YourPrice agreedPence={p.agreedPricePence} paying={d.page.paying[p.id] ?? null} unit={offer.unit} orderId={p.orderId} />}
              {open && (p.status === "pledged" || p.status === "waiting") && (
                <Form method="post"><input type="hidden" name="pledgeId" value={p.id} /><Button secondary name="intent" value="withdraw">Withdraw from this group</Button></Form>
              )}
              {p.status === "member" && p.pendingPricePence !== null && (
                <Form method="post">
                  <input type="hidden" name="pledgeId" value={p.id} />
                  <p id="price" className="mb-1">The group is smaller, and its price for its size is {formatPrice(p.pendingPricePence, offer.unit)}{p.pendingFrom ? ` from ${formatDate(p.pendingFrom)}` : ""}. You keep paying {formatPrice(p.agreedPricePence ?? 0, offer.unit)} unless you confirm; if you confirm, the new price applies from the next period only.</p>
                  {errors.price && <p className="font-bold text-warn">{errors.price}</p>}
                  <Button name="intent" value="confirm-price">Confirm the new price</Button>
                </Form>
              )}
              {p.status === "member" && (
                <Form method="post">
                  <input type="hidden" name="pledgeId" value={p.id} />
                  <p id="leave" className="mb-1">Leaving ends your order after {offer.noticeWeeks} {offer.noticeWeeks === 1 ? "week" : "weeks"}; the sessions until then go ahead and are paid as usual.</p>
                  <Button secondary name="intent" value="leave">Give notice to leave</Button>
                </Form>
              )}
            </div>
          ))}
        </section>
      )}

      {d.page.joinableLater && live.length === 0 && !d.page.canRun && (
        <section aria-labelledby="join-later-heading" className="mb-6">
          <h2 id="join-later-heading" className="text-2xl font-bold mb-2">{d.page.placesFree > 0 ? "Join from the next period" : "Join the waiting list"}</h2>
          <p className="mb-2">{d.page.placesFree > 0
            ? `This group has formed and has ${d.page.placesFree === 1 ? "a place" : `${d.page.placesFree} places`} free. If you join, you start at the beginning of its next four weeks (or once a member who gave notice has gone) and pay the price the bigger group earns; the other members' price falls (or stays) from the same day.`
            : "This group has formed and is full. Join the waiting list: nothing is set aside, and if a place comes free it is offered to the first person waiting."}</p>
          {!d.signedIn && <p><Link to={d.loginPath} className="font-bold">Log in to join</Link>. You pay from your own budget, and you can leave with {offer.noticeWeeks} weeks' notice.</p>}
          {d.signedIn && d.choices.length === 0 && <p>You need a budget on Weave to join a group. Your council can set one up.</p>}
          {d.signedIn && d.choices.length > 0 && (
            <Form method="post" noValidate>
              <Select name="budget" label="Which budget will pay?" options={d.choices} error={errors.budget} placeholder={d.choices.length > 1 ? "Choose a budget" : undefined} defaultValue={d.choices.length === 1 ? d.choices[0]!.value : undefined} />
              <TextInput name="displayName" label="Name other members will see" hint="A first name or any name you choose. Nothing else about you is shown." defaultValue={d.choices[0]!.firstName} error={errors.displayName} width="max-w-xs" />
              <Button name="intent" value="pledge">{d.page.placesFree > 0 ? "Join from the next period" : "Join the waiting list"}</Button>
            </Form>
          )}
        </section>
      )}

      {open && live.length === 0 && !d.page.canRun && (
        <section aria-labelledby="join-heading" className="mb-6">
          <h2 id="join-heading" className="text-2xl font-bold mb-2">Join this group</h2>
          {!d.signedIn && <p><Link to={d.loginPath} className="font-bold">Log in to join</Link>. You pay from your own budget, and you can withdraw until the offer closes.</p>}
          {d.signedIn && d.choices.length === 0 && <p>You need a budget on Weave to join a group. Your council can set one up.</p>}
          {d.signedIn && d.choices.length > 0 && (
            <Form method="post" noValidate>
              <Warning>Joining sets aside {formatPence(d.page.pledgePence)} now: the first four weeks at the highest group price. When the group forms you pay the price its size earns, and the rest goes back. If it does not form, it all goes back.</Warning>
              <Select name="budget" label="Which budget will pay?" options={d.choices} error={errors.budget} placeholder={d.choices.length > 1 ? "Choose a budget" : undefined} defaultValue={d.choices.length === 1 ? d.choices[0]!.value : undefined} />
              <TextInput name="displayName" label="Name other members will see" hint="A first name or any name you choose. Nothing else about you is shown." defaultValue={d.choices[0]!.firstName} error={errors.displayName} width="max-w-xs" />
              <Button name="intent" value="pledge">Join the group</Button>
            </Form>
          )}
        </section>
      )}

      {d.page.canRun && (open || proposed) && (
        <section aria-labelledby="organiser-heading" className="mb-6 no-print">
          <h2 id="organiser-heading" className="text-2xl font-bold mb-2">For the organiser</h2>
          {errors.close && <p id="close" className="font-bold text-warn">{errors.close}</p>}
          {proposed
            ? <Form method="post"><p className="mb-1">A budget holder asked for this group on these terms. If you agree, it opens for joining.</p><Button name="intent" value="accept">Agree and open it</Button></Form>
            : <Form method="post"><Button name="intent" value="close">Start the group now</Button></Form>}
          <Form method="post" noValidate>
            <TextArea name="reason" label={proposed ? "Decline it" : "Call the offer off"} hint={proposed ? "The person who asked is told why." : "Everyone who joined gets their money back and is told why."} rows={2} error={errors.reason} />
            <Button secondary name="intent" value="call-off">{proposed ? "Decline" : "Call the offer off"}</Button>
          </Form>
        </section>
      )}

      {d.page.notices.length > 0 && (
        <section aria-labelledby="notices-heading" className="mb-6">
          <h2 id="notices-heading" className="text-2xl font-bold mb-2">What you have been told</h2>
          <ul>{d.page.notices.map((n) => <li key={n.id} className="border-b border-line py-2"><span className="text-muted">{formatDate(n.createdAt.slice(0, 10))}</span> · {n.body}</li>)}</ul>
        </section>
      )}
      {(errors.withdraw || errors.leave) && <p id="withdraw" className="font-bold text-warn">{errors.withdraw ?? errors.leave}</p>}
    </div>
  );
}
