// The terms of a group offer as form fields: used by the provider opening one and by a budget
// holder proposing one. Plain inputs, so it works without JavaScript.
import { Form } from "react-router";
import { Button, Select, TextArea, TextInput } from "./fields";

export function GroupOfferForm({ values: v, errors: e, unit, submit }: { values: Record<string, string>; errors: Record<string, string>; unit: string; submit: string }) {
  return (
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
        <Button>{submit}</Button>
      </Form>
  );
}
