// Every route that takes an id, asked for by every kind of person, against the real server.
// The table below must name every such route in app/routes.ts: a new route without an entry
// fails the first test, so nobody can add one without saying who may see it.
import Database from "better-sqlite3";
import type { Browser, Page } from "@playwright/test";
import routes from "../../app/routes";
import { expect, logInAs, test } from "./support";

type Outcome = "ok" | "login" | "forbidden" | "missing";
type Persona = "anonymous" | "holder" | "representative" | "otherHolder" | "isfProvider" | "otherProvider" | "commissioner" | "moderator" | "admin";
const emails: Record<Exclude<Persona, "anonymous">, string> = {
  holder: "amina@example.org", representative: "carol@example.org", otherHolder: "brian@example.org", isfProvider: "dev@example.org",
  otherProvider: "erin@example.org", commissioner: "kim@example.org", moderator: "mo@example.org", admin: "ada@example.org",
};
const personas = ["anonymous", ...Object.keys(emails)] as Persona[];

/** Ids from the e2e database: the holder's record and ISF, the ISF provider's organisation and a service of it. */
type Ids = { holder: number; holderIsf: number; providerOrg: number; providerService: number; suggestion: number; claim: number; order: number; enquiry: number };

const everyone = (outcome: Outcome): Record<Persona, Outcome> => Object.fromEntries(personas.map((p) => [p, outcome])) as Record<Persona, Outcome>;
const only = (allowed: Persona[]): Record<Persona, Outcome> =>
  Object.fromEntries(personas.map((p) => [p, p === "anonymous" ? "login" : allowed.includes(p) ? "ok" : "forbidden"])) as Record<Persona, Outcome>;

const personRecord = only(["holder", "representative"]);
const budget = only(["holder", "representative", "isfProvider"]);
const organisation = only(["isfProvider", "admin"]);
const moderation = only(["moderator", "admin"]);
const signedIn = only(personas.filter((p) => p !== "anonymous"));
// An order of the holder's from the provider's organisation: the buyer's pages are theirs (and
// their representative's); the provider's staff (and admins, who support them) use their own.
const buyerSide = only(["holder", "representative"]);
const bothSides = only(["holder", "representative", "isfProvider", "admin"]);

/** Route pattern -> the path to ask for (with real ids) and who gets what. */
const TABLE: Record<string, { path: (ids: Ids) => string; expect: Record<Persona, Outcome> }> = {
  "services/:id": { path: (i) => `/services/${i.providerService}`, expect: everyone("ok") },
  "organisations/:id": { path: (i) => `/organisations/${i.providerOrg}`, expect: everyone("ok") },
  "reset-password/:token": { path: () => "/reset-password/not-a-real-token", expect: everyone("ok") },
  "people/:personId": { path: (i) => `/people/${i.holder}`, expect: personRecord },
  "budgets/:budgetId": { path: (i) => `/budgets/${i.holderIsf}`, expect: budget },
  "budgets/:budgetId/statement": { path: (i) => `/budgets/${i.holderIsf}/statement`, expect: budget },
  "budgets/:budgetId/statement.csv": { path: (i) => `/budgets/${i.holderIsf}/statement.csv`, expect: budget },
  "budgets/:budgetId/plan": { path: (i) => `/budgets/${i.holderIsf}/plan`, expect: budget },
  "provider/isf/:budgetId": { path: (i) => `/provider/isf/${i.holderIsf}`, expect: only(["isfProvider"]) },
  "provider/organisations/:organisationId": { path: (i) => `/provider/organisations/${i.providerOrg}`, expect: organisation },
  "provider/organisations/:organisationId/edit": { path: (i) => `/provider/organisations/${i.providerOrg}/edit`, expect: organisation },
  "provider/organisations/:organisationId/services/new": { path: (i) => `/provider/organisations/${i.providerOrg}/services/new`, expect: organisation },
  "provider/services/:serviceId": { path: (i) => `/provider/services/${i.providerService}`, expect: organisation },
  "moderation/suggestions/:suggestionId": { path: (i) => `/moderation/suggestions/${i.suggestion}`, expect: moderation },
  "moderation/claims/:claimId": { path: (i) => `/moderation/claims/${i.claim}`, expect: moderation },
  // The Open Referral API and short codes are public by design, and hold no personal data.
  "openreferral/services/:id?": { path: () => "/openreferral/services", expect: everyone("ok") },
  "openreferral/service_at_locations/:id?": { path: () => "/openreferral/service_at_locations", expect: everyone("ok") },
  "openreferral/organizations/:id?": { path: () => "/openreferral/organizations", expect: everyone("ok") },
  "openreferral/taxonomies/:id?": { path: () => "/openreferral/taxonomies", expect: everyone("ok") },
  "openreferral/taxonomy_terms/:id?": { path: () => "/openreferral/taxonomy_terms", expect: everyone("ok") },
  "s/:code?": { path: () => "/s", expect: everyone("ok") },
  // Ordering and paying. Anyone signed in may order or ask (for themselves, or for someone they act for).
  "services/:id/order": { path: (i) => `/services/${i.providerService}/order`, expect: signedIn },
  "services/:id/enquire": { path: (i) => `/services/${i.providerService}/enquire`, expect: signedIn },
  "orders/:orderId": { path: (i) => `/orders/${i.order}`, expect: buyerSide },
  "orders/:orderId/pay": { path: (i) => `/orders/${i.order}/pay`, expect: buyerSide },
  "orders/:orderId/invoice": { path: (i) => `/orders/${i.order}/invoice`, expect: bothSides },
  "provider/orders/:orderId": { path: (i) => `/provider/orders/${i.order}`, expect: organisation },
  "enquiries/:enquiryId": { path: (i) => `/enquiries/${i.enquiry}`, expect: bothSides },
  // Commissioners' insights: a commissioner's own council areas (Kim: Leeds and Bradford), nobody else — not even admins.
  "insights/:area": { path: () => "/insights/leeds", expect: only(["commissioner"]) },
  "insights/:area/export.csv": { path: () => "/insights/leeds/export.csv?table=spend-by-category", expect: only(["commissioner"]) },
  "insights/:area/market-position": { path: () => "/insights/bradford/market-position", expect: only(["commissioner"]) },
};

type RouteEntry = { path?: string; children?: RouteEntry[] };
const withIds = (entries: RouteEntry[]): string[] =>
  entries.flatMap((r) => [...(r.path?.includes(":") ? [r.path] : []), ...withIds(r.children ?? [])]);

test("every route that takes an id says who may see it", () => {
  const missing = withIds(routes as RouteEntry[]).filter((path) => !(path in TABLE));
  expect(missing, "routes with ids and no entry in the permission table").toEqual([]);
});

const dbPath = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`;

async function fixtures(browser: Browser): Promise<Ids> {
  // A pending suggestion, made the way anyone makes one.
  const page = await browser.newPage();
  await page.goto("/suggest");
  const name = `Permission table suggestion ${Date.now().toString(36)}`;
  await page.getByLabel("What is the service called?").fill(name);
  await page.getByLabel("What does it offer?").fill("A test suggestion for the permission table.");
  await page.getByLabel("What kind of support is it?").selectOption("befriending");
  await page.getByLabel("Which town is it in, or nearest to?").selectOption("otley");
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.getByRole("heading", { name: "Suggestion sent" })).toBeVisible();
  await page.close();

  const db = new Database(dbPath);
  const id = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
  const holder = id("SELECT id FROM users WHERE email = ?", emails.holder);
  const dev = id("SELECT id FROM users WHERE email = ?", emails.isfProvider);
  const providerOrg = id("SELECT organisation_id FROM memberships WHERE user_id = ? ORDER BY organisation_id LIMIT 1", dev);
  // A claim to moderate (the provider-side form makes these; here it only needs to exist).
  const claim = id("INSERT INTO vetting_claims (organisation_id, fact, value, claimed_by) VALUES (?, 'charity-number', '1234567', ?) RETURNING id", providerOrg, dev);
  const holderIsf = id("SELECT id FROM budget_accounts WHERE holder_id = ? AND arrangement = 'isf'", holder);
  const providerService = id("SELECT id FROM services WHERE organisation_id = ? AND status = 'published' ORDER BY id LIMIT 1", providerOrg);
  // An order and a question from the holder to the provider (the order pages make these; here they only need to exist).
  const order = id(`INSERT INTO orders (service_id, organisation_id, buyer_id, placed_by, payment_method, budget_account_id, service_name, category,
    unit, unit_price_pence, quantity_hundredths, recurrence, starts_on) SELECT id, organisation_id, ?, ?, 'budget', ?, name, category_slug, 'hour', 1800, 200,
    'one-off', date('now', '+7 days') FROM services WHERE id = ? RETURNING id`, holder, holder, holderIsf, providerService);
  const enquiry = id("INSERT INTO enquiries (service_id, organisation_id, buyer_id, created_by, subject) VALUES (?, ?, ?, ?, 'Tuesdays?') RETURNING id",
    providerService, providerOrg, holder, holder);
  const ids = { holder, providerOrg, claim, holderIsf, providerService, order, enquiry, suggestion: id("SELECT id FROM suggestions WHERE service_name = ?", name) };
  db.close();
  return ids;
}

async function outcome(page: Page, path: string): Promise<Outcome> {
  const response = await page.request.get(path, { maxRedirects: 0 });
  const status = response.status();
  if (status === 200) return "ok";
  if (status === 403) return "forbidden";
  if (status === 404) return "missing";
  if (status === 302 && (response.headers().location ?? "").startsWith("/login?next=")) return "login";
  return `unexpected ${status}` as Outcome;
}

test("each person gets exactly what the table says, for every route with an id", async ({ browser }) => {
  test.setTimeout(120_000);
  const ids = await fixtures(browser);
  const pages = {} as Record<Persona, Page>;
  for (const persona of personas) {
    pages[persona] = await (await browser.newContext()).newPage();
    if (persona !== "anonymous") await logInAs(pages[persona], emails[persona]);
  }
  const wrong: string[] = [];
  for (const [route, entry] of Object.entries(TABLE)) {
    const path = entry.path(ids);
    for (const persona of personas) {
      const got = await outcome(pages[persona], path);
      if (got !== entry.expect[persona]) wrong.push(`${route} as ${persona}: expected ${entry.expect[persona]}, got ${got} (${path})`);
    }
  }
  expect(wrong).toEqual([]);
});

test("ids that do not exist are 404 for people who are logged in, and ask anonymous people to log in", async ({ page, browser }) => {
  await logInAs(page, emails.holder);
  for (const path of ["/budgets/99999999", "/budgets/99999999/plan", "/provider/services/99999999", "/budgets/abc", "/orders/99999999", "/provider/orders/99999999", "/orders/99999999/invoice", "/enquiries/99999999"]) {
    expect(await outcome(page, path), path).toBe("missing");
  }
  // A person who does not exist looks exactly like one you may not see: ids of people are not confirmed.
  expect(await outcome(page, "/people/99999999")).toBe("forbidden");
  expect(await outcome(page, "/insights/atlantis")).toBe("missing");
  const anonymous = await browser.newPage();
  expect(await outcome(anonymous, "/budgets/99999999")).toBe("login");
});

test("changes are refused too, not only pages: another holder's plan, another provider's service, a foreign site's form", async ({ browser }) => {
  const ids = await fixtures(browser);
  const brian = await browser.newPage();
  await logInAs(brian, emails.otherHolder);
  const origin = new URL(brian.url()).origin;
  const planPost = await brian.request.post(`/budgets/${ids.holderIsf}/plan`, { form: { intent: "start" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(planPost.status()).toBe(403);

  const erin = await browser.newPage();
  await logInAs(erin, emails.otherProvider);
  const publish = await erin.request.post(`/provider/services/${ids.providerService}`, { form: { intent: "unpublish" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(publish.status()).toBe(403);

  const amina = await browser.newPage();
  await logInAs(amina, emails.holder);
  const foreign = await amina.request.post("/account/password", {
    form: { currentPassword: "weave-demo-password", newPassword: "taken over by another site" }, headers: { Origin: "https://evil.example" }, maxRedirects: 0,
  });
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(foreign.status()).toBeLessThan(500);
  // The password did not change: the demo password still works.
  const again = await browser.newPage();
  await logInAs(again, emails.holder);
});
