// What a booklet is for: one council area, optionally one of its towns, and some kinds of
// support (all of them when none are chosen). Shared by the /booklet page and `npm run booklet`.
import { findArea, findTown, type LocalAuthority, type PlacedTown } from "../directory/region";
import { categories, type CategorySlug } from "../directory/vocabulary";

export type BookletRequest = { area: LocalAuthority; town: PlacedTown | null; categories: CategorySlug[] };
export type BookletValues = { area: string; town: string; categories: string[] };
export type ParsedBooklet =
  | { ok: true; request: BookletRequest; values: BookletValues }
  | { ok: false; errors: Record<string, string>; values: BookletValues };

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function parseBookletParams(params: URLSearchParams): ParsedBooklet {
  // `categories=a,b` from a link or the command line, or `categories=a&categories=b` from the form.
  const chosen = [...new Set(params.getAll("categories").flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
  const values: BookletValues = { area: (params.get("area") ?? "").trim(), town: (params.get("town") ?? "").trim(), categories: chosen };
  const errors: Record<string, string> = {};

  const area = values.area ? findArea(values.area) : undefined;
  if (!values.area) errors.area = "Choose the council area the booklet is for";
  else if (!area) errors.area = `We do not know the council area “${clip(values.area)}”: choose one from the list`;

  let town: PlacedTown | null = null;
  if (values.town) {
    const found = findTown(values.town);
    if (!found) errors.town = `We do not know the town “${clip(values.town)}”: choose one from the list`;
    else if (area && found.area.slug !== area.slug) errors.town = `${found.name} is not in ${area.name}: choose a town in ${area.name}, or all of it`;
    else town = found;
  }

  const unknown = chosen.filter((c) => !categories.some((x) => x.slug === c));
  if (unknown.length) errors.categories = `We do not have the kind of support “${clip(unknown[0]!)}”: choose from the list`;

  if (Object.keys(errors).length > 0 || !area) return { ok: false, errors, values };
  // In the taxonomy's order, however they were asked for, so the same booklet has one address.
  return { ok: true, values, request: { area, town, categories: categories.filter((c) => chosen.includes(c.slug)).map((c) => c.slug) as CategorySlug[] } };
}

/** The query string for a booklet, as printed in its own footer and used by the command line. */
export function bookletQuery(r: BookletRequest): string {
  const q = new URLSearchParams({ area: r.area.slug });
  if (r.town) q.set("town", r.town.slug);
  if (r.categories.length) q.set("categories", r.categories.join(","));
  return q.toString();
}
