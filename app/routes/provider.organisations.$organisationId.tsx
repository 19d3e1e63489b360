import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/provider.organisations.$organisationId";
import { takeNotice } from "../notices.server";
import { allow } from "../accounts/actor.server";
import { canManageStaff } from "../accounts/permissions";
import { checkedAgo, formatDate } from "../directory/format";
import { managedOrganisation } from "../directory/access.server";
import { AddStaffForm, FactsForm, listFields } from "../directory/listing-forms";
import { addStaff, removeStaff, servicesOf, staffOf, stateOrganisationFacts } from "../directory/manage.server";
import { askForAnotherCheck } from "../directory/organisation-checks.server";
import { describeClaim } from "../directory/vetting";
import { claimsOf } from "../directory/vetting.server";
import { readForm } from "../forms";
import {
  Button, Choices, ClaimStatus, ErrorSummary, FactsFields, KindLabel, Notices, Pagination, ServiceStatus, TextInput, VettingFacts,
} from "../ui";

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

const confirmations = {
  created: "Your organisation is added. A moderator will check it, usually within two working days. Meanwhile, add its services: each one starts as a draft that only you can see, until you publish it.",
  edited: "Your organisation's details are saved.",
  "edited-recheck": "Your organisation's details are saved. As its name or kind changed, a moderator checks it again before it shows: until then it is not public.",
} as const;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, ...found } = managedOrganisation(request, context, params.organisationId);
  const id = found.organisation.id;
  const url = new URL(request.url);
  const page = Page.parse(url.searchParams.get("page") ?? 1);
  const { notice, headers } = takeNotice(request, confirmations);
  return data({
    ...found,
    page,
    ...servicesOf(id, page),
    staff: staffOf(id),
    claims: claimsOf(id),
    managesStaff: canManageStaff(actor, id),
    you: actor.user.id,
    confirmation: notice,
  }, { headers });
}

const Member = z.object({ userId: z.coerce.number().int().positive() });

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor, ...found } = managedOrganisation(request, context, params.organisationId);
  const id = found.organisation.id;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "add-staff") {
    allow(canManageStaff(actor, id), "Only the organisation's owners can add people.");
    const read = readForm(AddStaffForm, form);
    if (!read.ok) return data({ intent, errors: read.errors, values: read.values, done: null }, { status: 400 });
    const result = addStaff(actor, id, read.data);
    if (!result.ok) return data({ intent, errors: result.errors, values: read.values, done: null }, { status: 400 });
    return { intent, errors: {}, values: {}, done: `${result.name} can now manage this organisation's services${read.data.role === "owner" ? " and staff" : ""}.` };
  }
  if (intent === "remove-staff") {
    allow(canManageStaff(actor, id), "Only the organisation's owners can remove people.");
    const member = Member.safeParse({ userId: form.get("userId") });
    if (!member.success) throw data("That request was not complete.", { status: 400 });
    const result = removeStaff(actor, id, member.data.userId);
    if (!result.ok) return data({ intent, errors: result.errors, values: {}, done: null }, { status: 400 });
    return { intent, errors: {}, values: {}, done: `${result.name} no longer works for this organisation on Weave.` };
  }
  if (intent === "state-facts") {
    const read = readForm(FactsForm, form, listFields);
    if (!read.ok) return data({ intent, errors: read.errors, values: read.values, done: null }, { status: 400 });
    const result = stateOrganisationFacts(actor, id, read.data);
    if (!result.ok) return data({ intent, errors: result.errors, values: read.values, done: null }, { status: 400 });
    return {
      intent, errors: {}, values: {},
      done: result.stated === 0
        ? "A moderator has already checked what you told us, so nothing has changed."
        : "Thank you. A moderator will check what you told us; until then it shows as stated by the provider.",
    };
  }
  if (intent === "ask-again") {
    const asked = askForAnotherCheck(actor, id);
    if (!asked) throw data("Your organisation is not waiting to be asked about again: reload the page to see where it is.", { status: 409 });
    return { intent, errors: {}, values: {}, done: "Thank you. A moderator will check your organisation again." };
  }
  throw data("That request was not complete.", { status: 400 });
}

/** Where a new organisation stands with the moderators, said above everything else until it is public. */
function CheckStatus({ status, reason }: { status: string; reason: string | null }) {
  if (status === "pending") {
    return (
      <div role="note" className="border-l-8 border-link bg-wash p-3 mb-4">
        <p className="font-bold">Waiting for a moderator to check your organisation</p>
        <p>Usually within two working days. Until then nothing of it is public: the services you publish show in search once it is approved.</p>
      </div>
    );
  }
  if (status !== "declined") return null;
  return (
    <div role="note" className="border-l-8 border-warn p-3 mb-4">
      <p className="font-bold">A moderator could not approve your organisation yet</p>
      <p className="mb-2">They said: {reason}</p>
      <p className="mb-2">Nothing of it is public. Change what they asked about, then ask for another check.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="ask-again" />
        <Button secondary>Ask for another check</Button>
      </Form>
    </div>
  );
}

export default function ManageOrganisation({ loaderData: d, actionData }: Route.ComponentProps) {
  const o = d.organisation;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = (intent: string) => (actionData?.intent === intent ? actionData.values : {}) as Record<string, string | string[]>;
  const notices = [d.confirmation, actionData?.done].filter((n): n is string => !!n);
  return (
    <div className="max-w-4xl">
      <title>{`${Object.keys(errors).length > 0 ? "Error: " : ""}${o.name} – Your organisations – Weave`}</title>
      <ErrorSummary errors={errors} />
      <p className="text-muted mb-1"><KindLabel kind={o.kind} /></p>
      <h1 className="text-4xl font-bold mb-3">{o.name}</h1>
      <Notices notices={notices} />
      <CheckStatus status={o.status} reason={o.statusReason} />
      <p className="mb-6">
        {o.status === "published" && <><Link to={`/organisations/${o.id}`}>See your public page</Link> · </>}<Link to={`/provider/organisations/${o.id}/edit`}>Change your organisation's details</Link>
      </p>

      <section aria-labelledby="services-heading" className="mb-8">
        <h2 id="services-heading" className="text-2xl font-bold mb-2">Services ({d.total})</h2>
        {d.services.length === 0 ? <p className="mb-2">No services yet.</p> : (
          <ul className="mb-2">
            {d.services.map((s) => (
              <li key={s.id} className="border-b border-line py-2 flex flex-wrap items-center justify-between gap-2">
                <Link to={`/provider/services/${s.id}`} className="font-bold">{s.name}</Link>
                <span className="flex items-center gap-3"><span className="text-sm text-muted">{checkedAgo(s.updatedAt)}</span> <ServiceStatus status={s.status} /></span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.page} pages={d.pages} href={(p) => `/provider/organisations/${o.id}?page=${p}`} />
        <p><Link to={`/provider/organisations/${o.id}/services/new`} className="font-bold">Add a service</Link></p>
      </section>

      <section aria-labelledby="staff-heading" className="mb-8">
        <h2 id="staff-heading" className="text-2xl font-bold mb-2">People who work here</h2>
        <ul id="staff" className="mb-4">
          {d.staff.map((s) => (
            <li key={s.userId} className="border-b border-line py-2 flex flex-wrap items-center justify-between gap-2">
              <span><strong>{s.name}</strong> ({s.email}), {s.role === "owner" ? "owner" : "staff"}{s.userId === d.you ? " (you)" : ""}, since {formatDate(s.since)}</span>
              {d.managesStaff && (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-staff" />
                  <input type="hidden" name="userId" value={s.userId} />
                  <Button secondary>Remove<span className="sr-only"> {s.name}</span></Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {d.managesStaff ? (
          <Form method="post" noValidate className="max-w-xl">
            <h3 className="text-xl font-bold mb-2">Add someone</h3>
            <input type="hidden" name="intent" value="add-staff" />
            <TextInput name="email" label="Email address of their Weave account" type="email" spellCheck={false}
              hint="They need to have created an account already." defaultValue={values("add-staff").email as string | undefined} error={errors.email} />
            <Choices name="role" type="radio" legend="What can they do?" small error={errors.role}
              checked={[(values("add-staff").role as string | undefined) ?? "staff"]}
              options={[{ value: "staff", label: "Manage services" }, { value: "owner", label: "Manage services and people (owner)" }]} />
            <Button>Add person</Button>
          </Form>
        ) : <p>Only the organisation's owners can add or remove people.</p>}
      </section>

      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading" className="text-2xl font-bold mb-2">Registration and checks</h2>
        <p className="mb-2">Checked by Weave:</p>
        <VettingFacts vetting={o} />
        {!o.insured && o.insuranceExpiresOn && (
          <p role="status" className="border-l-8 border-warn bg-wash p-3 my-4">
            Your public liability insurance ended on {formatDate(o.insuranceExpiresOn)}, so your listings no longer show
            “Insured”. Tell us about your new policy below and a moderator will check it.
          </p>
        )}
        {d.claims.length > 0 && (
          <ul className="my-4">
            {d.claims.map((c) => (
              <li key={c.id} className="border-b border-line py-2">
                <span className="mr-2">{describeClaim(c)}</span> <ClaimStatus status={c.status} />
                {c.status === "rejected" && c.reason && <p className="text-sm mt-1">Reason: {c.reason}</p>}
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate className="max-w-xl mt-4">
          <h3 className="text-xl font-bold mb-2">Tell us about a registration or check</h3>
          <p className="mb-4">For example, when you renew your insurance. A moderator checks it before it shows as checked.</p>
          <input type="hidden" name="intent" value="state-facts" />
          <FactsFields values={values("state-facts")} errors={actionData?.intent === "state-facts" ? errors : {}} />
          <Button>Send for checking</Button>
        </Form>
      </section>
    </div>
  );
}
