// Commissioners' insights, as Kim (commissioner for Leeds and Bradford) reads them, against the
// demo seed's two years of purchases in Leeds.
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

test("Kim reads Leeds at a glance: charts with a table beside each, filters without JavaScript, and a CSV with the same figures", async ({ page }) => {
  await logInAs(page, "kim@example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await page.getByRole("link", { name: "Leeds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insights: Leeds" })).toBeVisible();
  for (const heading of ["Spend", "Prices paid", "How budgets are held", "Market shape", "Unmet demand", "Underspend and overspend"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
  }
  const byCategory = page.locator('[data-table="spend-by-category"]');
  await expect(byCategory.getByRole("img", { name: /Bar chart: Spend by category/ })).toBeVisible();
  const helpAtHome = byCategory.getByRole("row", { name: /^Help at home/ });
  const cells = await helpAtHome.getByRole("cell").allInnerTexts();
  expect(cells[0]).toMatch(/^£[\d,]+\.\d{2}$/);
  await expectNoSeriousAxeViolations(page);

  // The CSV of the same table says the same.
  const href = await byCategory.getByRole("link", { name: /Download/ }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv.split("\r\n")[0]).toBe("Spend by category,Spend (£),Visits or items,People buying");
  expect(csv).toContain(`Help at home,${cells[0]!.replace(/[£,]/g, "")},${cells[1]!.replace(/,/g, "")},${cells[2]!.replace(/,/g, "")}`);

  // Choosing a category narrows every table that follows it; the month trend appears.
  await page.getByLabel("Category", { exact: true }).selectOption("help-at-home");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/category=help-at-home/);
  await expect(page.getByRole("heading", { name: /Median price paid by month/ })).toBeVisible();
  await expect(page.locator('[data-table="price-trend"]').getByRole("img", { name: /Line chart/ })).toBeVisible();

  // A month range the wrong way round is refused with a message, not a 500.
  const bad = await page.request.get("/insights/leeds?from=2026-05&to=2026-01");
  expect(bad.status()).toBe(400);
  await page.goto("/insights/leeds?from=2026-05&to=2026-01");
  await expect(page.getByRole("alert")).toContainText("The end month must not be before the start month");
});

test("the market position prints one section per category for providers, with no names in it", async ({ page }) => {
  await logInAs(page, "kim@example.org", "/insights/leeds");
  await page.getByRole("link", { name: /Market position summary/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Market position: Leeds" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Help at home" })).toBeVisible();
  await expect(page.getByText(/Past buyer|@example/)).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
});

test("Kim cannot read York; Amina (a budget holder) cannot open insights at all", async ({ browser }) => {
  const kim = await (await browser.newContext()).newPage();
  await logInAs(kim, "kim@example.org");
  expect((await kim.request.get("/insights/york")).status()).toBe(403);
  expect((await kim.request.get("/insights/york/export.csv?table=spend-by-category")).status()).toBe(403);
  const amina = await (await browser.newContext()).newPage();
  await logInAs(amina, "amina@example.org");
  for (const path of ["/insights", "/insights/leeds", "/insights/leeds/market-position", "/insights/leeds/export.csv?table=spend-by-category"]) {
    expect((await amina.request.get(path)).status(), path).toBe(403);
  }
  await expect(amina.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" })).toHaveCount(0);
});
