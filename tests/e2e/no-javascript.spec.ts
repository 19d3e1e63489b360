// Many people use old phones, locked-down council PCs or browsers where scripts fail: the search
// must work as plain HTML forms and links.
import { choiceCount, expect, filterChoice, pageOf, removeChip, resultCards, resultCount, resultsHeading, resultTitles, test } from "./support";

test.use({ javaScriptEnabled: false });

test("without JavaScript: search, filter, page through and remove a filter", async ({ page }) => {
  await page.goto("/");
  // Really no scripts: the page's inline script that registers React Router's route modules never ran.
  expect(await page.evaluate(() => typeof (window as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules)).toBe("undefined");

  await page.getByRole("searchbox", { name: "What support are you looking for?" }).fill("befriending");
  await page.getByLabel("Near a town").selectOption({ label: "Bradford" });
  await page.getByLabel("Within").selectOption({ label: "25 miles" });
  await page.getByRole("button", { name: "Search", exact: true }).click();

  await expect(page).toHaveURL(/\/search\?q=befriending&near=bradford/);
  await expect(resultsHeading(page)).toHaveText(/services? for “befriending” within 25 miles of Bradford$/);
  const all = await resultCount(page);
  expect(all).toBeGreaterThan(20);
  // The form keeps what was asked.
  await expect(page.getByRole("searchbox", { name: "What support are you looking for?" })).toHaveValue("befriending");
  await expect(page.getByLabel("Near a town")).toHaveValue("bradford");

  const promised = await choiceCount(filterChoice(page, "Where it happens", "At home"));
  await filterChoice(page, "Where it happens", "At home").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]delivery=home/);
  const atHome = await resultCount(page);
  expect(atHome, "the count beside the filter").toBe(promised);
  expect(atHome).toBeGreaterThan(0);
  expect(atHome).toBeLessThan(all);
  for (const card of await resultCards(page).all()) await expect(card.getByText(/At home/)).toBeVisible();
  await expect(removeChip(page, "At home")).toBeVisible();

  const [, pages] = await pageOf(page);
  const page1 = await resultTitles(page);
  if (pages >= 2) {
    await page.getByRole("navigation", { name: "Results pages" }).getByRole("link", { name: /^Next page/ }).click();
    await expect(page.getByText(`Page 2 of ${pages}`, { exact: true })).toBeVisible();
    expect(new URL(page.url()).searchParams.getAll("delivery")).toEqual(["home"]);
    const page2 = await resultTitles(page);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2).not.toEqual(page1);
  } else {
    // Paging must still be testable without scripts: the seeded data gives more than one page here.
    expect(pages, "expected more than one page of home befriending near Bradford").toBeGreaterThanOrEqual(2);
  }

  // Sorting is a form button too.
  await page.getByLabel("Sort by").selectOption({ label: "Lowest price first" });
  await page.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=price/);
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();

  await removeChip(page, "At home").click();
  await expect(page).not.toHaveURL(/delivery=/);
  expect(await resultCount(page)).toBe(all);
});

test("without JavaScript: a bad postcode is explained on the page", async ({ page }) => {
  const response = await page.goto("/search?q=befriending&postcode=NOTAPOSTCODE");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.getByRole("link", { name: "Enter a postcode like LS6 3AA, or choose a town instead" })).toHaveAttribute("href", "#postcode");
  await expect(page.getByLabel("Or a postcode")).toHaveValue("NOTAPOSTCODE");
});
