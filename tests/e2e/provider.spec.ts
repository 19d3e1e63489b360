// A small provider lists itself: signs up, adds its organisation and a service, publishes it, a
// moderator checks the new organisation, and the service is found in search. And nobody can reach
// another organisation's listings.
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousAxeViolations, resultTitles, test } from "./support";

const PASSWORD = "weave-demo-password";

async function logIn(page: Page, email: string, next = "/provider") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(next);
}

test("a micro-provider signs up, adds an organisation and a service, publishes it, and once a moderator approves the organisation finds it in search", async ({ page, browser }) => {
  // A whole journey: accounts, several forms, accessibility checks, and waiting for search to catch up.
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const serviceName = `Sunita sits with you ${stamp}`;

  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Sunita Rao");
  await page.getByLabel("Email address").fill(`sunita-${stamp}@example.org`);
  await page.getByLabel("Choose a password").fill("a long and memorable password");
  await page.getByRole("radio", { name: "I run or work for a care provider or small local business" }).check();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL("/provider/organisations/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add your organisation");
  await page.getByLabel("Name of your organisation").fill(`Sunita's Sitting Service ${stamp}`);
  await page.getByRole("radio", { name: "Micro-enterprise (five or fewer staff)" }).check();
  // Six staff is too many for a micro-enterprise: the form says so and keeps everything typed.
  await page.getByLabel("How many staff work for it, including you?").fill("6");
  await page.getByLabel("What does your organisation do?").fill("I sit with older people in Headingley so their carers can have a break.");
  await page.getByLabel("Which town is it in, or nearest to?").selectOption({ label: "Headingley" });
  await page.getByLabel("Which places do you serve?").fill("Headingley and Kirkstall");
  await page.getByRole("checkbox", { name: "Everyone who works with people has a DBS check" }).check();
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/provider/organisations/new")),
    page.getByRole("button", { name: "Add organisation" }).click(),
  ]);
  expect(refused.status()).toBe(400);
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /A micro-enterprise has between 1 and 5 staff/ })).toHaveAttribute("href", "#staffCount");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Which places do you serve?")).toHaveValue("Headingley and Kirkstall");
  await expect(page.getByRole("radio", { name: "Micro-enterprise (five or fewer staff)" })).toBeChecked();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("How many staff work for it, including you?").fill("1");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page).toHaveURL(/\/provider\/organisations\/\d+$/);
  await expect(page.getByRole("status")).toContainText("Your organisation is added");
  await page.reload(); // the confirmation is said once, not on every visit
  await expect(page.getByText("Your organisation is added")).toHaveCount(0);
  await expect(page.getByText("Micro-enterprise (five or fewer staff)")).toBeVisible();
  await expect(page.getByText("DBS checked").first()).toBeVisible();
  await expect(page.getByText("Stated by you, waiting for a moderator")).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Waiting for a moderator to check your organisation");
  await expectNoSeriousAxeViolations(page);
  const organisationUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Add a service" }).click();
  await page.getByLabel("Name of the service").fill(serviceName);
  await page.getByLabel("What kind of support is it?").selectOption({ label: "Short breaks" });
  await page.getByLabel("Describe the service").fill("I come to your home and keep you company, so the person who cares for you can go out.");
  await page.getByLabel("Price in pounds").fill("16.50");
  await page.getByRole("radio", { name: "An hour" }).check();
  await page.getByRole("checkbox", { name: "At home" }).check();
  await page.getByLabel("Tuesday From", { exact: true }).fill("10:00");
  await page.getByLabel("Tuesday To", { exact: true }).fill("16:00");
  await page.getByLabel("How many places are free now? (optional)").fill("2");
  await page.getByRole("checkbox", { name: "Direct payment" }).check();
  await page.getByRole("checkbox", { name: "Individual Service Fund" }).check();
  await page.getByRole("button", { name: "Save as a draft" }).click();

  await expect(page).toHaveURL(/\/provider\/services\/\d+$/);
  const serviceUrl = new URL(page.url()).pathname;
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  const searchUrl = `/search?q=${encodeURIComponent(serviceName)}`;

  // A draft is nobody else's business.
  await page.goto(searchUrl);
  expect(await resultTitles(page)).not.toContain(serviceName);

  await page.goto(serviceUrl);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Your service is published. It shows in search once a moderator has checked your organisation.");
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  // Published, but the organisation is new: nothing of it is public yet.
  await page.goto(searchUrl);
  expect(await resultTitles(page)).not.toContain(serviceName);
  expect((await page.goto(organisationUrl.replace("/provider", "")))?.status()).toBe(404);

  // A moderator finds it in the queue, looks, and approves it.
  const moderatorContext = await browser.newContext();
  const moderator = await moderatorContext.newPage();
  await logIn(moderator, "mo@example.org", "/moderation");
  await moderator.getByRole("link", { name: `Sunita's Sitting Service ${stamp}` }).click();
  await expect(moderator.getByRole("heading", { level: 1 })).toHaveText(`Sunita's Sitting Service ${stamp}`);
  await expect(moderator.getByText(`${serviceName} (published: shows once you approve)`)).toBeVisible();
  await expectNoSeriousAxeViolations(moderator);
  await moderator.getByRole("button", { name: /^Approve/ }).click();
  await expect(moderator.getByRole("status")).toContainText("The organisation is approved");
  await moderatorContext.close();

  // The server drains the search outbox every second.
  await expect(async () => {
    await page.goto(searchUrl);
    expect(await resultTitles(page)).toContain(serviceName);
  }).toPass({ timeout: 15_000 });

  await page.getByRole("link", { name: serviceName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(serviceName);
  await expect(page.getByText("£16.50 an hour")).toBeVisible();
  await expect(page.getByText("Written by the provider")).toBeVisible();
  await expect(page.getByText("Micro-enterprise", { exact: true })).toBeVisible();
  await expect(page.getByText("(five or fewer staff)")).toBeVisible();
  await expect(page.getByText("Stated by the provider, not yet checked by Weave:")).toBeVisible();
});

test("provider pages: logging in first, 403 for another organisation's listings, 404 for ids that do not exist", async ({ page, browser }) => {
  const response = await page.goto("/provider/organisations/new");
  await expect(page).toHaveURL("/login?next=%2Fprovider%2Forganisations%2Fnew");
  expect(response?.status()).toBe(200);

  await logIn(page, "dev@example.org");
  await page.getByRole("main").getByRole("list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/provider\/organisations\/\d+$/);
  const organisationUrl = new URL(page.url()).pathname;
  await page.getByRole("region", { name: /^Services/ }).getByRole("listitem").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/provider\/services\/\d+$/);
  const serviceUrl = new URL(page.url()).pathname;

  const erin = await browser.newPage();
  await logIn(erin, "erin@example.org");
  for (const url of [organisationUrl, `${organisationUrl}/edit`, `${organisationUrl}/services/new`, serviceUrl]) {
    const refused = await erin.goto(url);
    expect(refused?.status(), url).toBe(403);
    await expect(erin.getByText(/^You can only (manage organisations you work for|change your own organisation's services)\.$/)).toBeVisible();
  }
  for (const url of ["/provider/services/99999999", "/provider/services/abc", "/provider/organisations/0"]) {
    expect((await erin.goto(url))?.status(), url).toBe(404);
  }
  await erin.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a moderator declines a new organisation with a reason; its owner reads it, puts it right and asks again", async ({ page, browser }) => {
    // Evan has just registered an organisation (set up in the database, as the form is tested above),
    // with the demo password.
    const stamp = Date.now().toString(36);
    const name = `Evan's Evening Visits ${stamp}`;
    const email = `evan-${stamp}@example.org`;
    const db = new Database(`tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`);
    const organisationId = db.prepare(`INSERT INTO organisations (name, kind, staff_count, description, town_slug, lat, lng, area_served, status)
      SELECT ?, 'micro-enterprise', 2, 'Evening visits in Otley.', slug, lat, lng, 'Otley', 'pending' FROM towns WHERE slug = 'otley' RETURNING id`).pluck().get(name) as number;
    const evan = db.prepare(`INSERT INTO users (email, name, password_hash) SELECT ?, 'Evan Evans', password_hash FROM users WHERE email = 'amina@example.org' RETURNING id`).pluck().get(email) as number;
    db.prepare("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, 'owner')").run(evan, organisationId);
    db.close();

    const moderatorContext = await browser.newContext({ javaScriptEnabled: false });
    const moderator = await moderatorContext.newPage();
    await logIn(moderator, "mo@example.org", `/moderation/organisations/${organisationId}`);
    // A reason too short is refused, and what was typed is kept.
    await moderator.getByLabel(/^Or decline/).fill("No.");
    await moderator.getByRole("button", { name: "Decline" }).click();
    await expect(moderator.getByRole("alert").getByRole("link", { name: "Give a little more of the reason (at least 10 characters)" })).toBeVisible();
    await moderator.getByLabel(/^Or decline/).fill("We could not find you: add a phone number we can ring.");
    await moderator.getByRole("button", { name: "Decline" }).click();
    await expect(moderator.getByRole("status")).toContainText("The organisation is declined");

    await logIn(page, email, `/provider/organisations/${organisationId}`);
    const note = page.getByRole("note");
    await expect(note).toContainText("A moderator could not approve your organisation yet");
    await expect(note).toContainText("They said: We could not find you: add a phone number we can ring.");
    await note.getByRole("button", { name: "Ask for another check" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you. A moderator will check your organisation again.");
    await expect(page.getByRole("note")).toContainText("Waiting for a moderator to check your organisation");

    await moderator.goto(`/moderation/organisations/${organisationId}`);
    await expect(moderator.getByText("Declined before, then put right and asked again:")).toBeVisible();
    await expect(moderator.getByRole("button", { name: `Approve: make ${name} public` })).toBeVisible();
    await moderatorContext.close();
  });

  test("a provider confirms a listing is still accurate, and a bad edit keeps what was typed", async ({ page }) => {
    await logIn(page, "erin@example.org");
    await page.getByRole("main").getByRole("list").getByRole("link").first().click();
    await page.getByRole("region", { name: /^Services/ }).getByRole("listitem").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/provider\/services\/\d+$/);
    await page.getByRole("button", { name: "Confirm still accurate" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you. The listing now shows it was checked today.");
    await expect(page.getByText("Checked today", { exact: true })).toBeVisible();

    // A bad edit comes back with the error and what was typed.
    await page.getByLabel("Price in pounds").fill("lots");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").getByRole("link", { name: "Enter the price in pounds and pence, like 18.50" })).toHaveAttribute("href", "#price");
    await expect(page.getByLabel("Price in pounds")).toHaveValue("lots");
  });
});
