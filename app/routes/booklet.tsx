// /booklet: choose an area and kinds of support, then a print-first page of those services.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/booklet";
import bookletStyles from "../booklet/booklet.css?url";
import { BookletDocument } from "../booklet/booklet-document";
import { bookletQuery, parseBookletParams } from "../booklet/booklet-query";
import { loadBooklet } from "../booklet/booklet.server";
import { localAuthorities } from "../directory/region";
import { categories } from "../directory/vocabulary";
import { Button, Choices, ErrorSummary, Select } from "../ui";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: bookletStyles }];

export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const parsed = parseBookletParams(url.searchParams);
  // No area yet, or "change": the form, filled in with whatever was chosen before.
  if (!url.searchParams.has("area") || url.searchParams.has("change")) {
    return { form: true as const, errors: {} as Record<string, string>, values: parsed.values };
  }
  if (!parsed.ok) return data({ form: true as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  return { form: false as const, booklet: loadBooklet(parsed.request), site: url.origin, query: bookletQuery(parsed.request) };
}

export const meta = ({ data: d }: Route.MetaArgs) => [
  { title: d && !d.form ? `${d.booklet.title} – printable booklet – Weave` : `${d && Object.keys(d.errors).length ? "Error: " : ""}Print a booklet of services – Weave` },
];

const townGroups = localAuthorities.map((a) => ({ label: a.name, options: a.towns.map((t) => ({ value: t.slug, label: t.name })) }));

export default function BookletPage({ loaderData: d }: Route.ComponentProps) {
  if (!d.form) {
    return (
      <>
        <div className="booklet-screen-only mb-6 border-l-8 border-link bg-wash p-3 max-w-3xl">
          <p>This page is made for printing on A4 paper. Use your browser’s Print command, or save it as a PDF.</p>
          <p><Link to={`/booklet?${d.query}&change=1`}>Change the area or kinds of support</Link></p>
        </div>
        <BookletDocument booklet={d.booklet} site={d.site} />
      </>
    );
  }
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={d.errors} />
      <h1 className="text-4xl font-bold mb-3">Print a booklet of services</h1>
      <p className="text-lg mb-6">
        For someone without the internet: a booklet of the services in one council area, in large clear print, with a
        short code for each one so anyone can look it up online later.
      </p>
      <Form method="get" action="/booklet">
        <Select name="area" label="Which council area is it for?" placeholder="Choose an area" defaultValue={d.values.area} error={d.errors.area}
          options={localAuthorities.map((a) => ({ value: a.slug, label: a.name }))} />
        <Select name="town" label="Only one town? (optional)" placeholder="All of the area" defaultValue={d.values.town} error={d.errors.town} groups={townGroups} />
        <Choices name="categories" legend="Which kinds of support? (optional)" hint="Leave them all unticked for every kind."
          options={categories.map((c) => ({ value: c.slug, label: c.name }))} checked={d.values.categories} error={d.errors.categories} />
        <Button>Make the booklet</Button>
      </Form>
    </div>
  );
}
