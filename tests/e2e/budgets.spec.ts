// A person's budget, as the person, their representative, their ISF provider and others see it.
// Demo people (seeds/accounts.ts): Amina holds an ISF held by Dev's organisation; Carol acts
// for Amina; Brian holds a direct payment.
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

async function aminasBudgetUrl(page: Page) {
  await logInAs(page, "amina@example.org", "/budgets");
  await page.getByRole("link", { name: "Individual Service Fund" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Individual Service Fund" })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("the holder sees what they have, what is set aside, the forecast, the fee and recent lines", async ({ page }) => {
  await aminasBudgetUrl(page);
  await expect(page.getByText("Available to spend")).toBeVisible();
  await expect(page.getByText(/management fee, agreed up front: 7\.5% of each payment/)).toBeVisible();
  await expect(page.getByRole("cell", { name: /Morning support/ }).first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a statement shows hours × rate, fees and balances, downloads as CSV, and refuses impossible dates", async ({ page }) => {
  const budget = await aminasBudgetUrl(page);
  await page.getByRole("link", { name: "Statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statement" })).toBeVisible();
  await expect(page.getByText("2 hours × £21.50").first()).toBeVisible();
  await expect(page.getByText("Opening balance")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  const csv = await page.request.get(`${budget}/statement.csv?from=2025-06-01&to=2027-06-01`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body.split("\r\n")[0]).toBe("date,description,kind,category,hours,rate,money in,money out,balance");
  expect(body).toMatch(/Morning support,spend,personal-care,2,21\.50,,43\.00,/);

  const bad = await page.goto(`${budget}/statement?from=2026-12-01&to=2026-01-01`);
  expect(bad!.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("The start date must be on or before the end date");
});

test("the agreed support plan shows outcomes in the person's words, and a new draft can be started", async ({ page }) => {
  const budget = await aminasBudgetUrl(page);
  await page.goto(`${budget}/plan`);
  await expect(page.getByText("Go to the allotment on Wednesdays")).toBeVisible();
  await expect(page.getByText(/agreed .* by Jo Smith, social worker/)).toBeVisible();
  await expect(page.getByRole("cell", { name: /Lifts from my sister Carol/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a representative sees the budget, is told the holder can see that, and it is in the holder's access log", async ({ browser }) => {
  const amina = await browser.newPage();
  const budget = await aminasBudgetUrl(amina);
  const carol = await browser.newPage();
  await logInAs(carol, "carol@example.org", budget);
  await carol.goto(budget);
  await expect(carol.getByText("You are looking at Amina Hussain's budget. They can see that you did.")).toBeVisible();
  await amina.goto("/account/access-log");
  await expect(amina.getByRole("row", { name: /Carol Hussain/ }).first()).toBeVisible();
});

test("someone else's budget is refused, and without logging in it asks you to log in", async ({ browser }) => {
  const amina = await browser.newPage();
  const budget = await aminasBudgetUrl(amina);
  const brian = await browser.newPage();
  await logInAs(brian, "brian@example.org");
  for (const path of [budget, `${budget}/statement`, `${budget}/plan`, `${budget}/statement.csv`]) {
    const response = await brian.goto(path);
    expect(response!.status(), path).toBe(403);
  }
  const anonymous = await browser.newPage();
  await anonymous.goto(budget);
  await expect(anonymous).toHaveURL(/\/login\?next=%2Fbudgets%2F\d+$/);
});

test("the ISF provider records support delivered, and the person sees it on their statement at once", async ({ browser }) => {
  const amina = await browser.newPage();
  const budget = await aminasBudgetUrl(amina);
  const id = budget.split("/").pop();
  const dev = await browser.newPage();
  await logInAs(dev, "dev@example.org", "/provider/isf");
  await dev.goto("/provider/isf");
  await dev.getByRole("link", { name: "Amina Hussain" }).click();
  await expect(dev).toHaveURL(`/provider/isf/${id}`);
  const description = `Trip to the garden centre ${Date.now().toString(36)}`;
  await dev.getByLabel("What for").selectOption("leisure-and-arts");
  await dev.getByLabel("What was delivered or bought").fill(description);
  await dev.getByLabel("Hours").fill("3");
  await dev.getByLabel("Hourly rate, £").fill("19.75");
  await dev.getByRole("button", { name: "Record" }).click();
  await expect(dev.getByText("Recorded. The person can see it on their statement now.")).toBeVisible();

  await amina.goto(`${budget}/statement`);
  await expect(amina.getByText(description)).toBeVisible();
  await expect(amina.getByText("3 hours × £19.75")).toBeVisible();

  // Bad input is refused with a message, and nothing is recorded.
  await dev.getByLabel("What was delivered or bought").fill("Nothing real");
  await dev.getByLabel("Hours").fill("-2");
  await dev.getByRole("button", { name: "Record" }).click();
  await expect(dev.getByRole("alert")).toContainText("Enter hours between 0.25 and 24");
  await amina.reload();
  await expect(amina.getByText("Nothing real")).toHaveCount(0);
});
