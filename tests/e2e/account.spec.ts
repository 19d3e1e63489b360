// A person chooses whether Weave emails them about their orders and questions, on their account page, with
// JavaScript or without it, and is told the choice was saved.
import { expect, expectNoSeriousAxeViolations, logInAs, test } from "./support";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("turning order emails off and on again is saved and said", async ({ page }) => {
      // A different person for each run, as the two run side by side.
      await logInAs(page, javaScriptEnabled ? "brian@example.org" : "erin@example.org", "/account");
      const choice = page.getByLabel(/^Email me when there is news on my orders and questions/);
      await expect(choice).toBeChecked();
      if (javaScriptEnabled) await expectNoSeriousAxeViolations(page); // axe runs as a script in the page

      await choice.uncheck();
      await page.getByRole("button", { name: "Save email choice" }).click();
      await expect(page.getByRole("status")).toHaveText("Saved: we will not email you about your orders and questions. You still see everything on Weave.");
      await expect(page.getByLabel(/^Email me when there is news on my orders and questions/)).not.toBeChecked();
      // Said once: a reload shows the choice, not the confirmation again.
      await page.reload();
      await expect(page.getByRole("status")).toHaveCount(0);
      await expect(page.getByLabel(/^Email me when there is news on my orders and questions/)).not.toBeChecked();

      await page.getByLabel(/^Email me when there is news on my orders and questions/).check();
      await page.getByRole("button", { name: "Save email choice" }).click();
      await expect(page.getByRole("status")).toHaveText("Saved: we will email you when there is news on your orders and questions.");
      await expect(page.getByLabel(/^Email me when there is news on my orders and questions/)).toBeChecked();
    });
  });
}
