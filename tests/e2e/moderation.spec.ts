// A moderator approves a suggested listing and it appears in search; moderation is for
// moderators only.
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousAxeViolations, resultTitles, test } from "./support";

async function logIn(page: Page, email: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("weave-demo-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(next);
}

async function suggest(page: Page, name: string) {
  await page.goto("/suggest");
  await page.getByLabel("What is the service called?").fill(name);
  await page.getByLabel("Who runs it? (optional)").fill(`Friends of Roundhay Park ${name.slice(-6)}`);
  await page.getByLabel("What does it offer?").fill("A friendly walking group that meets at the park gates every Wednesday morning.");
  await page.getByLabel("What kind of support is it?").selectOption({ label: "Befriending" });
  await page.getByLabel("Which town is it in, or nearest to?").selectOption({ label: "Chapeltown" });
  await page.getByRole("checkbox", { name: "In the community" }).check();
  await page.getByRole("checkbox", { name: "Wednesday" }).check();
  await page.getByRole("button", { name: "Send suggestion" }).click();
  await expect(page).toHaveURL(/\/suggest\/thanks/);
}

test("a moderator approves a suggested listing and it appears in search", async ({ page, browser }) => {
  // A whole journey: accounts, several forms, accessibility checks, and waiting for search to catch up.
  test.setTimeout(60_000);
  const name = `Roundhay rambling friends ${Date.now().toString(36)}`;
  const searchUrl = `/search?q=${encodeURIComponent(name)}`;
  const visitor = await browser.newPage();
  await suggest(visitor, name);
  await visitor.goto(searchUrl);
  expect(await resultTitles(visitor)).not.toContain(name);
  await visitor.close();

  await logIn(page, "mo@example.org", "/moderation");
  await page.getByRole("region", { name: /^Suggested listings/ }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("The suggestion said it runs on Wednesday")).toBeVisible();

  // Approving without saying what it costs is refused, with everything kept.
  await page.getByLabel("Wednesday From", { exact: true }).fill("10:00");
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/moderation/suggestions/")),
    page.getByRole("button", { name: "Approve and publish" }).click(),
  ]);
  expect(refused.status()).toBe(400);
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link")).toHaveText(["Choose what the price is for, or Free", "Enter the time it finishes on Wednesday"]);
  await expect(page.getByLabel("Wednesday From", { exact: true })).toHaveValue("10:00");
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Name of the service").fill(`${name} walks`);
  await page.getByRole("radio", { name: "It is free" }).check();
  await page.getByLabel("Wednesday To", { exact: true }).fill("12:00");
  await expect(page.getByRole("radio", { name: "Community group" })).toBeChecked();
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page).toHaveURL("/moderation");
  await expect(page.getByRole("status")).toContainText("The suggestion is approved and published");
  // Said once: reloading the queue does not say it again.
  await page.reload();
  await expect(page.getByText("The suggestion is approved and published")).toHaveCount(0);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

  // The server drains the search outbox every second.
  await expect(async () => {
    await page.goto(searchUrl);
    expect(await resultTitles(page)).toContain(`${name} walks`);
  }).toPass({ timeout: 15_000 });
  await page.getByRole("link", { name: `${name} walks`, exact: true }).click();
  await expect(page.getByText("Written by the person who suggested it, and checked by a moderator")).toBeVisible();
  await expect(page.getByRole("row", { name: "Wednesday 10:00 to 12:00" })).toBeVisible();
});

test("rejecting a suggestion needs a reason, and it never reaches search", async ({ page }) => {
  const name = `Private book club ${Date.now().toString(36)}`;
  await suggest(page, name);
  await logIn(page, "mo@example.org", "/moderation");
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("button", { name: "Reject suggestion" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Give the reason, so it can be explained to whoever sent it" })).toHaveAttribute("href", "#reason");
  await page.getByLabel("Why are you rejecting it?").fill("It is a private club for members only, not a public service.");
  await page.getByRole("button", { name: "Reject suggestion" }).click();
  await expect(page).toHaveURL("/moderation");
  await expect(page.getByRole("status")).toContainText("The suggestion is rejected");
  await page.goto(`/search?q=${encodeURIComponent(name)}`);
  expect(await resultTitles(page)).not.toContain(name);
});

test("moderation is for moderators: others get 403, people not logged in log in first, unknown ids are 404", async ({ page, browser }) => {
  await page.goto("/moderation/appointees");
  await expect(page).toHaveURL("/login?next=%2Fmoderation%2Fappointees");

  await logIn(page, "dev@example.org", "/provider");
  for (const url of ["/moderation", "/moderation/appointees", "/moderation/suggestions/1", "/moderation/claims/1"]) {
    expect((await page.goto(url))?.status(), url).toBe(403);
    await expect(page.getByText(/^Only moderators/)).toBeVisible();
  }
  const mo = await browser.newPage();
  await logIn(mo, "mo@example.org", "/moderation");
  for (const url of ["/moderation/suggestions/99999999", "/moderation/claims/nope"]) {
    expect((await mo.goto(url))?.status(), url).toBe(404);
  }
  await mo.close();
});

test("a moderator records an appointee with the legal basis", async ({ page, browser }) => {
  // People of this test's own, so no other test's representatives change.
  const stamp = Date.now().toString(36);
  for (const who of ["holder", "appointee"]) {
    const context = await browser.newContext();
    const signUp = await context.newPage();
    await signUp.goto("/signup");
    await signUp.getByLabel("Your name").fill(`${who === "holder" ? "Harriet" : "Adam"} ${stamp}`);
    await signUp.getByLabel("Email address").fill(`${who}-${stamp}@example.org`);
    await signUp.getByLabel("Choose a password").fill("a long and memorable password");
    await signUp.getByRole("radio", { name: "I am looking for support, for myself or someone I help" }).check();
    await signUp.getByRole("button", { name: "Create account" }).click();
    await expect(signUp).toHaveURL("/account");
    await context.close();
  }

  await logIn(page, "mo@example.org", "/moderation/appointees");
  await page.getByLabel("Email address of the person being supported").fill(`holder-${stamp}@example.org`);
  await page.getByLabel("Email address of the appointee").fill(`nobody-${stamp}@example.org`);
  await page.getByLabel("How is the appointee related to the person?").fill("Son");
  await page.getByLabel("Legal basis").fill("Lasting Power of Attorney for health and welfare, OPG reference 7000-1234-5678");
  await page.getByRole("button", { name: "Record appointee" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /There is no account with this email address/ })).toHaveAttribute("href", "#representativeEmail");
  await expect(page.getByLabel("Legal basis")).toHaveValue(/OPG reference 7000-1234-5678/);

  await page.getByLabel("Email address of the appointee").fill(`appointee-${stamp}@example.org`);
  await page.getByRole("button", { name: "Record appointee" }).click();
  await expect(page.getByRole("status")).toContainText(`Adam ${stamp} is recorded as acting for Harriet ${stamp}`);
});

test("a peer supporter's offer waits for a moderator: Brian offers, Mo declines without a reason (refused), then approves, and Brian reads that he is checked", async ({ page, browser }) => {
  await logIn(page, "brian@example.org", "/peer-support");
  await page.getByLabel("Which council area can you support people in?").selectOption({ label: "Bradford" });
  await page.getByLabel("A few words about you").fill("I have had a direct payment for ten years and employ two PAs.");
  await page.getByRole("button", { name: "Offer to be a peer supporter" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you. A Weave moderator will check your offer, and may contact you first, before anyone is introduced to you.");
  await expect(page.getByText("Your offer to support people in Bradford is waiting for a moderator to check it.")).toBeVisible();

  const mo = await browser.newPage();
  await logIn(mo, "mo@example.org", "/moderation");
  await mo.getByRole("region", { name: /Peer supporters to check/ }).getByRole("link", { name: "Brian Walsh" }).click();
  await expect(mo.getByRole("heading", { level: 1 })).toHaveText("Brian Walsh offers to be a peer supporter");
  await expect(mo.getByText("I have had a direct payment for ten years and employ two PAs.")).toBeVisible();
  await mo.getByRole("button", { name: "Decline" }).click();
  await expect(mo.getByText("Give the reason, so it can be explained to whoever sent it").first()).toBeVisible();
  await mo.getByRole("button", { name: "Approve: people in Bradford may be introduced to them" }).click();
  await expect(mo.getByRole("status")).toContainText("The peer supporter is approved.");
  await expect(mo.getByRole("region", { name: /Peer supporters to check/ }).getByRole("link", { name: "Brian Walsh" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByText(/You are a peer supporter in Bradford/)).toBeVisible();
});
