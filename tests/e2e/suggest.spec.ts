// Suggesting a local service: GOV.UK-style errors that keep what was typed, a reference on
// success, and nothing public until a moderator has checked it.
import type { Page } from "@playwright/test";
import { expect, resultTitles, test } from "./support";

const summaryLinks = (page: Page) => page.getByRole("alert").getByRole("link");

async function fillBadSuggestion(page: Page) {
  await page.goto("/suggest");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggest a local service");
  // The name is left empty.
  await page.getByLabel("Who runs it? (optional)").fill("Friends of Roundhay Park");
  await page.getByLabel("What does it offer?").fill("Walks");
  // No category chosen.
  await page.getByLabel("Which town is it in, or nearest to?").selectOption({ label: "Leeds" });
  await page.getByLabel("Postcode (optional)").fill("NOTAPOSTCODE");
  await page.getByRole("checkbox", { name: "In the community" }).check();
  await page.getByRole("checkbox", { name: "Wednesday" }).check();
  await page.getByLabel("Your email address (optional)").fill("not-an-email");
}

const expectedErrors = [
  ["serviceName", "What is the service called?", "Enter the name of the service"],
  ["description", "What does it offer?", "Tell us a little more about what the service offers (at least 10 characters)"],
  ["categorySlug", "What kind of support is it?", "Choose the kind of support it gives"],
  ["postcode", "Postcode (optional)", "Enter a postcode like LS6 3AA, or leave it blank"],
  ["suggesterEmail", "Your email address (optional)", "Enter an email address like name@example.com, or leave it blank"],
] as const;

test("bad input: 400, an error summary linking to each field, inline messages, and nothing typed is lost", async ({ page }) => {
  await fillBadSuggestion(page);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/suggest")),
    page.getByRole("button", { name: "Send suggestion" }).click(),
  ]);
  expect(response.status()).toBe(400);

  const summary = page.getByRole("alert");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  // The summary takes focus, so screen reader users hear it first.
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(summaryLinks(page)).toHaveText(expectedErrors.map(([, , message]) => message));

  for (const [field, label, message] of expectedErrors) {
    const link = summary.getByRole("link", { name: message });
    await expect(link).toHaveAttribute("href", `#${field}`);
    const input = page.getByLabel(label, { exact: true });
    await expect(input).toHaveAttribute("id", field);
    await expect(input).toHaveAttribute("aria-invalid", "true");
    // The inline message sits with the field and is read out with it.
    await expect(input).toHaveAccessibleDescription(new RegExp(`Error: ${message.replace(/[()]/g, "\\$&")}`));
    await expect(page.locator(`#${field}-error`)).toHaveText(`Error: ${message}`);
  }
  // Following a summary link takes you to the field.
  await summary.getByRole("link", { name: "Enter a postcode like LS6 3AA, or leave it blank" }).click();
  await expect(page).toHaveURL(/#postcode$/);
  await expect(page.getByLabel("Postcode (optional)")).toBeInViewport();

  // What the person typed is still there.
  await expect(page.getByLabel("Who runs it? (optional)")).toHaveValue("Friends of Roundhay Park");
  await expect(page.getByLabel("What does it offer?")).toHaveValue("Walks");
  await expect(page.getByLabel("Which town is it in, or nearest to?")).toHaveValue("leeds");
  await expect(page.getByLabel("Postcode (optional)")).toHaveValue("NOTAPOSTCODE");
  await expect(page.getByRole("checkbox", { name: "In the community" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Wednesday" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Monday" })).not.toBeChecked();
  await expect(page.getByLabel("Your email address (optional)")).toHaveValue("not-an-email");
  // Fields that were fine are not marked as wrong.
  await expect(page.getByLabel("Who runs it? (optional)")).not.toHaveAttribute("aria-invalid", "true");
});

test("fixing the errors sends the suggestion, gives a reference, and it does not appear in search", async ({ page }) => {
  // A name no seeded listing has, different on every run.
  const name = `Roundhay wandering walkers ${Date.now().toString(36)}`;
  await fillBadSuggestion(page);
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();

  await page.getByLabel("What is the service called?").fill(name);
  await page.getByLabel("What does it offer?").fill("A friendly walking group that meets at the park gates every Wednesday morning.");
  await page.getByLabel("What kind of support is it?").selectOption({ label: "Befriending" });
  await page.getByLabel("Postcode (optional)").fill("ls8 2ha");
  await page.getByLabel("Your email address (optional)").fill("walker@example.org");
  await page.getByRole("button", { name: "Send suggestion" }).click();

  await expect(page).toHaveURL(/\/suggest\/thanks\?ref=S-\d{6,}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggestion sent");
  const reference = await page.getByText(/^S-\d{6,}$/).innerText();
  expect(page.url()).toContain(`ref=${reference}`);
  await expect(page.getByText(/It is not public until then/)).toBeVisible();

  // Pending moderation: searching for its exact name, in its category and town, does not find it.
  for (const url of [`/search?q=${encodeURIComponent(name)}`, `/search?q=walking&category=befriending&near=leeds&radius=50`]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await resultTitles(page), url).not.toContain(name);
    await expect(page.getByText(name, { exact: true })).toHaveCount(0);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still answers bad input with a 400 and the error summary, and good input with a reference", async ({ page }) => {
    await fillBadSuggestion(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Send suggestion" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page).toHaveTitle(/^Error: Suggest a local service/);
    await expect(summaryLinks(page)).toHaveText(expectedErrors.map(([, , message]) => message));
    await expect(page.getByLabel("Postcode (optional)")).toHaveValue("NOTAPOSTCODE");
    await expect(page.getByRole("checkbox", { name: "Wednesday" })).toBeChecked();

    await page.getByLabel("What is the service called?").fill(`Lunch club ${Date.now().toString(36)}`);
    await page.getByLabel("What does it offer?").fill("Hot lunch and a chat every Friday in the church hall.");
    await page.getByLabel("What kind of support is it?").selectOption({ label: "Day activities" });
    await page.getByLabel("Postcode (optional)").fill("");
    await page.getByLabel("Your email address (optional)").fill("");
    await page.getByRole("button", { name: "Send suggestion" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggestion sent");
    await expect(page.getByText(/^S-\d{6,}$/)).toBeVisible();
  });
});

test("the thanks page without a real reference sends people back to the form", async ({ page }) => {
  await page.goto("/suggest/thanks?ref=<script>");
  await expect(page).toHaveURL(/\/suggest$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggest a local service");
});
