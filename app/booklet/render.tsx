// The booklet as a standalone HTML document (its stylesheet inlined), for printing to PDF
// without running the web server.
import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { BookletDocument } from "./booklet-document";
import type { Booklet } from "./booklet.server";

const css = readFileSync(new URL("./booklet.css", import.meta.url), "utf8");

export function bookletHtml(booklet: Booklet, site: string): string {
  const body = renderToStaticMarkup(<BookletDocument booklet={booklet} site={site} />);
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(booklet.title)} – Weave</title>`
    + `<style>${css}</style></head><body>${body}</body></html>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
