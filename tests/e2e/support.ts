// Shared helpers for the browser tests: a page that fails the test on any script error, and
// ways to read a results page the way a person does (heading, cards, chips, page counter).
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

/** A page that fails the test on an uncaught script error or a console error (a hydration mismatch, say). */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("console", (message) => {
      // A 404 page's own status shows up as "Failed to load resource"; that is what we asked for.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(`console.error: ${message.text()}`);
      }
    });
    await use(page);
    expect(problems, "the page reported script errors").toEqual([]);
  },
});
export { expect };

/** The result cards, each an item of the "Services" list (not the lists inside a card). */
export const resultCards = (page: Page): Locator => page.getByRole("list", { name: "Services", exact: true }).locator(":scope > li");

/** The titles shown on the current results page, in order. */
export const resultTitles = (page: Page): Promise<string[]> => resultCards(page).getByRole("heading", { level: 3 }).allInnerTexts();

/** The results heading: "208 services for “befriending” within 10 miles of Leeds". */
export const resultsHeading = (page: Page): Locator => page.getByRole("heading", { level: 1 });

/** The number of services the heading announces. */
export async function resultCount(page: Page): Promise<number> {
  const text = await resultsHeading(page).innerText();
  const m = /^([\d,]+) services?\b/.exec(text);
  if (!m) throw new Error(`the results heading has no count: "${text}"`);
  return Number(m[1]!.replace(/,/g, ""));
}

/** "Page 2 of 11" as [2, 11]. */
export async function pageOf(page: Page): Promise<[number, number]> {
  const text = await page.getByText(/^Page \d+ of \d+$/).innerText();
  const m = /^Page (\d+) of (\d+)$/.exec(text.trim())!;
  return [Number(m[1]), Number(m[2])];
}

/** A filter in the facet panel, found by its group's legend and its label (which ends with a count). */
export function filterChoice(page: Page, group: string, label: string, role: "checkbox" | "radio" = "checkbox"): Locator {
  return page.getByRole("group", { name: group, exact: true })
    .getByRole(role, { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\([\\d,]+\\)$`) });
}

/** A chip that removes one filter: "Remove filter: Free only ✕". */
export const removeChip = (page: Page, label: string): Locator =>
  page.getByRole("link", { name: new RegExp(`^Remove filter: ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`) });

/** The count a filter's label promises: "At home (136)" gives 136. */
export async function choiceCount(choice: Locator): Promise<number> {
  const id = await choice.getAttribute("id");
  const label = await choice.page().locator(`label[for="${id}"]`).innerText();
  return Number(/\(([\d,]+)\)$/.exec(label.trim())![1]!.replace(/,/g, ""));
}

export const PRICE = /(£[\d,]+(\.\d{2})? (an hour|a session|a day|a week|each)|Free)/;
export const FRESHNESS = /Checked (today|\d+ days? ago)|Not checked for over a year \(checked \d+ days? ago\)/;

/** Axe on the page as it is now: no serious or critical violation, each one named with where it is. */
export async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(report, `accessibility violations on ${page.url()}:\n${report.join("\n")}`).toEqual([]);
}

export const DEMO_PASSWORD = "weave-demo-password";

/** Logs a demo person in through the real form (see seeds/accounts.ts for who is who). */
export async function logInAs(page: Page, email: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("link", { name: /^Your account/ })).toBeVisible();
}
