// Messages at the top of a page: the GOV.UK error summary, notices and confirmation panels.
import { useEffect, useRef, type ReactNode } from "react";

/** Lists every error with a link to its field; takes focus so screen reader users hear it first. */
export function ErrorSummary({ errors, labels = {} }: { errors: Record<string, string>; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  // Each new set of errors (a page load, or a form sent again) moves focus here, not only the first.
  useEffect(() => {
    if (Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="border-4 border-warn p-4 mb-6">
      <h2 id="error-summary-title" className="text-xl font-bold mb-2">There is a problem</h2>
      <ul className="space-y-1">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${labels[field] ?? field}`} className="font-bold text-warn! visited:text-warn">{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div role="status" className="border-l-8 border-link bg-wash p-3 mb-4">
      <ul className="space-y-1">{notices.map((n) => <li key={n}>{n}</li>)}</ul>
    </div>
  );
}

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="bg-go text-white p-6 mb-6 text-center">
      <h1 className="text-3xl font-bold mb-2">{title}</h1>
      <div className="text-xl">{children}</div>
    </div>
  );
}

export function Warning({ children }: { children: ReactNode }) {
  return (
    <p className="flex gap-3 items-start font-bold my-3">
      <span aria-hidden="true" className="rounded-full bg-ink text-white size-7 shrink-0 text-center leading-7">!</span>
      <span><span className="sr-only">Warning: </span>{children}</span>
    </p>
  );
}
