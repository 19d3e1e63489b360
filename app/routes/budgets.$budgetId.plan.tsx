import { data, Form } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.plan";
import { allow } from "../accounts/actor.server";
import { canActForPerson } from "../accounts/permissions";
import { requireBudget } from "../budgets/access.server";
import { AgreeForm, PlanForm, planLineKinds, planValues } from "../budgets/plan-form";
import { agreePlan, draftFor, plansOf, planWithLines, saveDraft } from "../budgets/plans.server";
import { formatDate, formatPence } from "../directory/format";
import { categories, nameOf } from "../directory/vocabulary";
import { fieldErrors, readForm } from "../forms";
import { Button, ErrorSummary, Panel, Select, TextArea, TextInput } from "../ui";

export const meta = () => [{ title: "Support plan – Weave" }];

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string) {
  const { actor, account } = requireBudget(request, context, rawId, "support plan");
  return { actor, account, canEdit: canActForPerson(actor, account.holderId) };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  const { account, canEdit } = load(request, context, params.budgetId);
  const versions = plansOf(account.id);
  const agreed = versions.find((p) => p.status === "agreed");
  const draft = versions.find((p) => p.status === "draft");
  return {
    budgetId: account.id, canEdit,
    agreed: agreed ? planWithLines(agreed.id) : null,
    draft: draft ? planWithLines(draft.id) : null,
    history: versions.map((p) => ({ version: p.version, status: p.status, agreedAt: p.agreedAt, agreedBy: p.agreedBy })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account, canEdit } = load(request, context, params.budgetId);
  allow(canEdit, "Only the person and people acting for them can change a support plan.");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "start") {
    draftFor(account.id, actor.user.id);
    return { errors: {}, done: "A new draft has been started from your current plan." };
  }
  const draft = plansOf(account.id).find((p) => p.status === "draft");
  if (!draft) return data({ errors: { form: "There is no draft to change: start one first." }, done: null }, { status: 400 });
  if (intent === "save") {
    const parsed = PlanForm.safeParse(planValues(form));
    if (!parsed.success) return data({ errors: fieldErrors(PlanForm, parsed.error), done: null }, { status: 400 });
    const saved = saveDraft(draft.id, parsed.data, actor.user.id);
    if (!saved.ok) return data({ errors: { form: saved.message }, done: null }, { status: 400 });
    return { errors: {}, done: "Your draft is saved." };
  }
  if (intent === "agree") {
    const parsed = readForm(AgreeForm, form);
    if (!parsed.ok) return data({ errors: parsed.errors, done: null }, { status: 400 });
    const agreed = agreePlan(draft.id, parsed.data.agreedBy, actor.user.id);
    if (!agreed.ok) return data({ errors: { form: agreed.message }, done: null }, { status: 400 });
    return { errors: {}, done: "The plan is agreed. This version will not change; start a new draft to change it." };
  }
  throw data("That request was not complete.", { status: 400 });
}

type Plan = NonNullable<Route.ComponentProps["loaderData"]["agreed"]>;

function PlanView({ plan }: { plan: Plan }) {
  return (
    <>
      <h3 className="text-xl font-bold mt-3 mb-1">What matters to me</h3>
      <ul className="list-disc pl-6 mb-3">{plan.plan.outcomes.map((o, i) => <li key={i}>{o}</li>)}</ul>
      <h3 className="text-xl font-bold mb-1">Support</h3>
      {plan.lines.length === 0 ? <p>No support lines yet.</p> : (
        <table className="w-full mb-3">
          <thead><tr className="text-left border-b-2 border-ink"><th className="py-1">Support</th><th>Kind</th><th className="text-right">Each period</th></tr></thead>
          <tbody>
            {plan.lines.map((l) => (
              <tr key={l.id} className="border-b border-line">
                <td className="py-1 pr-3">{l.description} <span className="text-muted">· {nameOf(categories, l.category)}</span></td>
                <td className="pr-3">{planLineKinds.find((k) => k.value === l.kind)?.label}</td>
                <td className="text-right">{l.kind === "paid" ? formatPence(l.plannedPence) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export default function SupportPlan({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.errors ?? {};
  const draft = d.draft;
  const blankRows = 3;
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      <h1 className="text-4xl font-bold mb-3">Support plan</h1>
      {actionData?.done && <Panel title="Done">{actionData.done}</Panel>}

      <section aria-labelledby="agreed-heading" className="mb-8">
        <h2 id="agreed-heading" className="text-2xl font-bold">The agreed plan</h2>
        {d.agreed ? (
          <>
            <p className="text-muted">Version {d.agreed.plan.version}, agreed {formatDate(d.agreed.plan.agreedAt!)} by {d.agreed.plan.agreedBy}</p>
            <PlanView plan={d.agreed} />
          </>
        ) : <p>No plan has been agreed yet.</p>}
      </section>

      {d.canEdit && !draft && (
        <Form method="post"><input type="hidden" name="intent" value="start" /><Button>{d.agreed ? "Start a new draft" : "Start your plan"}</Button></Form>
      )}

      {d.canEdit && draft && (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading" className="text-2xl font-bold mb-2">Draft, version {draft.plan.version}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <fieldset className="mb-4" id="outcomes">
              <legend className="text-xl font-bold mb-1">What matters to you, in your own words</legend>
              {errors.outcomes && <p className="font-bold text-warn">{errors.outcomes}</p>}
              {[...draft.plan.outcomes, "", ""].map((o, i) => (
                <TextArea key={i} id={`outcome-${i}`} name="outcome" rows={2} label={`Outcome ${i + 1}`} defaultValue={o} />
              ))}
            </fieldset>
            <fieldset className="mb-4" id="lines">
              <legend className="text-xl font-bold mb-1">Support: paid, community and from people you know</legend>
              {errors.lines && <p className="font-bold text-warn">{errors.lines}</p>}
              {[...draft.lines.map((l) => ({ ...l, planned: l.kind === "paid" ? (l.plannedPence / 100).toFixed(2) : "" })),
                ...Array.from({ length: blankRows }, () => null)].map((l, i) => (
                <div key={i} className="grid gap-x-3 md:grid-cols-4 border-b border-line pt-3">
                  <TextInput name={`line-${i}-description`} id={`line-${i}-description`} label="Support" defaultValue={l?.description ?? ""} />
                  <Select name={`line-${i}-kind`} id={`line-${i}-kind`} label="Kind" defaultValue={l?.kind ?? "paid"} options={planLineKinds.map((k) => ({ value: k.value, label: k.label }))} />
                  <Select name={`line-${i}-category`} id={`line-${i}-category`} label="Category" defaultValue={l?.category ?? ""} placeholder="Choose" options={categories.map((c) => ({ value: c.slug, label: c.name }))} />
                  <TextInput name={`line-${i}-planned`} id={`line-${i}-planned`} label="£ each period (paid only)" defaultValue={l?.planned ?? ""} inputMode="text" />
                </div>
              ))}
            </fieldset>
            <Button>Save draft</Button>
          </Form>
          <Form method="post" noValidate className="mt-6 border-t-4 border-brand pt-4">
            <input type="hidden" name="intent" value="agree" />
            <h3 className="text-xl font-bold mb-2">Agree this version</h3>
            <TextInput name="agreedBy" label="Who agreed it with you?" hint="For example: Jo Smith, social worker, Leeds City Council" error={errors.agreedBy} />
            <Button>Agree the plan</Button>
          </Form>
        </section>
      )}

      {d.history.length > 1 && (
        <section className="mt-8">
          <h2 className="text-2xl font-bold mb-2">Versions</h2>
          <ul>{d.history.map((h) => <li key={h.version}>Version {h.version}: {h.status}{h.agreedAt ? `, agreed ${formatDate(h.agreedAt)} by ${h.agreedBy}` : ""}</li>)}</ul>
        </section>
      )}
    </div>
  );
}
