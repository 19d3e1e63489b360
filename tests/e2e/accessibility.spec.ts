// Accessibility: axe-core finds no serious or critical problem on the pages of the search journey,
// the keyboard basics work, and a phone-sized screen needs no sideways scrolling.
import { expect, expectNoSeriousAxeViolations, resultCards, test } from "./support";

test("home page: no serious accessibility problems", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("results page with filters chosen: no serious accessibility problems", async ({ page }) => {
  await page.goto("/search?q=befriending&near=leeds&radius=25&delivery=community&free=1&page=1");
  await expect(page.getByRole("link", { name: /^Remove filter: Free only/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("results page with an error: no serious accessibility problems", async ({ page }) => {
  await page.goto("/search?q=befriending&postcode=NOTAPOSTCODE");
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("service and organisation pages: no serious accessibility problems", async ({ page }) => {
  await page.goto("/search?q=day+centre&near=hull&radius=25");
  await resultCards(page).first().getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("main").locator("a[href^='/organisations/']").click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expectNoSeriousAxeViolations(page);
});

test("suggest page showing errors: no serious accessibility problems", async ({ page }) => {
  await page.goto("/suggest");
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Postcode (optional)").fill("NOTAPOSTCODE");
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("404 page: no serious accessibility problems", async ({ page }) => {
  await page.goto("/services/99999999");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

for (const path of ["/", "/search?q=befriending&near=leeds", "/suggest"]) {
  test(`keyboard: "Skip to main content" is the first thing Tab reaches on ${path}, and it works`, async ({ page }) => {
    await page.goto(path);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible(); // hidden until focused, then shown
    await page.keyboard.press("Enter");
    const main = page.locator("main");
    await expect(main).toBeFocused();
    // The focused page keeps its colours: no yellow focus fill behind all its text.
    await expect(main).not.toHaveCSS("background-color", "rgb(255, 221, 0)");
    // The next Tab goes into the page's content, not back to the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  });
}

test("keyboard: the search can be done without a mouse", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "What support are you looking for?" }).focus();
  await page.keyboard.type("advocacy");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=advocacy/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/services? for “advocacy”/);
});

for (const path of ["/search?q=befriending&near=leeds&delivery=home&free=1", "/search?q=befriending&near=leeds&page=2", "/suggest"]) {
  test(`a phone-sized screen shows ${path} without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(375);
    expect(scrollWidth, "the page is wider than the screen").toBeLessThanOrEqual(innerWidth);
  });
}

test("a phone-sized screen shows a service page without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/search?q=personal+care&near=wakefield");
  await resultCards(page).first().getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page is wider than the screen").toBeLessThanOrEqual(innerWidth);
});
