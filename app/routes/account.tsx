import { Form, Link } from "react-router";
import type { Route } from "./+types/account";
import { requireActor } from "../accounts/actor.server";
import { hasRole } from "../accounts/permissions";
import { activeSessions } from "../accounts/sessions.server";
import { formatDate } from "../directory/format";
import { Button } from "../ui";

export const meta = () => [{ title: "Your account – Weave" }];

export function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(request, context);
  return {
    user: actor.user,
    budgetHolder: hasRole(actor, "budget-holder"),
    representing: actor.represents.length,
    organisations: actor.organisations.length,
    sessions: activeSessions(actor.user.id).map((s) => ({ ...s, current: s.id === actor.sessionId })),
  };
}

export default function Account({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-4xl font-bold mb-2">Your account</h1>
      <p className="text-lg mb-6">{d.user.name} · {d.user.email}</p>

      <ul className="space-y-2 mb-8 text-lg">
        {d.budgetHolder && <li><Link to="/account/representatives">People who can act for you</Link></li>}
        <li><Link to="/account/representing">People you act for</Link>{d.representing > 0 && ` (${d.representing})`}</li>
        <li><Link to="/account/access-log">Who has looked at your record</Link></li>
        <li><Link to="/provider">{d.organisations > 0 ? "Your organisations" : "Add your organisation or service"}</Link></li>
        <li><Link to="/account/password">Change your password</Link></li>
      </ul>

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
