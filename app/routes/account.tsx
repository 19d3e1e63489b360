import { data, Form, Link } from "react-router";
import type { Route } from "./+types/account";
import { requireActor } from "../accounts/actor.server";
import { hasRole } from "../accounts/permissions";
import { activeSessions } from "../accounts/sessions.server";
import { orderEmailsOf, setOrderEmails } from "../accounts/users.server";
import { redirectWithNotice, takeNotice } from "../notices.server";
import { formatDate } from "../directory/format";
import { Button, Notices } from "../ui";

export const meta = () => [{ title: "Your account – Weave" }];

const confirmations = {
  "order-emails-on": "Saved: we will email you when there is news on your orders and questions.",
  "order-emails-off": "Saved: we will not email you about your orders and questions. You still see everything on Weave.",
};

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  const { notice, headers } = takeNotice(request, confirmations);
  return data({
    confirmation: notice,
    orderEmails: orderEmailsOf(actor.user.id),
    user: actor.user,
    budgetHolder: hasRole(actor, "budget-holder"),
    representing: actor.represents.length,
    organisations: actor.organisations.length,
    sessions: activeSessions(actor.user.id).map((s) => ({ ...s, current: s.id === actor.sessionId })),
  }, { headers });
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "order-emails") throw data("That is not something this page can do.", { status: 400 });
  const on = form.get("orderEmails") === "yes";
  setOrderEmails(actor.user.id, on);
  return redirectWithNotice("/account", on ? "order-emails-on" : "order-emails-off");
}

export default function Account({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-2">Your account</h1>
      <p className="text-lg mb-6">{d.user.name} · {d.user.email}</p>
      <Notices notices={d.confirmation ? [d.confirmation] : []} />

      <ul className="space-y-2 mb-8 text-lg">
        {d.budgetHolder && <li><Link to="/account/representatives">People who can act for you</Link></li>}
        <li><Link to="/account/representing">People you act for</Link>{d.representing > 0 && ` (${d.representing})`}</li>
        <li><Link to="/account/access-log">Who has looked at your record</Link></li>
        <li><Link to="/provider">{d.organisations > 0 ? "Your organisations" : "Add your organisation or service"}</Link></li>
        <li><Link to="/account/password">Change your password</Link></li>
      </ul>

      <h2 className="text-2xl font-bold mb-2">Email</h2>
      <Form method="post" className="mb-8">
        <input type="hidden" name="intent" value="order-emails" />
        <p className="flex gap-2 items-start mb-2">
          <input key={String(d.orderEmails)} type="checkbox" id="orderEmails" name="orderEmails" value="yes" defaultChecked={d.orderEmails} className="mt-1 size-5 accent-ink" />
          <label htmlFor="orderEmails">Email me when there is news on my orders and questions (and those of people I act for, or of my organisation). The email says only that there is something to read, with a link, never what it says.</label>
        </p>
        <Button secondary>Save email choice</Button>
      </Form>

      <h2 className="text-2xl font-bold mb-2">Where you are logged in</h2>
      <table className="w-full mb-4">
        <thead><tr className="text-left border-b-2 border-ink"><th className="py-1">Device</th><th>Logged in</th><th>Last seen</th></tr></thead>
        <tbody>
          {d.sessions.map((s) => (
            <tr key={s.id} className="border-b border-line">
              <td className="py-1 pr-2">{s.userAgent ? s.userAgent.slice(0, 60) : "Unknown browser"}{s.current && <strong> (this device)</strong>}</td>
              <td>{formatDate(s.createdAt)}</td>
              <td>{formatDate(s.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" action="/logout">
        <input type="hidden" name="everywhere" value="yes" />
        <Button secondary>Log out everywhere</Button>
      </Form>
    </div>
  );
}
