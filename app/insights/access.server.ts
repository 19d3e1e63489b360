// The guard every insights route starts with: signed in, a real council area (404), and a
// commissioner assigned to it (403). Budget holders, providers and other councils get nothing.
import { data, type RouterContextProvider } from "react-router";
import { allow, notFound, requireActor } from "../accounts/actor.server";
import { canSeeArea, hasRole } from "../accounts/permissions";
import { findArea } from "../directory/region";
import { parseFilter, type InsightsFilter } from "./filter";

export function requireCommissioner(request: Request, context: Readonly<RouterContextProvider>) {
  const actor = requireActor(request, context);
  allow(hasRole(actor, "commissioner"), "Insights are for council commissioners.");
  return actor;
}

export function requireArea(request: Request, context: Readonly<RouterContextProvider>, areaSlug: string | undefined) {
  const actor = requireActor(request, context);
  const area = findArea(areaSlug ?? "");
  if (!area) notFound("There is no such council area.");
  allow(canSeeArea(actor, area.slug), "You can only see insights for the council areas you are assigned to.");
  return { actor, area };
}

/** The filter from the query string, or the field messages for a 400. */
export function filterOf(request: Request): { filter: InsightsFilter; errors: null } | { filter: null; errors: Record<string, string> } {
  const parsed = parseFilter(new URL(request.url).searchParams);
  if (parsed.success) return { filter: parsed.data, errors: null };
  return { filter: null, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "from"), i.message])) };
}

/** For downloads: the filter, or a plain 400. */
export function filterOrThrow(request: Request): InsightsFilter {
  const f = filterOf(request);
  if (!f.filter) throw data(Object.values(f.errors).join(". "), { status: 400 });
  return f.filter;
}
