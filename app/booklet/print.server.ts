// The booklet as a PDF: the same page the site shows, printed by headless Chromium.
import type { BookletRequest } from "./booklet-query";
import { loadBooklet } from "./booklet.server";
import { printPdf } from "./pdf";
import { bookletHtml } from "./render";

export async function bookletPdf(request: BookletRequest, site: string, now = new Date()) {
  const booklet = loadBooklet(request, { now });
  const { pdf, text } = await printPdf(bookletHtml(booklet, site), `Weave: ${booklet.title}`);
  return { booklet, pdf, text };
}
