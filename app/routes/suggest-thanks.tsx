import { Link, redirect } from "react-router";
import type { Route } from "./+types/suggest-thanks";
import { Panel } from "../ui";

export function loader({ request }: Route.LoaderArgs) {
  const ref = new URL(request.url).searchParams.get("ref") ?? "";
  if (!/^S-\d{6,}$/.test(ref)) throw redirect("/suggest");
  return { ref };
}

export const meta = () => [{ title: "Suggestion sent – Weave" }];

export default function Thanks({ loaderData }: Route.ComponentProps) {
  return (
    <div className="max-w-2xl">
      <Panel title="Suggestion sent">Your reference is <strong>{loaderData.ref}</strong></Panel>
      <h2 className="text-2xl font-bold mb-2">What happens next</h2>
      <p className="mb-4">
        A moderator will check the service with the people who run it. If it is right for Weave, it will appear in
        search, usually within a week. It is not public until then.
      </p>
      <p className="mb-2"><Link to="/suggest">Suggest another service</Link></p>
      <p><Link to="/search">Search for support</Link></p>
    </div>
  );
}
