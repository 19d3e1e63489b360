import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/budgets.$budgetId.quotes";
import { allow } from "../accounts/actor.server";
import { canActForPerson } from "../accounts/permissions";
import { requireBudget } from "../budgets/access.server";
import { lineKindNames } from "../budgets/labels";
import { findArea } from "../directory/region";
import { categories, nameOf } from "../directory/vocabulary";
import { readForm } from "../forms";
import { QuotesForm } from "../requests/request-form";
import { quotablePlan, requestQuotes } from "../requests/requests.server";
import { Button, Choices, ErrorSummary, Select, TextArea, TextInput } from "../ui";

export const meta = () => [{ title: "Ask providers for quotes – Weave" }];

const planLineKinds: Record<string, string> = { paid: "Paid support", informal: "Family and friends", community: "Community" };

function load(request: Request, context: Route.LoaderArgs["context"], rawId: string | undefined) {
  const { actor, account } = requireBudget(request, context, rawId, "request for quotes");
  allow(canActForPerson(actor, account.holderId), "Only the person, or someone acting for them, can ask for quotes.");
  const found = quotablePlan(account.id);
  return {
    actor, account,
    view: {
      budgetId: account.id, towns: findArea(account.areaSlug)!.towns.map((t) => ({ value: t.slug, label: t.name })),
      outcomes: found?.plan.outcomes ?? [],
      lines: (found?.lines ?? []).map((l) => ({ id: l.id, label: `${l.description} (${nameOf(categories, l.category)}, ${planLineKinds[l.kind] ?? lineKindNames[l.kind] ?? l.kind})` })),
    },
  };
}

export function loader({ request, context, params }: Route.LoaderArgs) {
  return { ...load(request, context, params.budgetId).view, errors: {} as Record<string, string>, values: {} as Record<string, string | string[]>, warned: false };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, account, view } = load(request, context, params.budgetId);
  const parsed = readForm(QuotesForm, await request.formData(), ["lineIds", "outcomes"]);
  if (!parsed.ok) return data({ ...view, errors: parsed.errors, values: parsed.values, warned: false }, { status: 400 });
  const made = requestQuotes(actor, account.id, parsed.data);
  if (!made.ok) return data({ ...view, errors: made.errors, values: parsed.values, warned: true }, { status: 400 });
  throw redirect(`/looking-for?asked=${made.ids.length}`);
}

export default function Quotes({ loaderData, actionData }: Route.ComponentProps) {
  const d = actionData ?? loaderData;
  const v = d.values;
  const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={d.errors} />
      <p className="text-muted mb-1"><Link to={`/budgets/${d.budgetId}/plan`}>Support plan</Link></p>
      <h1 className="text-4xl font-bold mb-4">Ask providers for quotes</h1>
      <p className="mb-4">
        Choose the parts of the plan to put out. Providers in the area who offer those kinds of support see what matters and what is needed, the town and when:
        not the name, the address, the amounts in the plan or who agreed it. They reply with quotes you can compare side by side and award one, which becomes an order.
      </p>
      {d.lines.length === 0 ? <p>There is no support plan with lines yet. <Link to={`/budgets/${d.budgetId}/plan`}>Write the plan</Link> first.</p> : (
        <Form method="post" noValidate>
          <Choices name="lineIds" legend="Which needs should providers quote for?" hint="Each kind of support goes to the providers of that kind" error={d.errors.lineIds}
            options={d.lines.map((l) => ({ value: String(l.id), label: l.label }))} checked={list("lineIds")} />
          {d.warned && <Choices name="sendAsItIs" legend="Send it as it is?" options={[{ value: "yes", label: "I have checked it: send it as it is" }]} checked={[]} small />}
          {d.outcomes.length > 0 && (
            <Choices name="outcomes" legend="Which of the things that matter should they see? (optional)" error={d.errors.outcomes}
              options={d.outcomes.map((o, i) => ({ value: String(i), label: o }))} checked={list("outcomes")} />
          )}
          <Select name="townSlug" label="Which town?" hint="Only the town is shown, never the address." placeholder="Choose a town" options={d.towns}
            defaultValue={typeof v.townSlug === "string" ? v.townSlug : undefined} error={d.errors.townSlug} />
          <TextInput name="whenText" label="When is it needed?" hint="For example: weekday mornings, from March" defaultValue={typeof v.whenText === "string" ? v.whenText : undefined} error={d.errors.whenText} />
          <TextArea name="note" label="Anything else providers should know (optional)" hint="Do not put names, phone numbers, emails or a full postcode here." rows={3}
            defaultValue={typeof v.note === "string" ? v.note : undefined} error={d.errors.note} />
          <Button>Ask for quotes</Button>
        </Form>
      )}
    </div>
  );
}
