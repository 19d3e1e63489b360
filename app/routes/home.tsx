import { Form, Link } from "react-router";
import { categories } from "../directory/vocabulary";
import { SearchBox } from "../ui/search-box";

export const meta = () => [
  { title: "Find support with your personal budget – Weave" },
  { name: "description", content: "Find, compare and buy care and support across Yorkshire and the Humber." },
];

export default function Home() {
  return (
    <>
      <h1 className="text-4xl font-bold mb-3">Find support that works for you</h1>
      <p className="text-xl mb-6 max-w-3xl">
        Search care, activities, community groups and services you can pay for with a direct payment, an Individual
        Service Fund or your own money, from registered providers, small local businesses and free community groups.
      </p>
      <Form method="get" action="/search" role="search" aria-label="Find support">
        <SearchBox values={{}} large />
      </Form>

      <h2 className="text-2xl font-bold mb-3">Browse by kind of support</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 mb-8">
        {categories.map((c) => (
          <li key={c.slug} className="border-t-4 border-brand pt-2">
            <Link to={`/search?category=${c.slug}`} className="text-lg font-bold">{c.name}</Link>
            <p className="text-muted">{c.blurb}</p>
          </li>
        ))}
      </ul>

      <h2 className="text-2xl font-bold mb-2">Know a good local service that is missing?</h2>
      <p className="mb-2 max-w-3xl">
        A hairdresser who visits at home on Wednesdays, a lunch club, a walking group: tell us and we will check it
        and add it for everyone.
      </p>
      <p><Link to="/suggest" className="font-bold">Suggest a local service</Link></p>
    </>
  );
}
