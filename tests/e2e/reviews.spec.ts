// Reviews as people write and read them, against the real server: Amina reviews a delivered order,
// Dev (the provider) rates the working relationship and replies, and the review, the reply and the
// new score appear on the service page and in search.
import Database from "better-sqlite3";
import { expect, expectNoSeriousAxeViolations, logInAs, resultCards, test } from "./support";

const dbPath = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`;

/**
 * A service of Dev's with two published reviews from other people, and a delivered order of
 * Amina's for it: the ordering pages make these (tests/e2e/orders.spec.ts); here they only need to exist.
 */
function aDeliveredOrder(name: string) {
  const db = new Database(dbPath);
  try {
    const one = <T>(q: string, ...args: unknown[]) => db.prepare(q).pluck().get(...args) as T;
    const org = db.prepare(`SELECT o.id, o.town_slug, o.lat, o.lng FROM organisations o JOIN memberships m ON m.organisation_id = o.id
      JOIN users u ON u.id = m.user_id WHERE u.email = 'dev@example.org' ORDER BY o.id LIMIT 1`).get() as { id: number; town_slug: string; lat: number; lng: number };
    const serviceId = one<number>(`INSERT INTO services (organisation_id, name, category_slug, description, price_pence, price_unit, delivery_modes, availability,
      accessibility, languages, payment_routes, town_slug, lat, lng, radius_miles, status)
      VALUES (?, ?, 'help-at-home', 'Made by the reviews test.', 1800, 'hour', '["home"]', '[]', '[]', '["English"]', '["isf","direct-payment","self-funded"]', ?, ?, ?, 10, 'published')
      RETURNING id`, org.id, name, org.town_slug, org.lat, org.lng);
    db.prepare("INSERT INTO search_outbox (service_id, op) VALUES (?, 'upsert')").run(serviceId);
    const order = (buyer: string) => one<number>(`INSERT INTO orders (service_id, organisation_id, buyer_id, placed_by, payment_method, service_name, category,
      unit, unit_price_pence, quantity_hundredths, recurrence, starts_on, status)
      SELECT ?, ?, u.id, u.id, 'card', ?, 'help-at-home', 'hour', 1800, 200, 'one-off', date('now', '-3 days'), 'ended' FROM users u WHERE u.email = ? RETURNING id`,
      serviceId, org.id, name, buyer);
    const delivered = (orderId: number) => db.prepare(`INSERT INTO occurrences (order_id, date, quantity_hundredths, amount_pence, status, delivered_on,
      delivered_quantity_hundredths, delivery_recorded_at, charged_pence) VALUES (?, date('now', '-3 days'), 200, 3600, 'confirmed', date('now', '-3 days'), 200,
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days'), 3600)`).run(orderId);
    for (const [buyer, stars] of [["brian@example.org", 5], ["carol@example.org", 4]] as const) {
      const id = order(buyer);
      delivered(id);
      db.prepare(`INSERT INTO reviews (service_id, organisation_id, person_id, author_id, basis, order_id, reliability, communication, value, helped_me, overall,
        body, publish_at, scored_at) SELECT ?, ?, buyer_id, buyer_id, 'order', id, ?, ?, ?, ?, ?, 'Reliable and kind.', '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z'
        FROM orders WHERE id = ?`).run(serviceId, org.id, stars, stars, stars, stars, stars, id);
    }
    const aminas = order("amina@example.org");
    delivered(aminas);
    return { serviceId, orderId: aminas };
  } finally {
    db.close();
  }
}

test("a budget holder reviews a delivered order, the provider replies, and the review, reply and new score show on the service page and in search", async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `Help at home, reviews test ${Date.now().toString(36)}`;
  const { serviceId, orderId } = aDeliveredOrder(name);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/services/${serviceId}`);
  await expect(visitor.getByText("2 reviews so far: too few for a score")).toBeVisible();

  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org", `/orders/${orderId}`);
  await amina.goto(`/orders/${orderId}`);
  await amina.getByRole("link", { name: "Review this order" }).click();
  await expect(amina.getByRole("heading", { level: 1, name: `Review ${name}` })).toBeVisible();
  // Nothing chosen: every question says so, and nothing is saved.
  await amina.getByRole("button", { name: "Send review" }).click();
  await expect(amina.getByText("Choose how many stars for reliability").first()).toBeVisible();
  for (const question of ["Reliability", "Communication", "Value for money", "Helped me do what matters to me", "Overall"]) {
    await amina.getByRole("group", { name: question }).getByLabel(/^5 stars/).check();
  }
  await amina.getByLabel("Your review").fill("Always on time <script>alert('x')</script> and she listens.");
  await expectNoSeriousAxeViolations(amina);
  await amina.getByRole("button", { name: "Send review" }).click();
  await expect(amina.getByRole("status")).toContainText("has 7 days to reply; then your review is published");
  await expect(amina.getByText("Verified purchase")).toBeVisible();
  // A second review of the same order is not offered, and refused if sent anyway.
  await expect(amina.getByRole("button", { name: "Send review" })).toHaveCount(0);
  const again = await amina.request.post(`/orders/${orderId}/review`, {
    form: { mode: "stars", reliability: "1", communication: "1", value: "1", helpedMe: "1", overall: "1", body: "Trying to review twice." },
    headers: { Origin: new URL(amina.url()).origin }, maxRedirects: 0,
  });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain("already been reviewed");

  // Not public yet: the provider's seven days to reply have not passed.
  await visitor.reload();
  await expect(visitor.getByText("2 reviews so far: too few for a score")).toBeVisible();
  await expect(visitor.getByText("and she listens.")).toHaveCount(0);

  const dev = await (await browser.newContext()).newPage();
  await logInAs(dev, "dev@example.org", "/provider/reviews");
  await dev.goto("/provider/reviews");
  await expect(dev.getByText(/reviews? (is|are) waiting for your reply/)).toBeVisible();
  await dev.goto(`/provider/orders/${orderId}/review`);
  await expect(dev.getByText("Amina Hussain has written a review.")).toBeVisible();
  await dev.getByRole("group", { name: "How did working together go?" }).getByLabel(/^4 stars/).check();
  await dev.getByRole("button", { name: "Send rating" }).click();
  await expect(dev.getByRole("status")).toHaveText("Thank you. Your rating is recorded; it is never public.");
  await expect(dev.getByText("and she listens.")).toBeVisible();
  await dev.getByRole("link", { name: "Reply to this review" }).click();
  await dev.getByLabel("Your reply").fill("Thank you, Amina. See you on Tuesday.");
  await dev.getByRole("button", { name: "Publish reply" }).click();
  await expect(dev.getByRole("status")).toHaveText("Your reply is published under the review.");
  // The provider's list and trend count it, and nothing is waiting any more for this service.
  await dev.goto("/provider/reviews");
  await expect(dev.getByRole("row").filter({ hasText: name }).filter({ hasText: "Published, with your reply" })).toHaveCount(1);
  const month = new Date().toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "Europe/London" });
  await expect(dev.getByRole("table", { name: /by month/ }).getByRole("row").filter({ hasText: month })).toBeVisible();

  // Public now, with the reply under it and the score from three reviews: (5 × 3.5 + 5 + 4 + 5) / (5 + 3) = 3.94.
  await visitor.reload();
  await expect(visitor.getByText("3.9 from 3 reviews")).toBeVisible();
  const review = visitor.getByRole("article", { name: /Review written/ }).filter({ hasText: "and she listens." });
  await expect(review).toContainText("Always on time <script>alert('x')</script> and she listens.");
  await expect(review).toContainText("Reply from");
  await expect(review).toContainText("Thank you, Amina. See you on Tuesday.");
  await expectNoSeriousAxeViolations(visitor);

  // Search has the same score (the outbox reaches the index within a second or two).
  await expect(async () => {
    await visitor.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(resultCards(visitor).filter({ hasText: name })).toContainText("Reviews: 3.9 from 3 reviews", { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await visitor.goto(`/search?q=${encodeURIComponent("reviews test")}&sort=rating`);
  await expect(visitor.getByLabel("Sort by")).toHaveValue("rating");
});

test("anyone can report a review; a moderator removes it for a stated reason, and it leaves the page and the score", async ({ browser }) => {
  test.setTimeout(60_000);
  const name = `Help at home, report test ${Date.now().toString(36)}`;
  const { serviceId } = aDeliveredOrder(name);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/services/${serviceId}`);
  const reviews = visitor.getByRole("article", { name: /Review written/ });
  await expect(reviews).toHaveCount(2);
  await reviews.first().getByRole("link", { name: /^Report this review/ }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Report a review" })).toBeVisible();
  await visitor.getByRole("button", { name: "Send report" }).click();
  await expect(visitor.getByText("Say what is wrong with this review").first()).toBeVisible();
  await visitor.getByLabel("What is wrong with it?").fill("It names my neighbour and where she lives.");
  await visitor.getByRole("button", { name: "Send report" }).click();
  await expect(visitor.getByRole("status")).toHaveText("Thank you. A Weave moderator will look at this review.");

  const mo = await (await browser.newContext()).newPage();
  await logInAs(mo, "mo@example.org", "/moderation");
  await mo.goto("/moderation");
  await mo.getByRole("link", { name: `Review of ${name}` }).click();
  await expect(mo.getByText("It names my neighbour and where she lives.")).toBeVisible();
  // A reason is required: removing for being negative is not one of them.
  await mo.getByRole("button", { name: "Remove the review" }).click();
  await expect(mo.getByText("Choose the policy reason for removing it").first()).toBeVisible();
  await mo.getByLabel("It gives away someone's personal details").check();
  await mo.getByLabel("What in the review breaks the policy?").fill("Names a neighbour and her street.");
  await expectNoSeriousAxeViolations(mo);
  await mo.getByRole("button", { name: "Remove the review" }).click();
  await expect(mo.getByRole("status")).toHaveText("The review is removed, with your reason logged.");
  await mo.goto("/moderation");
  await expect(mo.getByRole("link", { name: `Review of ${name}` })).toHaveCount(0);

  await visitor.goto(`/services/${serviceId}`);
  await expect(reviews).toHaveCount(1);
  await expect(visitor.getByText("1 review so far: too few for a score")).toBeVisible();
});

test("without JavaScript, a person who went to a free group reviews it in the easy-read form, and sees it among their reviews as not a verified purchase", async ({ browser }) => {
  const name = `Knit and natter, reviews test ${Date.now().toString(36)}`;
  const db = new Database(dbPath);
  const serviceId = db.prepare(`INSERT INTO services (organisation_id, name, category_slug, description, price_pence, price_unit, delivery_modes, availability,
    accessibility, languages, payment_routes, town_slug, lat, lng, radius_miles, status)
    SELECT id, ?, 'leisure-and-arts', 'A free group made by the reviews test.', 0, 'free', '["community"]', '[]', '[]', '["English"]', '["self-funded"]', town_slug, lat, lng, 5, 'published'
    FROM organisations WHERE status = 'published' ORDER BY id DESC LIMIT 1 RETURNING id`).pluck().get(name) as number;
  db.close();

  const brian = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logInAs(brian, "brian@example.org", `/services/${serviceId}`);
  await brian.goto(`/services/${serviceId}`);
  await brian.getByRole("link", { name: "Review this service" }).click();
  await expect(brian.getByText("This is a free group. Anyone who went can review it; the review says it is not a verified purchase.")).toBeVisible();
  await brian.getByRole("link", { name: "Use the easy-read form with thumbs up and down" }).click();
  for (const question of ["Reliability", "Communication", "Value for money", "Helped me do what matters to me", "Overall"]) {
    await brian.getByRole("group", { name: question }).getByLabel("Good", { exact: true }).check();
  }
  // Without saying they went, it is refused with the reason.
  await brian.getByRole("button", { name: "Send review" }).click();
  await expect(brian.getByText("Tick the box to say you went to this group.").first()).toBeVisible();
  for (const question of ["Reliability", "Communication", "Value for money", "Helped me do what matters to me", "Overall"]) {
    await brian.getByRole("group", { name: question }).getByLabel("Good", { exact: true }).check();
  }
  await brian.getByLabel("I went to this group (or the person I act for did)").check();
  await brian.getByRole("button", { name: "Send review" }).click();
  await expect(brian.getByRole("status")).toContainText("has 7 days to reply; then your review is published");

  await brian.getByRole("link", { name: "Your reviews" }).first().click();
  const mine = brian.getByRole("listitem").filter({ hasText: name });
  await expect(mine).toContainText("5 out of 5");
  await expect(mine).toContainText("or when the provider replies");
  // Once published (here: the provider's reply), the page says it is not a verified purchase.
  const db2 = new Database(dbPath);
  db2.prepare("UPDATE reviews SET publish_at = '2000-01-01T00:00:00.000Z' WHERE service_id = ?").run(serviceId);
  db2.close();
  await brian.goto(`/services/${serviceId}`);
  await expect(brian.getByRole("article", { name: /Review written/ })).toContainText("Not a verified purchase: the reviewer says they went");
  await expect(brian.getByRole("link", { name: "Review this service" })).toHaveCount(0);

  // Brian changes it (thumbs, as he wrote it): "OK" overall now, with words, and the page says it was changed.
  await brian.goto("/reviews");
  await brian.getByRole("link", { name: `Change your review of ${name}` }).click();
  await expect(brian.getByRole("heading", { level: 1 })).toHaveText(`Change your review of ${name}`);
  await expect(brian.getByRole("group", { name: "Overall" }).getByLabel("Good", { exact: true })).toBeChecked();
  await brian.getByRole("group", { name: "Overall" }).getByLabel("OK", { exact: true }).check();
  await brian.getByLabel("Anything you want to say? (you can leave this empty)").fill("The room was cold in winter.");
  await brian.getByRole("button", { name: "Save the changed review" }).click();
  await expect(brian.getByRole("status")).toContainText(`Your review of ${name} is changed.`);
  await brian.goto(`/services/${serviceId}`);
  const changed = brian.getByRole("article", { name: /Review written/ });
  await expect(changed).toContainText("The room was cold in winter.");
  await expect(changed).toContainText(/Changed by its writer on \d+ \w+ \d{4}/);

  // Brian changes his mind: he withdraws it from his reviews, and it leaves the service's page.
  await brian.goto("/reviews");
  await brian.getByRole("link", { name: `Withdraw your review of ${name}` }).click();
  await expect(brian.getByRole("heading", { level: 1 })).toHaveText(`Withdraw your review of ${name}`);
  await brian.getByRole("button", { name: "Withdraw this review" }).click();
  await expect(brian.getByRole("status")).toHaveText(`Your review of ${name} is withdrawn. It no longer shows anywhere or counts towards the score.`);
  await brian.goto(`/services/${serviceId}`);
  await expect(brian.getByRole("article", { name: /Review written/ })).toHaveCount(0);
  await brian.goto("/reviews");
  await expect(brian.getByRole("listitem").filter({ hasText: name })).toContainText("withdrawn");
  await expect(brian.getByRole("link", { name: `Withdraw your review of ${name}` })).toHaveCount(0);
});
