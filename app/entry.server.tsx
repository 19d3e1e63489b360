import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { type EntryContext, ServerRouter } from "react-router";
import { config } from "./config.server";
import { warmSearch } from "./directory/search.server";
import { contentSecurityPolicy } from "./security.server";
import { startSearchSync } from "../search/worker.server";
import { startOrderJobs } from "./purchasing/jobs.server";
import { startBudgetSchedule } from "./budgets/schedule.server";
import { startReviewJobs } from "./reviews/jobs.server";
import { startConsortiumJobs } from "./consortia/jobs.server";
import { startDirectoryJobs } from "./directory/jobs.server";
import { startMailWorker } from "./accounts/mail.server";

// Start-up: load the search cache before the first visitor waits for it; in the background,
// drain the search and mail outboxes and run the scheduled jobs.
warmSearch();
startSearchSync();
startOrderJobs();
startBudgetSchedule();
startReviewJobs();
startConsortiumJobs();
startDirectoryJobs();
startMailWorker();

export const streamTimeout = 5_000;

export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  return new Promise<Response>((resolve, reject) => {
    // Each page is rendered whole before it is sent: it has no streamed parts, screen readers
    // and printers get it complete, and the security policy can name its exact inline scripts.
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} />, {
      onAllReady() {
        const chunks: Buffer[] = [];
        const body = new PassThrough();
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => {
          const html = Buffer.concat(chunks).toString("utf8");
          headers.set("Content-Type", "text/html; charset=utf-8");
          // Vite's development server injects scripts of its own; the policy is for real deployments.
          if (config.NODE_ENV === "production") headers.set("Content-Security-Policy", contentSecurityPolicy(html));
          resolve(new Response(html, { headers, status }));
        });
        pipe(body);
      },
      onShellError: reject,
      onError(error) {
        status = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
