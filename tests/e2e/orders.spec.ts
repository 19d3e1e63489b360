// Ordering and paying, as the people do it in a browser against the real server. Demo people
// (seeds/accounts.ts): Amina holds an ISF in Leeds; Dev owns the provider organisation that
// holds it. Leeds does not pay for training for personal assistants from a budget.
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

const dbPath = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A service of Dev's organisation that takes ISF payments, made here so the test does not
 * depend on what the generated demo region happens to hold.
 */
function aServiceOfDevs(name: string, category: string, pricePence: number, unit: "hour" | "session") {
  const db = new Database(dbPath);
  try {
    const org = db.prepare(`SELECT o.id, o.town_slug, o.lat, o.lng FROM organisations o JOIN memberships m ON m.organisation_id = o.id
      JOIN users u ON u.id = m.user_id WHERE u.email = 'dev@example.org' ORDER BY o.id LIMIT 1`).get() as { id: number; town_slug: string; lat: number; lng: number };
    return db.prepare(`INSERT INTO services (organisation_id, name, category_slug, description, price_pence, price_unit, delivery_modes, availability,
      accessibility, languages, payment_routes, town_slug, lat, lng, radius_miles, status)
      VALUES (?, ?, ?, 'Made by the ordering test.', ?, ?, '["home"]', '[]', '[]', '["English"]', '["isf","direct-payment","self-funded"]', ?, ?, ?, 10, 'published')
      RETURNING id`).pluck().get(org.id, name, category, pricePence, unit, org.town_slug, org.lat, org.lng) as number;
  } finally {
    db.close();
  }
}

async function fillOrder(page: Page, o: { quantity: string; recurrence: "Once" | "Every week"; from?: string; to?: string }) {
  await page.getByRole("link", { name: "Order this service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Order / })).toBeVisible();
  await page.getByLabel(/^How many (hours|sessions) each time\?/).fill(o.quantity);
  await page.getByLabel("How often?").selectOption({ label: o.recurrence });
  await page.getByLabel("Date of the first visit").fill(today());
  if (o.from) await page.getByLabel("From", { exact: true }).fill(o.from);
  if (o.to) await page.getByLabel("To", { exact: true }).fill(o.to);
  const pay = page.getByLabel("How will this be paid?");
  await pay.selectOption({ index: 1 }); // Amina's one budget, her ISF
  await expect(pay.locator("option:checked")).toHaveText(/^Individual Service Fund/);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your order before sending it" })).toBeVisible();
}

test("a budget holder orders 2 hours a week of help at home, the provider accepts and records delivery, the holder confirms, and the statement shows the spend", async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `Help at home, ordering test ${Date.now().toString(36)}`;
  const serviceId = aServiceOfDevs(name, "help-at-home", 1_800, "hour");

  // Pages of their own contexts: two people logged in at once, each checked with axe.
  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org", `/services/${serviceId}`);
  await amina.goto(`/services/${serviceId}`);
  await amina.getByRole("link", { name: "Order this service" }).waitFor();
  // No Stripe keys on the test server: the card option is not offered, and the form says why.
  await amina.getByRole("link", { name: "Order this service" }).click();
  await expect(amina.getByText(/Paying by card is not possible here: Card payments are switched off/)).toBeVisible();
  await expect(amina.getByLabel("How will this be paid?").locator("option", { hasText: "Card" })).toHaveCount(0);
  await amina.goBack();
  await fillOrder(amina, { quantity: "2", recurrence: "Every week", from: "10:00", to: "12:00" });

  await expect(amina.getByText("2 hours × £18 an hour = £36")).toBeVisible();
  await expect(amina.getByText("4 visits, £144")).toBeVisible();
  await expect(amina.getByText(/, once the provider accepts and £144 is set aside/)).toBeVisible();
  await expectNoSeriousAxeViolations(amina);
  await amina.getByRole("button", { name: "Place order" }).click();
  await expect(amina.getByRole("heading", { name: "Order sent" })).toBeVisible();
  const orderPath = new URL(amina.url()).pathname;
  const orderId = orderPath.split("/").pop();
  await expect(amina.getByText("Waiting for the provider")).toBeVisible();

  const dev = await (await browser.newContext()).newPage();
  await logInAs(dev, "dev@example.org", "/provider/inbox");
  await dev.goto("/provider/inbox");
  await dev.getByRole("link", { name: `${name} for Amina Hussain` }).click();
  await expect(dev).toHaveURL(new RegExp(`/provider/orders/${orderId}$`));
  await dev.getByRole("button", { name: "Accept and book the visits" }).click();
  await expect(dev.getByRole("status")).toHaveText("Accepted. The visits are booked and the person is told.");
  await dev.getByLabel("Hours delivered").fill("2");
  await dev.getByLabel("Notes (optional)").fill("Shopping and a tidy of the kitchen");
  await dev.getByRole("button", { name: /^Record delivery/ }).click();
  await expect(dev.getByRole("status")).toHaveText("Delivery recorded. The person is asked to confirm it.");
  await expectNoSeriousAxeViolations(dev);

  await amina.goto(orderPath);
  await expect(amina.getByText("Notes: Shopping and a tidy of the kitchen", { exact: true })).toBeVisible();
  await amina.getByRole("button", { name: /^Confirm it was delivered/ }).click();
  await expect(amina.getByRole("status")).toHaveText("Confirmed. Thank you: the provider will be paid for it.");
  await expect(amina.getByText("Charged £36")).toBeVisible();

  await amina.goto("/budgets");
  await amina.getByRole("link", { name: "Individual Service Fund" }).click();
  await amina.getByRole("link", { name: "Statement" }).click();
  const line = amina.getByRole("row", { name: new RegExp(`${name}: 2 hours × £18 an hour`) });
  await expect(line).toBeVisible();
  await expect(line).toContainText("£36");
});

test("a rule-breaking order shows the council's explanation and is not placed", async ({ page }) => {
  const name = `PA first aid, ordering test ${Date.now().toString(36)}`;
  const serviceId = aServiceOfDevs(name, "training-for-pas", 9_000, "session");
  const db = new Database(dbPath, { readonly: true });
  const rule = db.prepare("SELECT explanation, instead FROM spending_rules WHERE area_slug = 'leeds' AND kind = 'category-not-allowed'").get() as { explanation: string; instead: string };
  await logInAs(page, "amina@example.org", `/services/${serviceId}`);
  await page.goto(`/services/${serviceId}`);
  await fillOrder(page, { quantity: "1", recurrence: "Once" });

  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("You cannot place this order");
  await expect(refusal).toContainText(rule.explanation);
  await expect(refusal).toContainText(rule.instead);
  await expect(page.getByRole("button", { name: "Place order" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  // Sending the form anyway (no button needed) is refused too, and nothing is ordered.
  const isf = db.prepare("SELECT b.id FROM budget_accounts b JOIN users u ON u.id = b.holder_id WHERE u.email = 'amina@example.org' AND b.arrangement = 'isf'").pluck().get();
  const forced = await page.request.post(`/services/${serviceId}/order`, {
    headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0,
    form: { intent: "place", quantity: "1", recurrence: "one-off", startsOn: today(), endsOn: "", timeFrom: "", timeTo: "", payWith: `budget:${isf}`, message: "" },
  });
  expect(forced.status()).toBe(400);
  expect(db.prepare("SELECT COUNT(*) FROM orders WHERE service_id = ?").pluck().get(serviceId)).toBe(0);
  db.close();
});

test("changes to an order are refused to anyone not on it: another holder, another provider, a foreign site", async ({ browser }) => {
  const serviceId = aServiceOfDevs(`Refusals test ${Date.now().toString(36)}`, "help-at-home", 1_800, "hour");
  const db = new Database(dbPath);
  const amina = db.prepare("SELECT id FROM users WHERE email = 'amina@example.org'").pluck().get() as number;
  const isf = db.prepare("SELECT id FROM budget_accounts WHERE holder_id = ? AND arrangement = 'isf'").pluck().get(amina) as number;
  const orderId = db.prepare(`INSERT INTO orders (service_id, organisation_id, buyer_id, placed_by, payment_method, budget_account_id, service_name, category,
    unit, unit_price_pence, quantity_hundredths, recurrence, starts_on) SELECT id, organisation_id, ?, ?, 'budget', ?, name, category_slug, 'hour', 1800, 200,
    'one-off', date('now', '+7 days') FROM services WHERE id = ? RETURNING id`).pluck().get(amina, amina, isf, serviceId) as number;
  const status = () => db.prepare("SELECT status FROM orders WHERE id = ?").pluck().get(orderId);

  const brian = await browser.newPage();
  await logInAs(brian, "brian@example.org");
  const origin = new URL(brian.url()).origin;
  const asBrian = await brian.request.post(`/orders/${orderId}`, { form: { intent: "cancel-order", reason: "Not mine" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(asBrian.status()).toBe(403);

  const erin = await browser.newPage();
  await logInAs(erin, "erin@example.org");
  const asErin = await erin.request.post(`/provider/orders/${orderId}`, { form: { intent: "accept" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(asErin.status()).toBe(403);

  const dev = await browser.newPage();
  await logInAs(dev, "dev@example.org");
  const foreign = await dev.request.post(`/provider/orders/${orderId}`, { form: { intent: "accept" }, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(foreign.status()).toBeLessThan(500);
  expect(status()).toBe("requested");

  // The provider themselves can accept it, and then nobody can accept it again.
  const accepted = await dev.request.post(`/provider/orders/${orderId}`, { form: { intent: "accept" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(accepted.status()).toBe(200);
  const again = await dev.request.post(`/provider/orders/${orderId}`, { form: { intent: "accept" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(again.status()).toBe(400);
  expect(status()).toBe("scheduled");
  db.close();
});

test("the provider declines a request with a main reason from the list and their own words; the person reads the words", async ({ browser }) => {
  const serviceId = aServiceOfDevs(`Decline test ${Date.now().toString(36)}`, "help-at-home", 1_800, "hour");
  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org", `/services/${serviceId}`);
  await amina.goto(`/services/${serviceId}`);
  await fillOrder(amina, { quantity: "2", recurrence: "Once" });
  await amina.getByRole("button", { name: "Place order" }).click();
  await amina.waitForURL(/\/orders\/\d+/);
  const orderUrl = new URL(amina.url()).pathname;
  const orderId = orderUrl.split("/")[2];

  const dev = await (await browser.newContext()).newPage();
  await logInAs(dev, "dev@example.org", `/provider/orders/${orderId}`);
  await dev.goto(`/provider/orders/${orderId}`);
  // Words without a reason chosen: nothing is declined, and the form says what is missing.
  await dev.getByLabel("Say why, in your words").fill("Our Tuesday carer has left; try us again in March.");
  await dev.getByRole("button", { name: "Decline" }).click();
  await expect(dev.getByRole("alert")).toContainText("Choose the main reason");
  await dev.getByLabel("The main reason").selectOption({ label: "We cannot do those days or times" });
  await dev.getByLabel("Say why, in your words").fill("Our Tuesday carer has left; try us again in March.");
  await dev.getByRole("button", { name: "Decline" }).click();
  await expect(dev.getByText("Declined. The person is told why.")).toBeVisible();

  await amina.goto(orderUrl);
  await expect(amina.getByText("Declined: Our Tuesday carer has left; try us again in March.")).toBeVisible();
  const db = new Database(dbPath, { readonly: true });
  expect(db.prepare("SELECT status, decline_reason FROM orders WHERE id = ?").get(Number(orderId))).toEqual({ status: "declined", decline_reason: "times" });
  db.close();
});
