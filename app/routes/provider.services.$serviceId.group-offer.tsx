import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/provider.services.$serviceId.group-offer";
import { editableService } from "../directory/access.server";
import { openOffer } from "../consortia/consortia.server";
import { londonFivePm, OfferForm, tiersOf } from "../consortia/offer-form";
import { formatPrice } from "../directory/format";
import { readForm } from "../forms";
import { OrderError } from "../purchasing/lifecycle";
import { addDays, dayOf } from "../purchasing/schedule";
import { Button, ErrorSummary, Select, TextArea, TextInput } from "../ui";

export const meta = () => [{ title: "Open a group offer – Weave" }];

function defaults(today: string): Record<string, string> {
  return {
    title: "", description: "", members1: "3", price1: "", members2: "", price2: "", members3: "", price3: "", maxMembers: "6", quantity: "2",
    recurrence: "weekly", timeFrom: "10:00", timeTo: "12:00", closesOn: addDays(today, 14), startsOn: addDays(today, 21), termWeeks: "12", noticeWeeks: "2",
  };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { service } = editableService(request, context, params.serviceId);
  return { service: { id: service.id, name: service.name, price: formatPrice(service.pricePence, service.priceUnit), unit: service.priceUnit }, values: defaults(dayOf(new Date())), errors: {} as Record<string, string> };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, service } = editableService(request, context, params.serviceId);
  const form = await request.formData();
  const read = readForm(OfferForm, form);
  const base = { service: { id: service.id, name: service.name, price: formatPrice(service.pricePence, service.priceUnit), unit: service.priceUnit } };
  if (!read.ok) return data({ ...base, values: read.values as Record<string, string>, errors: read.errors }, { status: 400 });
  const v = read.data;
  try {
    const id = openOffer(actor, {
      serviceId: service.id, title: v.title, description: v.description, tiers: tiersOf(v), maxMembers: v.maxMembers, quantityHundredths: v.quantity,
      recurrence: v.recurrence, timeFrom: v.timeFrom, timeTo: v.timeTo, pledgeDeadline: londonFivePm(v.closesOn), startsOn: v.startsOn,
      termWeeks: v.termWeeks, noticeWeeks: v.noticeWeeks,
    });
    throw redirect(`/group-offers/${id}`);
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    return data({ ...base, values: read.values, errors: { price1: error.message } as Record<string, string> }, { status: error.code === "not-permitted" ? 403 : 400 });
  }
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
      <Form method="post" noValidate>
        <TextInput name="title" label="Name of the group" defaultValue={v.title} error={e.title} />
        <TextArea name="description" label="What the group does" rows={3} defaultValue={v.description} error={e.description} />
        <fieldset className="mb-5">
          <legend className="text-lg font-bold mb-1">Prices each person pays, per {unit}</legend>
          <p className="text-muted mb-2">The first is for the smallest group that can go ahead. Add up to two larger groups at lower prices.</p>
          {([1, 2, 3] as const).map((n) => (
            <div key={n} className="flex flex-wrap gap-4">
              <TextInput name={`members${n}`} label={n === 1 ? "Smallest group (people)" : `Group of at least (people)`} defaultValue={v[`members${n}`]} error={e[`members${n}`]} width="max-w-24" inputMode="text" />
              <TextInput name={`price${n}`} label={`Price each, in pounds`} defaultValue={v[`price${n}`]} error={e[`price${n}`]} width="max-w-32" />
            </div>
          ))}
        </fieldset>
        <TextInput name="maxMembers" label="The most people who can join" defaultValue={v.maxMembers} error={e.maxMembers} width="max-w-24" />
        <TextInput name="quantity" label={`How many ${unit}s each time?`} defaultValue={v.quantity} error={e.quantity} width="max-w-24" />
        <Select name="recurrence" label="How often?" defaultValue={v.recurrence} error={e.recurrence} options={[{ value: "weekly", label: "Every week" }, { value: "fortnightly", label: "Every two weeks" }]} />
        <div className="flex flex-wrap gap-4">
          <TextInput name="timeFrom" label="From" defaultValue={v.timeFrom} error={e.timeFrom} width="max-w-28" />
          <TextInput name="timeTo" label="To" defaultValue={v.timeTo} error={e.timeTo} width="max-w-28" />
        </div>
        <TextInput name="closesOn" type="date" label="Closing date for joining" hint="The offer closes at 5pm on this day." defaultValue={v.closesOn} error={e.closesOn} width="max-w-xs" />
        <TextInput name="startsOn" type="date" label="Date of the first session" defaultValue={v.startsOn} error={e.startsOn} width="max-w-xs" />
        <TextInput name="termWeeks" label="How many weeks it runs" defaultValue={v.termWeeks} error={e.termWeeks} width="max-w-24" />
        <TextInput name="noticeWeeks" label="Weeks of notice to leave" defaultValue={v.noticeWeeks} error={e.noticeWeeks} width="max-w-24" />
        <Button>Open the group offer</Button>
      </Form>
    </div>
  );
}
