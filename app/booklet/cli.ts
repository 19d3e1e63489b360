// `npm run booklet -- --area leeds [--town otley] [--categories befriending,peer-support] --out booklet.pdf
//  [--site https://weave.example]`: prints an area booklet to a PDF without running the server.
// --site is the address printed for looking codes up online (PUBLIC_URL if set).
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseBookletParams } from "./booklet-query";
import { bookletPdf } from "./print.server";

const USAGE = "usage: npm run booklet -- --area <council> [--town <town>] [--categories a,b] --out <file.pdf> [--site https://…]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      area: { type: "string" }, town: { type: "string" }, categories: { type: "string" }, out: { type: "string" },
      site: { type: "string", default: process.env.PUBLIC_URL ?? "http://localhost:3000" },
    },
  });
  const params = new URLSearchParams();
  for (const key of ["area", "town", "categories"] as const) if (values[key]) params.set(key, values[key]!);
  const parsed = parseBookletParams(params);
  const site = z.url({ protocol: /^https?$/ }).safeParse(values.site);
  const out = z.string().regex(/\.pdf$/i).safeParse(values.out);
  if (!parsed.ok || !site.success || !out.success) {
    if (!parsed.ok) for (const message of Object.values(parsed.errors)) console.error(message);
    if (!site.success) console.error("--site must be a web address like https://weave.example");
    if (!out.success) console.error("--out must name a .pdf file");
    console.error(USAGE);
    return 2;
  }
  if (/localhost|127\.0\.0\.1/.test(site.data)) console.warn(`The booklet will tell readers to look codes up at ${site.data}: pass --site with the public address.`);
  const { booklet, pdf } = await bookletPdf(parsed.request, site.data);
  await writeFile(out.data, pdf);
  console.log(`Wrote ${out.data}: ${booklet.title}, ${booklet.shown} of ${booklet.total} services in ${booklet.sections.length} `
    + `${booklet.sections.length === 1 ? "section" : "sections"} (${Math.round(pdf.length / 1024)} KB).`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
