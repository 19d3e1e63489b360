// Buying together, as people do it in a browser against the real server: Dev opens a group offer
// on his service, three budget holders join it from their own budgets, the closing date passes
// (the job runs, as the server does hourly), the group forms at the lower price its size earns,
// and each holder's statement shows their share at that price once a session is confirmed; then one
// leaves, and another confirms the smaller group's higher price on the offer page; then a new holder
// joins the formed group from its next period and the price falls back for everyone.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

const dbPath = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`;
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** A service of Dev's organisation at £24 an hour, made from one it already has so the test does not depend on the region's. */
function aServiceOfDevs(name: string) {
  const db = new Database(dbPath);
  try {
    return db.prepare(`INSERT INTO services (organisation_id, name, category_slug, description, price_pence, price_unit, delivery_modes, availability,
      accessibility, languages, payment_routes, town_slug, lat, lng, radius_miles, status)
      SELECT s.organisation_id, ?, 'leisure-and-arts', 'Made by the group offer test.', 2400, 'hour', s.delivery_modes, s.availability, s.accessibility,
        s.languages, '["isf","direct-payment"]', s.town_slug, s.lat, s.lng, s.radius_miles, 'published'
      FROM services s JOIN memberships m ON m.organisation_id = s.organisation_id JOIN users u ON u.id = m.user_id
      WHERE u.email = 'dev@example.org' ORDER BY s.id LIMIT 1 RETURNING id`).pluck().get(name) as number;
  } finally {
    db.close();
  }
}

const as = async (browser: Browser, email: string, next: string) => {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email, next);
  await page.goto(next);
  return page;
};

async function join(page: Page, name: string) {
  await page.getByLabel("Name other members will see").fill(name);
  await page.getByRole("button", { name: "Join the group" }).click();
  // Four weekly sessions of 2 hours at the smallest group's price, £20 an hour.
  await expect(page.getByRole("status")).toHaveText("You have joined. £160 is set aside from your budget until the group forms.");
}

test("three budget holders join an offer, the minimum is reached, the closing date passes, and each statement shows their share at the lower price", async ({ browser }) => {
  test.setTimeout(120_000);
  const serviceName = `Painting group, consortium test ${Date.now().toString(36)}`;
  const serviceId = aServiceOfDevs(serviceName);
  const dinaEmail = `dina-${Date.now().toString(36)}@example.org`;
  execFileSync(process.execPath, ["--import", "tsx", "tests/support/e2e-holder.ts", dinaEmail, "Dina Okafor"], { env: { ...process.env, DATABASE_PATH: dbPath } });

  // Dev opens the offer from his service's page: £20 an hour each with 2 people, £15 with 3.
  const dev = await as(browser, "dev@example.org", `/provider/services/${serviceId}`);
  await dev.getByRole("link", { name: "Open a group offer" }).click();
  await dev.getByLabel("Name of the group").fill("Tuesday painting");
  await dev.getByLabel("What the group does").fill("Painting together with a tutor, two hours a week.");
  await dev.getByLabel("Smallest group (people)").fill("2");
  await dev.getByLabel("Price each, in pounds").first().fill("20");
  await dev.getByLabel("Group of at least (people)").first().fill("3");
  await dev.getByLabel("Price each, in pounds").nth(1).fill("15");
  await dev.getByLabel("The most people who can join").fill("4");
  await dev.getByLabel("Closing date for joining").fill(tomorrow());
  await dev.getByLabel("Date of the first session").fill(tomorrow());
  await expectNoSeriousAxeViolations(dev);
  await dev.getByRole("button", { name: "Open the group offer" }).click();
  await expect(dev.getByRole("heading", { level: 1, name: "Tuesday painting" })).toBeVisible();
  const offerPath = new URL(dev.url()).pathname;
  const offerId = Number(offerPath.split("/").pop());
  await expect(dev.locator("#group-size")).toHaveText(/^0 of 4 joined, closes (tomorrow|today|\w+day) ?/);

  // The service page says it is there, for anyone, and search finds it under "Open group offer".
  const anyone = await (await browser.newContext()).newPage();
  await anyone.goto(`/services/${serviceId}`);
  await expect(anyone.getByRole("link", { name: "Tuesday painting" })).toBeVisible();
  await expect(async () => {
    await anyone.goto(`/search?q=${encodeURIComponent(serviceName)}&group=1`);
    await expect(anyone.getByRole("heading", { level: 3, name: serviceName })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(anyone.getByRole("checkbox", { name: /^Open group offer \(\d+\)$/ })).toBeChecked();

  const amina = await as(browser, "amina@example.org", offerPath);
  await expect(amina.getByRole("row", { name: "3 or more people £15 an hour £120" })).toBeVisible();
  await amina.getByLabel("Which budget will pay?").selectOption({ label: "Your Individual Service Fund" });
  await join(amina, "Amina");
  await expectNoSeriousAxeViolations(amina);
  await amina.goto("/group-offers");
  await expect(amina.getByRole("region", { name: "Your groups" }).getByRole("listitem").filter({ hasText: "Tuesday painting" })).toHaveText("Tuesday painting · joined, waiting for the group to form");
  await expectNoSeriousAxeViolations(amina);

  const brian = await as(browser, "brian@example.org", offerPath);
  await join(brian, "Brian");
  const dina = await as(browser, dinaEmail, offerPath);
  await join(dina, "Dina");
  await expect(dina.locator("#group-size")).toHaveText(/^3 of 4 joined/);
  // Members see each other's chosen names only.
  await expect(dina.getByRole("region", { name: "Who has joined" }).getByRole("listitem")).toHaveText(["Amina", "Brian", "Dina"]);
  await expect(anyone.getByText("Amina")).toHaveCount(0);

  // The closing date passes: the first session is today, and the job the server runs hourly forms the group.
  const db = new Database(dbPath);
  db.prepare("UPDATE consortium_offers SET pledge_deadline = ?, starts_on = date('now') WHERE id = ?").run(new Date(Date.now() - 1000).toISOString(), offerId);
  const report = execFileSync(process.execPath, ["--import", "tsx", "app/consortia/cli.ts"], { env: { ...process.env, DATABASE_PATH: dbPath } }).toString();
  expect(report).toContain("Formed 1 group(s)");

  const members = db.prepare(`SELECT p.order_id AS orderId, p.budget_account_id AS budgetId, u.email FROM consortium_pledges p JOIN users u ON u.id = p.holder_id
    WHERE p.offer_id = ? AND p.status = 'member' ORDER BY p.id`).all(offerId) as { orderId: number; budgetId: number; email: string }[];
  db.close();
  expect(members.map((m) => m.email)).toEqual(["amina@example.org", "brian@example.org", dinaEmail]);

  await amina.goto(offerPath);
  await expect(amina.locator("#group-size")).toHaveText("The group formed with 3 members at £15 an hour each");
  await expect(amina.getByText(/The group formed with 3 members\. You pay £15 per hour \(£9 less than alone\)/)).toBeVisible();

  // Dev records today's session for each member; each confirms it, and their statement shows £30 (2 hours at £15).
  for (const m of members) {
    await dev.goto(`/provider/orders/${m.orderId}`);
    await dev.getByLabel("Hours delivered").fill("2");
    await dev.getByRole("button", { name: /^Record delivery/ }).click();
    await expect(dev.getByRole("status")).toHaveText("Delivery recorded. The person is asked to confirm it.");
  }
  for (const [page, m] of [[amina, members[0]!], [brian, members[1]!], [dina, members[2]!]] as const) {
    await page.goto(`/orders/${m.orderId}`);
    await page.getByRole("button", { name: /^Confirm it was delivered/ }).click();
    await expect(page.getByText("Charged £30")).toBeVisible();
    await page.goto(`/budgets/${m.budgetId}/statement`);
    const line = page.getByRole("row", { name: new RegExp(`${serviceName}: 2 hours × £15 an hour`) });
    await expect(line).toBeVisible();
    await expect(line).toContainText("£30");
  }

  // Amina leaves with two weeks' notice and nobody is waiting: two members earn £20 an hour from the
  // next period. Brian keeps paying £15 until he confirms; he confirms on the offer page.
  await amina.goto(offerPath);
  await amina.getByRole("button", { name: "Give notice to leave" }).click();
  await expect(amina.getByRole("status")).toContainText("You have given notice.");
  await brian.goto(offerPath);
  await expect(brian.locator("#price")).toContainText("its price for its size is £20 an hour from");
  await expect(brian.locator("#price")).toContainText("You keep paying £15 an hour unless you confirm");
  await expectNoSeriousAxeViolations(brian);
  await brian.getByRole("button", { name: "Confirm the new price" }).click();
  await expect(brian.getByRole("status")).toHaveText(/^You confirmed the new price: £20 an hour from \d{1,2} \w+ \d{4}\. Sessions before then keep your old price\.$/);
  await expect(brian.getByRole("button", { name: "Confirm the new price" })).toHaveCount(0);
  // His place says what he pays now, and what from the new period.
  await expect(brian.getByRole("region", { name: "Your place" })).toContainText(/You pay £15 an hour for your next session \(\d{1,2} \w+ \d{4}\), and £20 an hour for the sessions after the price changes\./);
  await dina.goto(offerPath);
  await expect(dina.getByRole("button", { name: "Confirm the new price" })).toBeVisible();

  // Eve joins the formed group later, from its next period: three members earn £15 again from then,
  // so Dina is no longer asked to confirm a rise.
  const eveEmail = `eve-${Date.now().toString(36)}@example.org`;
  execFileSync(process.execPath, ["--import", "tsx", "tests/support/e2e-holder.ts", eveEmail, "Eve Adeyemi"], { env: { ...process.env, DATABASE_PATH: dbPath } });
  const eve = await as(browser, eveEmail, offerPath);
  await expect(eve.getByRole("heading", { name: "Join from the next period" })).toBeVisible();
  await expectNoSeriousAxeViolations(eve);
  await eve.getByLabel("Name other members will see").fill("Eve");
  await eve.getByRole("button", { name: "Join from the next period" }).click();
  await expect(eve.getByRole("status")).toHaveText(/^You have joined from \d{1,2} \w+ \d{4} at £15 an hour\. £120 is set aside from your budget for the first four weeks; your order is on your orders page\.$/);
  await dina.goto(offerPath);
  await expect(dina.getByText(/Eve joins the group from \d{1,2} \w+ \d{4}\. With 3 members the group's price is £15 per hour from then/)).toBeVisible();
  await expect(dina.getByRole("button", { name: "Confirm the new price" })).toHaveCount(0);
});

test("a budget holder asks a provider for a group offer; it opens when the provider agrees; people can ask to be introduced", async ({ browser }) => {
  test.setTimeout(90_000);
  const serviceName = `Swimming, proposal test ${Date.now().toString(36)}`;
  const serviceId = aServiceOfDevs(serviceName);

  const brian = await as(browser, "brian@example.org", `/services/${serviceId}`);
  await brian.getByRole("link", { name: "Ask for a group offer" }).click();
  await brian.getByLabel("Name of the group").fill("Saturday swimming");
  await brian.getByLabel("What the group does").fill("A swimming session with a helper for a few of us.");
  await brian.getByLabel("Price each, in pounds").first().fill("18");
  await brian.getByLabel("Closing date for joining").fill(tomorrow());
  await brian.getByLabel("Date of the first session").fill(tomorrow());
  await expectNoSeriousAxeViolations(brian);
  await brian.getByRole("button", { name: "Send to the provider" }).click();
  await expect(brian.locator("#group-size")).toHaveText(/^Asked for by a budget holder: waiting for .+ to agree$/);
  await expect(brian.getByRole("button", { name: "Join the group" })).toHaveCount(0);
  const offerPath = new URL(brian.url()).pathname;

  const dev = await as(browser, "dev@example.org", `/provider/services/${serviceId}`);
  await dev.getByRole("region", { name: "Group offers people have asked for" }).getByRole("link", { name: "Saturday swimming" }).click();
  await dev.getByRole("button", { name: "Agree and open it" }).click();
  await expect(dev.getByRole("status")).toHaveText("You agreed: the offer is open, people can join it and it shows in search.");

  await brian.goto(offerPath);
  await expect(brian.locator("#group-size")).toHaveText(/^0 of 6 joined, closes /);
  await expect(brian.getByText(/agreed to your group offer “Saturday swimming”: people can join it now/)).toBeVisible();
  await expect(brian.getByRole("button", { name: "Join the group" })).toBeVisible();

  // Finding each other: Brian asks to be told about others in Bradford who want leisure and arts.
  await brian.goto("/group-offers");
  await brian.getByRole("link", { name: "Tell me when others near me want the same kind of support" }).click();
  await brian.getByLabel("What kind of support?").selectOption({ label: "Leisure and arts" });
  await brian.getByLabel("Name others will see").fill("Bri");
  await brian.getByRole("button", { name: "Tell me" }).click();
  await expect(brian.getByRole("status")).toContainText("You will see others here who want the same");
  await expect(brian.getByRole("heading", { level: 3, name: "Leisure and arts in Bradford" })).toBeVisible();
  await expectNoSeriousAxeViolations(brian);
});
