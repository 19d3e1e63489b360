// A printed directory for people without internet: the published services of one area, by
// kind of support, each entry short enough to read on paper and carrying a code to look it up.
import { bookletListings, BOOKLET_LIMIT } from "../directory/catalogue.server";
import { formatDate, formatPrice, isStale } from "../directory/format";
import { categories } from "../directory/vocabulary";
import type { BookletRequest } from "./booklet-query";
import { shortCode } from "./short-code";

export type BookletEntry = {
  code: string;
  name: string;
  organisation: string;
  town: string;
  offers: string;
  cost: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  checked: string;
  stale: boolean;
};

export type Booklet = {
  title: string;
  areaName: string;
  townName: string | null;
  /** The kinds of support chosen, in the taxonomy's order; empty means every kind. */
  chosen: string[];
  printed: string;
  total: number;
  shown: number;
  sections: { slug: string; name: string; blurb: string; entries: BookletEntry[] }[];
};

export function loadBooklet(r: BookletRequest, { now = new Date(), limit = BOOKLET_LIMIT } = {}): Booklet {
  const { total, listings } = bookletListings({ area: r.area.slug, town: r.town?.slug, categorySlugs: r.categories.length ? r.categories : undefined }, limit);
  const sections = new Map<string, Booklet["sections"][number]>();
  for (const l of listings) {
    const slug = l.service.categorySlug;
    let section = sections.get(slug);
    if (!section) {
      section = { slug, name: l.categoryName, blurb: categories.find((c) => c.slug === slug)?.blurb ?? "", entries: [] };
      sections.set(slug, section);
    }
    section.entries.push({
      code: shortCode(l.service.id),
      name: l.service.name,
      organisation: l.organisation.name,
      town: l.townName,
      offers: l.service.description,
      cost: formatPrice(l.service.pricePence, l.service.priceUnit),
      phone: l.organisation.phone,
      email: l.organisation.email,
      website: l.organisation.website,
      checked: formatDate(l.service.updatedAt),
      stale: isStale(l.service.updatedAt, now),
    });
  }
  const place = r.town ? `${r.town.name} (${r.area.name})` : r.area.name;
  return {
    title: `Care and support in ${place}`,
    areaName: r.area.name,
    townName: r.town?.name ?? null,
    chosen: categories.filter((c) => r.categories.includes(c.slug)).map((c) => c.name),
    printed: formatDate(now.toISOString()),
    total,
    shown: listings.length,
    sections: [...sections.values()],
  };
}
