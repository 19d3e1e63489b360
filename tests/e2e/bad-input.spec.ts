// Whatever is typed into the address bar or an old shared link holds, people get a page that
// says what went wrong: a 400 with a message, a notice, or "Page not found", never a 500.
import { expect, resultCount, resultsHeading, test } from "./support";

const fieldErrors: { url: string; field: string; message: string | RegExp }[] = [
  { url: "/search?radius=-5&near=leeds", field: "radius", message: "Distance must be at least 1 mile" },
  { url: "/search?radius=ten&near=leeds", field: "radius", message: "Distance must be a number of miles" },
  { url: "/search?postcode=NOTAPOSTCODE", field: "postcode", message: "Enter a postcode like LS6 3AA, or choose a town instead" },
  { url: "/search?postcode=ZZ99ZZ", field: "postcode", message: "We cannot place ZZ9 on the map yet: choose a town instead" },
  { url: "/search?postcode=XX1%201AA", field: "postcode", message: "We cannot place XX1 on the map yet: choose a town instead" },
  { url: "/search?page=0", field: "page", message: "Page must be 1 or more" },
  { url: "/search?page=abc", field: "page", message: "Page must be a number" },
  { url: `/search?q=${"a".repeat(2000)}`, field: "q", message: "Search words must be 200 characters or fewer" },
  // Beyond the deepest page anyone can ask for (500 pages of 20).
  { url: "/search?page=999&q=befriending", field: "page", message: "Page must be 500 or less" },
];

for (const { url, field, message } of fieldErrors) {
  test(`${url.slice(0, 60)} is a 400 that says: ${message}`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(400);
    await expect(page).toHaveTitle(/^Error: /);
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
    // The form is still there to put it right.
    await expect(page.getByRole("button", { name: "Search", exact: true })).toBeVisible();
    // Page is not a field on the form: its message stands alone in the summary.
    if (field !== "page") {
      await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", `#${field}`);
      await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
    }
  });
}

test("a page past the last one says so and links to the last page", async ({ page }) => {
  const response = await page.goto("/search?page=450&q=befriending");
  expect(response?.status()).toBe(200);
  const total = await resultCount(page);
  const last = Math.ceil(total / 20);
  await expect(page.getByText(`There is no page 450: these results have ${last} pages.`)).toBeVisible();
  await page.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page.getByText(`Page ${last} of ${last}`, { exact: true })).toBeVisible();
});

test("an unknown category and an unknown parameter are ignored with a notice", async ({ page }) => {
  const response = await page.goto("/search?category=nonsense&foo=bar");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status")).toContainText("We ignored the category “nonsense”, which we do not recognise.");
  // Nothing was filtered: every seeded service is counted, and no filter chip claims otherwise.
  expect(await resultCount(page)).toBe(1500);
  await expect(page.getByRole("link", { name: /^Remove filter:/ })).toHaveCount(0);
  // The category filter shows "Any", as nothing was chosen.
  await expect(page.getByRole("group", { name: "Kind of support", exact: true }).getByRole("radio", { name: /^Any / })).toBeChecked();
});

for (const q of ['"NEAR(x*', "-care", "befriending*", "care OR", "a AND (b", "'; DROP TABLE services; --", "*", "\"\"", "^café"]) {
  test(`search words with query syntax are just words: ${q}`, async ({ page }) => {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    await expect(resultsHeading(page)).toHaveText(/^\d[\d,]* services?/);
    await expect(page.getByRole("searchbox", { name: "What support are you looking for?" })).toHaveValue(q);
  });
}

test("a prefix finds whole words: befriending* finds befriending services", async ({ page }) => {
  await page.goto("/search?q=befriend");
  expect(await resultCount(page)).toBeGreaterThan(0);
  const titles = await page.getByRole("list", { name: "Services", exact: true }).getByRole("heading", { level: 3 }).allInnerTexts();
  expect(titles.some((t) => /befriending/i.test(t)), titles.join(" | ")).toBe(true);
});

for (const url of ["/services/abc", "/services/99999999", "/services/-1", "/services/1.5", "/organisations/0", "/organisations/abc?page=-3", "/no-such-page"]) {
  test(`${url} is a 404 page`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("link", { name: "Search for support" })).toBeVisible();
  });
}

test("an organisation's page number: nonsense shows the first page, one past the end says so", async ({ page }) => {
  await page.goto("/search?q=befriending");
  const card = page.getByRole("list", { name: "Services", exact: true }).locator(":scope > li").first();
  await card.getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  const orgHref = await page.getByRole("main").locator("a[href^='/organisations/']").getAttribute("href");
  const services = page.getByRole("region", { name: /^Services \(\d+\)$/ });
  for (const bad of ["abc", "0", "-1", "1.5", "99999999"]) {
    const response = await page.goto(`${orgHref}?page=${bad}`);
    expect(response?.status(), `page=${bad}`).toBe(200);
    await expect(services.getByRole("heading", { level: 3 }).first(), `page=${bad}`).toBeVisible();
  }
  const response = await page.goto(`${orgHref}?page=50`);
  expect(response?.status()).toBe(200);
  // It has services, just not that many: it must not say it has none.
  await expect(services).not.toContainText("no services listed");
  await expect(services).toContainText("There is no page 50");
  await services.getByRole("link", { name: "See the first page" }).click();
  await expect(services.getByRole("heading", { level: 3 }).first()).toBeVisible();
});
