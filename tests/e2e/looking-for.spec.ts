// Looking-for posts, as the people do it in a browser against the real server. Demo people
// (seeds/accounts.ts): Amina holds an ISF in Leeds; Dev owns the provider organisation that
// holds it; Erin owns another provider. Their organisations are given services in Headingley
// (Leeds) here, so the tests do not depend on what the generated region holds.
import Database from "better-sqlite3";
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

const dbPath = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A published service in Headingley (Leeds) for the first organisation of this demo person, taking
 * ISF payments, made here so the test does not depend on what the generated region holds.
 */
function aServiceInHeadingley(email: string, name: string, category: "befriending" | "personal-care") {
  const db = new Database(dbPath);
  try {
    return db.prepare(`INSERT INTO services (organisation_id, name, category_slug, description, price_pence, price_unit, delivery_modes, availability,
      accessibility, languages, payment_routes, town_slug, lat, lng, radius_miles, status)
      SELECT m.organisation_id, ?, ?, 'Made by the looking-for test.', 1400, 'hour', '["community"]', '[{"day":"sat","from":"09:00","to":"17:00"}]',
      '[]', '["English"]', '["isf","direct-payment"]', 'headingley', 53.819, -1.579, 10, 'published'
      FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ? ORDER BY m.organisation_id LIMIT 1
      RETURNING id, (SELECT name FROM organisations WHERE id = organisation_id) AS organisation`).get(name, category, email) as { id: number; organisation: string };
  } finally {
    db.close();
  }
}

function latestQuotesRequestOf(email: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT r.id FROM support_requests r JOIN users u ON u.id = r.person_id WHERE u.email = ? AND r.kind = 'quotes' ORDER BY r.id DESC LIMIT 1").pluck().get(email) as number;
  } finally {
    db.close();
  }
}

function orderOf(orderId: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT o.unit_price_pence AS price, o.quantity_hundredths AS quantity, o.status, o.service_id AS serviceId, b.arrangement FROM orders o JOIN budget_accounts b ON b.id = o.budget_account_id WHERE o.id = ?").get(orderId) as
      { price: number; quantity: number; status: string; serviceId: number; arrangement: string };
  } finally {
    db.close();
  }
}

test("a budget holder posts what she is looking for, a provider offers to meet it, she accepts, and an order exists at the offered price", async ({ browser }) => {
  test.setTimeout(90_000);
  const marker = Date.now().toString(36);
  const serviceName = `Swimming buddies ${marker}`;
  const serviceId = aServiceInHeadingley("dev@example.org", serviceName, "befriending").id;
  const need = `Someone to go swimming with me on Saturdays, ref ${marker}`;

  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org", "/looking-for");
  await amina.goto("/looking-for");
  await amina.getByRole("link", { name: "Post what you are looking for" }).click();
  // A phone number in the text is caught before anything goes out.
  await amina.getByLabel("What would you like?").fill(`${need}. Ring me on 07700 900123`);
  await amina.getByLabel("What kind of support is it?").selectOption({ label: "Befriending" });
  await amina.getByLabel("Which town do you live in, or nearest to?").selectOption({ label: "Headingley" });
  await amina.getByLabel("When would you like it?").fill("Saturday mornings");
  await amina.getByLabel("Up to £").fill("15");
  await amina.getByRole("button", { name: "Post it" }).click();
  await expect(amina.getByRole("alert")).toContainText("a phone number (“07700 900123”)");
  await expectNoSeriousAxeViolations(amina);
  await amina.getByLabel("What would you like?").fill(need);
  await amina.getByRole("button", { name: "Post it" }).click();
  await expect(amina.getByRole("status")).toContainText("Posted. Providers in Headingley who offer befriending can see it now, without your name.");
  const requestPath = new URL(amina.url()).pathname;
  const requestId = requestPath.split("/").pop()!;

  // Dev's organisation has a befriending service in Leeds: the request is in his list, without Amina's name.
  const dev = await (await browser.newContext()).newPage();
  await logInAs(dev, "dev@example.org", "/provider/requests");
  await dev.goto("/provider/requests");
  await dev.getByRole("link", { name: need }).click();
  await expect(dev).toHaveURL(new RegExp(`/provider/requests/${requestId}$`));
  await expect(dev.getByRole("heading", { level: 1 })).toHaveText("Looking for: Befriending in Headingley");
  await expect(dev.locator("main")).not.toContainText("Amina");
  await dev.getByLabel("Which of your services is it?").selectOption(String(serviceId));
  await dev.getByLabel(/^Your price, in pounds/).fill("12.50");
  await dev.getByLabel("How many each time?").fill("2");
  await dev.getByLabel("How often?").selectOption({ label: "Every week" });
  await dev.getByLabel("Date of the first visit").fill(today());
  await dev.getByLabel("Your message to them").fill("We go to the Armley pool every Saturday morning and would love you to join us.");
  await expectNoSeriousAxeViolations(dev);
  await dev.getByRole("button", { name: "Send offer" }).click();
  await expect(dev.getByRole("status")).toContainText("Your offer is sent.");

  // Erin's organisation offers no befriending in Leeds: the request is not hers to see.
  const erin = await (await browser.newContext()).newPage();
  await logInAs(erin, "erin@example.org");
  expect((await erin.request.get(`/provider/requests/${requestId}`, { maxRedirects: 0 })).status()).toBe(403);
  await erin.goto("/provider/requests");
  await expect(erin.getByRole("link", { name: need })).toHaveCount(0);

  // Amina compares (one offer here) and accepts it, paying from her ISF.
  await amina.goto(requestPath);
  const offers = amina.getByRole("table", { name: "Offers side by side" });
  await expect(offers).toContainText(serviceName);
  await expect(offers).toContainText("2 hours × £12.50 an hour = £25");
  await expectNoSeriousAxeViolations(amina);
  await expect(amina.getByLabel("How will this be paid?").locator("option:checked")).toHaveText(/^Individual Service Fund/);
  await amina.getByRole("button", { name: "Accept this offer" }).click();
  await expect(amina.getByRole("heading", { name: "Order sent" })).toBeVisible();
  const orderId = new URL(amina.url()).pathname.split("/").pop()!;
  expect(orderOf(orderId)).toEqual({ price: 1_250, quantity: 200, status: "requested", serviceId, arrangement: "isf" });

  // Now it is an ordinary order in Dev's inbox, and he may see who it is for.
  await dev.goto("/provider/inbox");
  await expect(dev.getByRole("link", { name: `${serviceName} for Amina Hussain` })).toBeVisible();
  // The request is done: providers no longer see it.
  await dev.goto("/provider/requests");
  await expect(dev.getByRole("link", { name: need })).toHaveCount(0);
});

test("a new budget holder's starter pack: groups, three likely providers, prices to expect, and a peer supporter who offered in her area", async ({ page }) => {
  await logInAs(page, "amina@example.org", "/budgets");
  await page.goto("/budgets");
  // Her budget is new (opened by the demo seed), so the budgets page points her to the pack.
  await page.getByRole("link", { name: "New budget: your starter pack" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your starter pack");
  await expect(page.getByText(/Chosen from your support plan: Personal care, Leisure and arts, Transport\./)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Community groups near Leeds" })).toBeVisible();
  const suggested = page.getByRole("heading", { name: "Three services that look a good fit" }).locator("xpath=following-sibling::ol[1]/li");
  await expect(suggested).toHaveCount(3);
  // Each kind of support in the plan has a price to expect, saying where it came from.
  const prices = page.getByRole("table", { name: "Typical prices by kind of support" });
  await expect(prices.getByRole("row")).toHaveCount(4);
  // The demo seed's purchase history in Leeds gives real prices paid for personal care; a kind
  // nobody in Leeds has bought from a budget falls back to listed prices, and says so.
  await expect(prices.getByRole("row", { name: /^Personal care/ })).toContainText(/£\d+ to £\d+ an hour.*Prices paid from budgets in Leeds \(\d+ orders\)/);
  await expectNoSeriousAxeViolations(page);

  // Femi offered to be a peer supporter in Leeds (the demo seed): asking introduces Amina to him.
  await page.getByLabel("What would you like to talk about?").fill("How to find a personal assistant");
  await page.getByRole("button", { name: "Ask for a peer supporter" }).click();
  await expect(page.getByRole("status")).toHaveText("You have been introduced to a peer supporter: their details are below.");
  await expect(page.getByText("Femi Ade is your peer supporter.")).toBeVisible();
  // Another town of the area changes what is near.
  await page.getByLabel("Near which town?").selectOption({ label: "Otley" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: "Community groups near Otley" })).toBeVisible();
});

test("a budget holder puts part of her plan out for quotes without identifying details, two providers quote, she compares them side by side and awards one", async ({ browser }) => {
  test.setTimeout(90_000);
  const marker = Date.now().toString(36);
  const devs = aServiceInHeadingley("dev@example.org", `Morning care ${marker}`, "personal-care");
  const erins = aServiceInHeadingley("erin@example.org", `Get-up support ${marker}`, "personal-care");

  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org", "/budgets");
  await amina.goto("/budgets");
  await amina.getByRole("link", { name: "Individual Service Fund" }).click();
  await amina.getByRole("link", { name: "Ask providers for quotes" }).click();
  await amina.getByLabel(/^Morning support, 2 hours most days/).check();
  await amina.getByLabel(/^Lifts from my sister Carol/).check();
  await amina.getByLabel("Get up and ready in the morning at my own pace").check();
  await amina.getByLabel("Which town?").selectOption({ label: "Headingley" });
  await amina.getByLabel("When is it needed?").fill("Mornings, from next month");
  await amina.getByRole("button", { name: "Ask for quotes" }).click();
  // The plan line names her sister: caught before it goes out.
  await expect(amina.getByRole("alert")).toContainText("a name (“Carol”)");
  await amina.getByLabel(/^Lifts from my sister Carol/).uncheck();
  await amina.getByRole("button", { name: "Ask for quotes" }).click();
  await expect(amina.getByRole("status")).toContainText("Your request for quotes is out to providers.");
  const requestId = latestQuotesRequestOf("amina@example.org");

  // Both providers now serve personal care in Leeds: each sees the need, not the plan's amounts or who agreed it, and quotes.
  for (const [email, service, price] of [["dev@example.org", devs, "21"], ["erin@example.org", erins, "19.50"]] as const) {
    const provider = await (await browser.newContext()).newPage();
    await logInAs(provider, email, `/provider/requests/${requestId}`);
    await provider.goto(`/provider/requests/${requestId}`);
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText("Request for quotes: Personal care in Headingley");
    const main = provider.locator("main");
    await expect(main).toContainText("What I need: Morning support, 2 hours most days.");
    await expect(main).toContainText("What matters to me: Get up and ready in the morning at my own pace.");
    for (const secret of ["Amina", "Carol", "Jo Smith", "£1,204"]) await expect(main).not.toContainText(secret);
    await provider.getByLabel("Which of your services is it?").selectOption(String(service.id));
    await provider.getByLabel(/^Your price, in pounds/).fill(price);
    await provider.getByLabel("How many each time?").fill("2");
    await provider.getByLabel("Date of the first visit").fill(today());
    await provider.getByLabel("Your message to them").fill("We can come at 8 every morning.");
    await provider.getByRole("button", { name: "Send offer" }).click();
    await expect(provider.getByRole("status")).toContainText("Your offer is sent.");
    await provider.close();
  }

  await amina.goto(`/looking-for/${requestId}`);
  const quotes = amina.getByRole("table", { name: "Quotes side by side" });
  await expect(quotes.getByRole("columnheader")).toHaveText([devs.organisation, erins.organisation]);
  await expect(quotes.getByRole("row", { name: /^Each time/ })).toHaveText(/2 hours × £21 an hour = £42.*2 hours × £19.50 an hour = £39/);
  await expectNoSeriousAxeViolations(amina);
  await amina.getByRole("region", { name: new RegExp(`^${erins.organisation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`) }).getByRole("button", { name: "Award this quote" }).click();
  await expect(amina.getByRole("heading", { name: "Order sent" })).toBeVisible();
  const orderId = new URL(amina.url()).pathname.split("/").pop()!;
  expect(orderOf(orderId)).toEqual({ price: 1_950, quantity: 200, status: "requested", serviceId: erins.id, arrangement: "isf" });
  await amina.goto(`/looking-for/${requestId}`);
  await expect(quotes.getByRole("row", { name: /^Status/ })).toHaveText(/Not chosen.*Accepted: see the order/);
});

test("without JavaScript, a representative posts for the person she acts for, and then closes the post", async ({ browser }) => {
  const carol = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logInAs(carol, "carol@example.org", "/looking-for");
  await carol.goto("/looking-for");
  await carol.getByRole("link", { name: "Post for Amina Hussain" }).click();
  await expect(carol.getByText("Posting for Amina Hussain.")).toBeVisible();
  // Bad input comes back with the messages and what was typed, as a 400.
  await carol.getByLabel("What would you like?").fill("Help with my garden on Fridays, ref no-js");
  await carol.getByLabel("Up to £").fill("lots");
  await carol.getByRole("button", { name: "Post it" }).click();
  await expect(carol.getByRole("alert")).toContainText("Choose the kind of support");
  await expect(carol.getByRole("alert")).toContainText("Enter an amount in pounds, like 15 or 12.50, or leave it empty");
  await expect(carol.getByLabel("What would you like?")).toHaveValue("Help with my garden on Fridays, ref no-js");
  await carol.getByLabel("What kind of support is it?").selectOption({ label: "Help at home" });
  await carol.getByLabel("Which town do you live in, or nearest to?").selectOption({ label: "Headingley" });
  await carol.getByLabel("When would you like it?").fill("Friday afternoons");
  await carol.getByLabel("Up to £").fill("");
  await carol.getByRole("button", { name: "Post it" }).click();
  await expect(carol.getByRole("heading", { level: 1 })).toHaveText("Looking for: Help at home");
  await expect(carol.getByText("For Amina Hussain.")).toBeVisible();
  await carol.getByRole("button", { name: "Close it" }).click();
  await expect(carol.getByRole("status")).toHaveText("Closed. Providers no longer see it.");
  await expect(carol.getByText("Closed", { exact: true })).toBeVisible();
});
