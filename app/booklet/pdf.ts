// Printing the booklet with headless Chromium (Debian's, as the tests use): A4, the page's own
// margins, and "page N of M" at the foot of each page so a stapled booklet can be put back in order.
import { chromium } from "@playwright/test";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export async function printPdf(html: string, footer: string, executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium") {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const text = await page.innerText("body");
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-family: Arial, sans-serif; font-size: 11pt; width: 100%; text-align: center;">${footer
        .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)} – page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: "18mm", bottom: "22mm", left: "16mm", right: "16mm" },
    });
    return { pdf, text };
  } finally {
    await browser.close();
  }
}
