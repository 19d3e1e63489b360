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
type Ids = { holder: number; holderIsf: number; providerOrg: number; providerService: number; suggestion: number; claim: number; order: number; enquiry: number; review: number; request: number; groupOffer: number; peerSupporter: number };

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
  // Weave's admins open, suspend and end budget accounts (terms only, never the balance).
  "admin/budgets/:budgetId": { path: (i) => `/admin/budgets/${i.holderIsf}`, expect: only(["admin"]) },
  // The starter pack and requests for quotes are the person's own, not the ISF provider's.
  "budgets/:budgetId/starter-pack": { path: (i) => `/budgets/${i.holderIsf}/starter-pack`, expect: personRecord },
  "budgets/:budgetId/quotes": { path: (i) => `/budgets/${i.holderIsf}/quotes`, expect: personRecord },
  "provider/isf/:budgetId": { path: (i) => `/provider/isf/${i.holderIsf}`, expect: only(["isfProvider"]) },
  "provider/organisations/:organisationId": { path: (i) => `/provider/organisations/${i.providerOrg}`, expect: organisation },
  "provider/organisations/:organisationId/edit": { path: (i) => `/provider/organisations/${i.providerOrg}/edit`, expect: organisation },
  "provider/organisations/:organisationId/services/new": { path: (i) => `/provider/organisations/${i.providerOrg}/services/new`, expect: organisation },
  "provider/services/:serviceId": { path: (i) => `/provider/services/${i.providerService}`, expect: organisation },
  "moderation/suggestions/:suggestionId": { path: (i) => `/moderation/suggestions/${i.suggestion}`, expect: moderation },
  "moderation/claims/:claimId": { path: (i) => `/moderation/claims/${i.claim}`, expect: moderation },
  // Femi (the demo seed's peer supporter): his offer and email are for moderators only.
  "moderation/peer-supporters/:userId": { path: (i) => `/moderation/peer-supporters/${i.peerSupporter}`, expect: moderation },
  // A provider's organisation as moderators check it (the demo provider's, already approved): its people's emails are on it.
  "moderation/organisations/:organisationId": { path: (i) => `/moderation/organisations/${i.providerOrg}`, expect: moderation },
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
  // Reviews: the buyer's side writes one; the provider's staff rate and reply; anyone may report a
  // published review; moderators decide. A person may review a service only with a reason (the page says why not).
  "orders/:orderId/review": { path: (i) => `/orders/${i.order}/review`, expect: buyerSide },
  "services/:id/review": { path: (i) => `/services/${i.providerService}/review`, expect: signedIn },
  "reviews/:reviewId/report": { path: (i) => `/reviews/${i.review}/report`, expect: everyone("ok") },
  // Withdrawing is the reviewed person's (or their representative's): not the provider's, not a moderator's.
  "reviews/:reviewId/withdraw": { path: (i) => `/reviews/${i.review}/withdraw`, expect: personRecord },
  "reviews/:reviewId/edit": { path: (i) => `/reviews/${i.review}/edit`, expect: personRecord },
  "provider/reviews/:reviewId": { path: (i) => `/provider/reviews/${i.review}`, expect: organisation },
  "provider/orders/:orderId/review": { path: (i) => `/provider/orders/${i.order}/review`, expect: organisation },
  "moderation/reviews/:reviewId": { path: (i) => `/moderation/reviews/${i.review}`, expect: moderation },
  // A looking-for post of the holder's, in the area and kind of support of the provider's service: the person's side is
  // theirs; the anonymised provider's side is for providers serving that area and kind (not admins: it goes out to providers only).
  "looking-for/:requestId": { path: (i) => `/looking-for/${i.request}`, expect: buyerSide },
  "provider/requests/:requestId": { path: (i) => `/provider/requests/${i.request}`, expect: only(["isfProvider"]) },
  // Group offers are public (members' names are shown only to members); opening one is the provider's.
  "group-offers/:offerId": { path: (i) => `/group-offers/${i.groupOffer}`, expect: everyone("ok") },
  "provider/services/:serviceId/group-offer": { path: (i) => `/provider/services/${i.providerService}/group-offer`, expect: organisation },
  // Anyone signed in may ask; the page says who can send it (people with a budget, or acting for one).
  "services/:id/group-offer": { path: (i) => `/services/${i.providerService}/group-offer`, expect: signedIn },
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
  // A published review of that order (the review pages make these; here it only needs to exist).
  const review = id(`INSERT INTO reviews (service_id, organisation_id, person_id, author_id, basis, order_id, reliability, communication, value, helped_me, overall,
    body, publish_at) VALUES (?, ?, ?, ?, 'order', ?, 4, 4, 4, 4, 4, 'Kind and on time.', '2000-01-01T00:00:00.000Z') RETURNING id`, providerService, providerOrg, holder, holder, order);
  // A looking-for post of the holder's where the provider's service is, and of its kind (the post form makes these).
  const request = id(`INSERT INTO support_requests (kind, person_id, created_by, category, area_slug, town_slug, description, when_text, expires_at)
    SELECT 'looking-for', ?, ?, s.category_slug, t.area_slug, s.town_slug, 'Permission table post', 'Any time', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 days')
    FROM services s JOIN towns t ON t.slug = s.town_slug WHERE s.id = ? RETURNING id`, holder, holder, providerService);
  const groupOffer = id("SELECT id FROM consortium_offers ORDER BY id LIMIT 1"); // the demo seed's
  const peerSupporter = id("SELECT user_id FROM peer_supporters s JOIN users u ON u.id = s.user_id WHERE u.email = 'femi@example.org'");
  const ids = { holder, providerOrg, claim, holderIsf, providerService, order, enquiry, review, request, groupOffer, peerSupporter, suggestion: id("SELECT id FROM suggestions WHERE service_name = ?", name) };
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
  for (const path of ["/budgets/99999999", "/budgets/99999999/plan", "/provider/services/99999999", "/budgets/abc", "/orders/99999999", "/provider/orders/99999999", "/orders/99999999/invoice", "/enquiries/99999999",
    "/orders/99999999/review", "/provider/reviews/99999999", "/reviews/99999999/report", "/reviews/99999999/withdraw", "/services/99999999/review",
    "/looking-for/99999999", "/provider/requests/99999999"]) {
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
