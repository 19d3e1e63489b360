// Weave's admin opens a budget account on the council's instruction, the person sees it, and
// the admin suspends it. Demo people: Ada is an admin; Femi, a community organiser, has no budget yet.
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

test("an admin opens a council-managed budget for a person, who then sees it; suspending it shows", async ({ page, browser }) => {
  await logInAs(page, "ada@example.org", "/admin/budgets");
  await expect(page.getByRole("heading", { level: 1, name: "Budget accounts" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // A mistake first: nothing is opened, and the form says what to put right.
  await page.getByLabel("The person's email address").fill("femi@example.org");
  await page.getByLabel("Council").selectOption("leeds");
  await page.getByLabel("How the budget is held").selectOption("council-managed");
  await page.getByLabel("Yearly amount, in pounds").fill("a lot");
  await page.getByRole("button", { name: "Open the budget account" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an amount in pounds, like 6 or 12.50");
  await expect(page.getByLabel("The person's email address")).toHaveValue("femi@example.org");

  await page.getByLabel("Yearly amount, in pounds").fill("5200");
  await page.getByRole("button", { name: "Open the budget account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Council-managed budget for Femi/ })).toBeVisible();
  await expect(page.getByText("The budget account is open.")).toBeVisible();
  await expect(page.getByText(/£5,200(\.00)?, paid every 28 days/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  const adminUrl = page.url();

  const femi = await (await browser.newContext()).newPage();
  await logInAs(femi, "femi@example.org", "/budgets");
  await expect(femi.getByRole("link", { name: "Council-managed budget" })).toBeVisible();
  // The admin's page shows terms only: never the person's balance or statement.
  await expect(page.getByText("Available to spend")).toHaveCount(0);

  await page.goto(adminUrl);
  await page.getByLabel("What should happen?").selectOption("suspend");
  await page.getByLabel("Why?").fill("Council review, ref CR-1");
  await page.getByRole("button", { name: "Change the status" }).click();
  await expect(page.getByText("The budget is suspended.")).toBeVisible();
  await femi.reload();
  await expect(femi.getByText(/Council-managed budget.*\(suspended\)/)).toBeVisible();
});
