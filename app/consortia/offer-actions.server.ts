// Opening (provider) and proposing (budget holder) share one form and one way of answering it:
// bad input or a refusal is a 400 (403 if not permitted) with the message by the field; success
// goes to the new offer's page.
import { data, redirect } from "react-router";
import { readForm } from "../forms";
import { OrderError } from "../purchasing/lifecycle";
import type { NewOffer } from "./consortia.server";
import { OfferForm, offerTerms } from "./offer-form";

export async function submitOfferForm<B extends object>(request: Request, serviceId: number, base: B, create: (terms: NewOffer) => number) {
  const read = readForm(OfferForm, await request.formData());
  const values = read.values as Record<string, string>;
  if (!read.ok) return data({ ...base, values, errors: read.errors }, { status: 400 });
  let id: number;
  try {
    id = create(offerTerms(serviceId, read.data));
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    return data({ ...base, values, errors: { price1: error.message } as Record<string, string> }, { status: error.code === "not-permitted" ? 403 : 400 });
  }
  throw redirect(`/group-offers/${id}`);
}
