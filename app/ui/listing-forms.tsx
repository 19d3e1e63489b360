// The fields of a provider's organisation and service forms, shared by the provider pages and
// the moderator's approval form. Values come back as typed, so nothing is lost on an error.
import { dayTimeKeys, type FormValues, statedChecks } from "../directory/listing-forms";
import { localAuthorities } from "../directory/region";
import {
  accessibilityFeatures, categories, days, deliveryModes, kindLabel, languages, organisationKinds, paymentRoutes, priceUnits,
} from "../directory/vocabulary";
import { Choices, Select, TextArea, TextInput } from "./fields";

type Props = { values: FormValues; errors: Record<string, string> };

const text = (v: FormValues, k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
const list = (v: FormValues, k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const townGroups = localAuthorities.map((a) => ({ label: a.name, options: a.towns.map((t) => ({ value: t.slug, label: t.name })) }));
export const kindOptions = organisationKinds.map((k) => ({ value: k.slug, label: kindLabel(k.slug) }));

export function OrganisationFields({ values: v, errors }: Props) {
  return (
    <>
      <TextInput name="name" label="Name of your organisation" defaultValue={text(v, "name")} error={errors.name} />
      <Choices name="kind" type="radio" legend="What kind of organisation is it?" options={kindOptions} checked={[text(v, "kind")]} error={errors.kind} />
      <TextInput name="staffCount" label="How many staff work for it, including you?" inputMode="text" width="max-w-24"
        hint="Count paid staff. Enter 0 if everyone is a volunteer. A micro-enterprise has 1 to 5 staff."
        defaultValue={text(v, "staffCount")} error={errors.staffCount} />
      <TextArea name="description" label="What does your organisation do?" rows={6}
        hint="Who you help and how. People see this on your organisation's page, marked as written by the provider."
        defaultValue={text(v, "description")} error={errors.description} />
      <TextInput name="addressLine" label="Address (optional)" hint="The street address, if people can visit you" defaultValue={text(v, "addressLine")} error={errors.addressLine} />
      <Select name="townSlug" label="Which town is it in, or nearest to?" placeholder="Choose a town" groups={townGroups} defaultValue={text(v, "townSlug")} error={errors.townSlug} />
      <TextInput name="postcode" label="Postcode (optional)" width="max-w-40" autoComplete="off" defaultValue={text(v, "postcode")} error={errors.postcode} />
      <TextInput name="areaServed" label="Which places do you serve?" hint="For example: Leeds and Wakefield" defaultValue={text(v, "areaServed")} error={errors.areaServed} />
      <TextInput name="phone" label="Phone number (optional)" type="tel" width="max-w-64" defaultValue={text(v, "phone")} error={errors.phone} />
      <TextInput name="email" label="Email address for enquiries (optional)" type="email" spellCheck={false} defaultValue={text(v, "email")} error={errors.email} />
      <TextInput name="website" label="Website (optional)" type="url" spellCheck={false} defaultValue={text(v, "website")} error={errors.website} />
    </>
  );
}

export function FactsFields({ values: v, errors }: Props) {
  return (
    <>
      <TextInput name="cqcLocationId" label="CQC location ID (optional)" width="max-w-64" spellCheck={false}
        hint="If the Care Quality Commission registers you, for example 1-123456789" defaultValue={text(v, "cqcLocationId")} error={errors.cqcLocationId} />
      <TextInput name="charityNumber" label="Registered charity number (optional)" width="max-w-64" defaultValue={text(v, "charityNumber")} error={errors.charityNumber} />
      <TextInput name="companyNumber" label="Company number (optional)" width="max-w-64" hint="From Companies House, for example 01234567"
        defaultValue={text(v, "companyNumber")} error={errors.companyNumber} />
      <Choices name="checks" legend="Which of these are true? (optional)" small
        options={statedChecks.map((c) => ({ value: c.slug, label: c.name }))} checked={list(v, "checks")} error={errors.checks} />
      <TextInput name="insuranceExpiresOn" label="If you have public liability insurance, when does the policy end?" width="max-w-48"
        hint="For example, 31/3/2027" defaultValue={text(v, "insuranceExpiresOn")} error={errors.insuranceExpiresOn} />
    </>
  );
}

function Availability({ values: v, errors }: Props) {
  const problems = days.flatMap((d) => [errors[dayTimeKeys(d.slug).from], errors[dayTimeKeys(d.slug).to]]).filter(Boolean);
  const input = (id: string, label: string, day: string) => (
    <div>
      <label htmlFor={id} className="block text-sm"><span className="sr-only">{day} </span>{label}</label>
      <input id={id} name={id} defaultValue={text(v, id)} inputMode="numeric" autoComplete="off"
        aria-invalid={errors[id] ? true : undefined} aria-describedby={errors[id] ? `${id}-error` : undefined}
        className={`block w-24 border-2 ${errors[id] ? "border-warn" : "border-ink"} px-2 py-1 bg-white`} />
    </div>
  );
  return (
    <fieldset id="availability" className={`mb-5 ${problems.length ? "border-l-4 border-warn pl-3" : ""}`} aria-describedby="availability-hint">
      <legend className="font-bold text-lg mb-1">When does it run?</legend>
      <p id="availability-hint" className="text-muted mb-2">
        Give the start and finish times for each day it runs, like 09:00 and 17:00. Leave a day blank if it does not run that day.
      </p>
      <ul className="space-y-2">
        {days.map((d) => {
          const { from, to } = dayTimeKeys(d.slug);
          return (
            <li key={d.slug} className="flex flex-wrap items-end gap-3">
              <span className="w-28 font-bold pb-1">{d.name}</span>
              {input(from, "From", d.name)}
              {input(to, "To", d.name)}
              {[from, to].map((k) => errors[k] && (
                <p key={k} id={`${k}-error`} className="font-bold text-warn w-full"><span className="sr-only">Error:</span> {errors[k]}</p>
              ))}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function ServiceFields({ values: v, errors }: Props) {
  return (
    <>
      <TextInput name="name" label="Name of the service" defaultValue={text(v, "name")} error={errors.name} />
      <Select name="categorySlug" label="What kind of support is it?" placeholder="Choose one" defaultValue={text(v, "categorySlug")} error={errors.categorySlug}
        options={categories.map((c) => ({ value: c.slug, label: c.name }))} />
      <TextArea name="description" label="Describe the service" rows={6}
        hint="What happens, who it is for and what people can expect. It is shown as written by the provider."
        defaultValue={text(v, "description")} error={errors.description} />
      <TextInput name="price" label="Price in pounds" width="max-w-40" hint="For example 18.50. Leave it blank if the service is free."
        defaultValue={text(v, "price")} error={errors.price} />
      <Choices name="priceUnit" type="radio" legend="What is the price for?" small
        options={priceUnits.map((u) => ({ value: u.slug, label: u.slug === "free" ? "It is free" : capitalise(u.name) }))}
        checked={[text(v, "priceUnit")]} error={errors.priceUnit} />
      <Choices name="deliveryModes" legend="Where does it happen?" small
        options={deliveryModes.map((d) => ({ value: d.slug, label: d.name }))} checked={list(v, "deliveryModes")} error={errors.deliveryModes} />
      <Availability values={v} errors={errors} />
      <TextInput name="capacityFree" label="How many places are free now? (optional)" width="max-w-24"
        hint="Enter 0 if it is full. Leave it blank if places are not limited." defaultValue={text(v, "capacityFree")} error={errors.capacityFree} />
      <Choices name="accessibility" legend="Accessibility (optional)" small
        options={accessibilityFeatures.map((a) => ({ value: a.slug, label: a.name }))} checked={list(v, "accessibility")} error={errors.accessibility} />
      <Choices name="languages" legend="Which languages is it offered in?" small
        options={languages.map((l) => ({ value: l, label: l }))} checked={list(v, "languages")} error={errors.languages} />
      <Choices name="paymentRoutes" legend="How can people pay?" hint="Leave these blank if it is free." small
        options={paymentRoutes.map((p) => ({ value: p.slug, label: p.name }))} checked={list(v, "paymentRoutes")} error={errors.paymentRoutes} />
      <Select name="townSlug" label="Which town is it in, or do you travel from?" placeholder="Choose a town" groups={townGroups}
        defaultValue={text(v, "townSlug")} error={errors.townSlug} />
      <TextInput name="postcode" label="Postcode (optional)" width="max-w-40" autoComplete="off" defaultValue={text(v, "postcode")} error={errors.postcode} />
      <TextInput name="radiusMiles" label="How far do you travel to people's homes, in miles?" width="max-w-24"
        hint="Enter 0 if you do not visit people at home." defaultValue={text(v, "radiusMiles")} error={errors.radiusMiles} />
    </>
  );
}
