import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { currentActor } from "../accounts/actor.server";
import { sessionCookie } from "../accounts/sessions.server";
import { logOut } from "../accounts/users.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = currentActor(context);
  const everywhere = (await request.formData()).get("everywhere") === "yes";
  if (actor) logOut(actor.sessionId, everywhere, actor.user.id);
  return redirect(everywhere ? "/login?loggedOut=everywhere" : "/", { headers: { "Set-Cookie": sessionCookie(null) } });
}
