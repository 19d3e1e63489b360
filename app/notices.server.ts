// A confirmation shown once after a form's redirect ("Your service is published"): carried in a
// short-lived cookie rather than the URL, so reloading the page, or sharing or bookmarking its
// link, does not say it again.
import { redirect } from "react-router";
import { cookieValue } from "./accounts/sessions.server";
import { secureCookies } from "./config.server";

const NOTICE_COOKIE = "weave_done";

const cookie = (value: string, maxAge: number) =>
  [`${NOTICE_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(secureCookies ? ["Secure"] : [])].join("; ");

/** Redirects, with the key of a confirmation the next page shows once. */
export const redirectWithNotice = (to: string, key: string) =>
  redirect(to, { headers: { "Set-Cookie": cookie(encodeURIComponent(key), 60) } });

/**
 * The confirmation waiting for this page, from `notices` by its key (null if none, or one this page
 * does not know), and the header that clears it: pass `headers` with the loader's data.
 */
export function takeNotice<K extends string>(request: Request, notices: Record<K, string>) {
  const raw = cookieValue(request, NOTICE_COOKIE);
  const key = raw === null ? null : decodeURIComponent(raw);
  const notice = key !== null && Object.hasOwn(notices, key) ? notices[key as K] : null;
  return { notice, headers: raw === null ? undefined : { "Set-Cookie": cookie("", 0) } };
}
