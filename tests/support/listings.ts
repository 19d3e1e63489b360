// Filled-in provider forms for tests, read through the same schemas the pages use.
import { readForm } from "../../app/forms";
import { listFields, NewOrganisationForm, ServiceForm } from "../../app/directory/listing-forms";

export function formData(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) form.append(k, one);
  return form;
}

export const goodService = {
  name: "Wharfedale garden helpers", categorySlug: "help-at-home", description: "We tidy gardens, cut hedges and sweep paths for older people.",
  price: "18.50", priceUnit: "hour", deliveryModes: ["home"], monFrom: "9:00", monTo: "17:00", thuFrom: "10.00", thuTo: "14:30",
  capacityFree: "3", accessibility: ["large-print"], languages: ["English", "Polish"], paymentRoutes: ["direct-payment", "self-funded"],
  townSlug: "otley", postcode: "ls21 1ab", radiusMiles: "8",
};

export const goodOrganisation = {
  name: "Otley Garden Helpers", kind: "micro-enterprise", staffCount: "2",
  description: "Two neighbours who help older people in Otley keep their gardens tidy.",
  addressLine: "", townSlug: "otley", postcode: "LS21 1AB", areaServed: "Otley and Wharfedale", phone: "", email: "", website: "",
  cqcLocationId: "", charityNumber: "", companyNumber: "", checks: [], insuranceExpiresOn: "",
};

type Values = Record<string, string | string[]>;

export const readService = (values: Values = {}) => readForm(ServiceForm, formData({ ...goodService, ...values }), listFields);
export const readOrganisation = (values: Values = {}) => readForm(NewOrganisationForm, formData({ ...goodOrganisation, ...values }), listFields);

function valid<T>(read: { ok: true; data: T } | { ok: false; errors: Record<string, string> }): T {
  if (!read.ok) throw new Error(`the fixture should be valid: ${JSON.stringify(read.errors)}`);
  return read.data;
}

export const serviceInput = (values: Values = {}) => valid(readService(values));
export const organisationInput = (values: Values = {}) => valid(readOrganisation(values));
