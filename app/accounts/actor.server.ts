// Loading the signed-in person once per request, and the guards routes call.
import { and, eq, isNull } from "drizzle-orm";
import { createContext, data, redirect, type RouterContextProvider } from "react-router";
import { db } from "../../db/client";
import { commissionerAreas, memberships, representativeGrants, userRoles } from "../../db/schema/accounts";
import type { Actor } from "./permissions";
import { findSession, sessionToken, type SessionUser } from "./sessions.server";

export const actorContext = createContext<Actor | null>(null);

export function loadActor(request: Request): Actor | null {
  const session = findSession(sessionToken(request));
  return session ? actorFor(session) : null;
}

/** Everything the permission rules need about a signed-in person (tests build actors with it too). */
export function actorFor(session: SessionUser): Actor {
  const id = session.user.id;
  return {
    ...session,
    roles: db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id)).all().map((r) => r.role),
    areas: db.select({ area: commissionerAreas.areaSlug }).from(commissionerAreas).where(eq(commissionerAreas.userId, id)).all().map((r) => r.area),
    organisations: db.select({ id: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, id)).all(),
    represents: db.select({ holderId: representativeGrants.holderId }).from(representativeGrants)
      .where(and(eq(representativeGrants.representativeId, id), isNull(representativeGrants.revokedAt))).all().map((r) => r.holderId),
  };
}

export const currentActor = (context: Readonly<RouterContextProvider>) => context.get(actorContext);

/** The signed-in person, or a redirect to log in that comes back here afterwards. */
export function requireActor(request: Request, context: Readonly<RouterContextProvider>): Actor {
  const actor = currentActor(context);
  if (actor) return actor;
  const url = new URL(request.url);
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Refuses with 403 and a plain message unless the check passed. */
export function allow(allowed: boolean, message = "You do not have permission to see this page."): asserts allowed {
  if (!allowed) throw data(message, { status: 403 });
}

export function notFound(what = "Page not found"): never {
  throw data(what, { status: 404 });
}

/** Who is asking, for rate limits and the sessions list: set by server.js, never by the client. */
export const clientOf = (request: Request) => ({
  ip: request.headers.get("x-weave-client-ip") ?? "unknown",
  userAgent: request.headers.get("User-Agent"),
});
