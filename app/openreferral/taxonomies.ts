// Weave's fixed vocabularies, published as Open Referral taxonomies. A service's category, ways
// of delivering and payment routes, and an organisation's kind, vetting checks and CQC rating,
// travel as `attributes` that point at these terms, so another directory (or a second Weave)
// can read them back exactly.
import {
  categories, cqcRatings, deliveryModes, organisationKinds, paymentRoutes, type CategorySlug, type CqcRating,
  type DeliveryMode, type OrganisationKind, type PaymentRoute,
} from "../directory/vocabulary";
import { nameUuid } from "./ids";

export const vettingChecks = [
  { slug: "dbs-checked", name: "DBS checked", description: "People who work with clients have Disclosure and Barring Service checks." },
  { slug: "insured", name: "Insured", description: "Holds public liability insurance for the work it does." },
  { slug: "safeguarding-trained", name: "Safeguarding trained", description: "Staff or volunteers have had safeguarding training." },
] as const;
export type VettingCheck = (typeof vettingChecks)[number]["slug"];

export const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

type Term = { slug: string; name: string; description: string };
export type TaxonomySlug = "category" | "delivery" | "payment" | "kind" | "vetting" | "cqc-rating";
type Definition = { slug: TaxonomySlug; name: string; description: string; appliesTo: "service" | "organization"; terms: readonly Term[] };

const described = (list: readonly { slug: string; name: string }[], what: string) =>
  list.map((x) => ({ slug: x.slug, name: x.name, description: `${what}: ${x.name.toLowerCase()}.` }));

const definitions: Definition[] = [
  {
    slug: "category", appliesTo: "service", name: "Weave service categories",
    description: "The kinds of care and support Weave lists. Every service has exactly one.",
    terms: categories.map((c) => ({ slug: c.slug, name: c.name, description: c.blurb })),
  },
  {
    slug: "delivery", appliesTo: "service", name: "Weave ways of delivering support",
    description: "Where a service happens: at home, in the community, or online and by phone.",
    terms: described(deliveryModes, "Delivered"),
  },
  {
    slug: "payment", appliesTo: "service", name: "Weave payment routes",
    description: "How a service can be paid for in English adult social care.",
    terms: described(paymentRoutes, "Can be paid by"),
  },
  {
    slug: "kind", appliesTo: "organization", name: "Weave kinds of organisation",
    description: "Registered providers, micro-enterprises (five or fewer staff), community groups, user-led organisations and peer networks.",
    terms: described(organisationKinds, "Kind of organisation"),
  },
  {
    slug: "vetting", appliesTo: "organization", name: "Weave vetting checks",
    description: "Checks Weave's moderators have seen evidence of.",
    terms: vettingChecks,
  },
  {
    slug: "cqc-rating", appliesTo: "organization", name: "CQC overall ratings",
    description: "The Care Quality Commission's latest overall rating; the attribute's value is the date it was published.",
    terms: cqcRatings.map((r) => ({ slug: slugify(r), name: r, description: `CQC's latest overall rating is “${r}”.` })),
  },
];

export type HsdsTaxonomy = { id: string; name: string; description: string; version: string };
export type HsdsTaxonomyTerm = {
  id: string; name: string; description: string; taxonomy_id: string; taxonomy: string; term: string;
};

export type KnownTerm = { taxonomy: TaxonomySlug; slug: string; hsds: HsdsTaxonomyTerm };
export type KnownTaxonomy = Omit<Definition, "terms"> & { hsds: HsdsTaxonomy; terms: KnownTerm[] };

export const taxonomyId = (slug: TaxonomySlug) => nameUuid(`taxonomy:${slug}`);
export const termId = (taxonomy: TaxonomySlug, slug: string) => nameUuid(`taxonomy_term:${taxonomy}:${slug}`);

export const taxonomyList: KnownTaxonomy[] = definitions.map((d) => ({
  ...d,
  hsds: { id: taxonomyId(d.slug), name: d.name, description: d.description, version: "1" },
  terms: d.terms.map((t) => ({
    taxonomy: d.slug,
    slug: t.slug,
    hsds: { id: termId(d.slug, t.slug), name: t.name, description: t.description, taxonomy_id: taxonomyId(d.slug), taxonomy: d.name, term: t.slug },
  })),
}));
export const allTerms: KnownTerm[] = taxonomyList.flatMap((t) => t.terms);

const termById = new Map(allTerms.map((t) => [t.hsds.id, t]));
const taxonomyById = new Map(taxonomyList.map((t) => [t.hsds.id, t]));
const termBySlug = new Map(allTerms.map((t) => [`${t.taxonomy}:${t.slug}`, t]));

export const findTerm = (id: string) => termById.get(id.toLowerCase()) ?? null;
export const findTaxonomy = (id: string) => taxonomyById.get(id.toLowerCase()) ?? null;
export const termOf = (taxonomy: TaxonomySlug, slug: string) => {
  const t = termBySlug.get(`${taxonomy}:${slug}`);
  if (!t) throw new Error(`no term ${slug} in ${taxonomy}`);
  return t;
};

/**
 * Which of our terms another directory's attribute means: ours by id, else one of the given
 * taxonomy's terms by name or code (so a category called "Befriending" elsewhere still lands).
 */
export function recogniseTerm(
  attribute: { taxonomy_term_id?: string; taxonomy_term?: { id?: string; name?: string; term?: string } }, within: TaxonomySlug,
): string | null {
  const id = attribute.taxonomy_term?.id ?? attribute.taxonomy_term_id;
  const ours = id ? findTerm(id) : null;
  if (ours) return ours.taxonomy === within ? ours.slug : null;
  const wanted = [attribute.taxonomy_term?.name, attribute.taxonomy_term?.term].filter((x): x is string => !!x).map(slugify);
  if (wanted.length === 0) return null;
  const candidates = taxonomyList.find((t) => t.slug === within)!.terms;
  return candidates.find((c) => wanted.includes(c.slug) || wanted.includes(slugify(c.hsds.name)))?.slug ?? null;
}

export type TermFilter =
  | { taxonomy: "category"; slug: CategorySlug }
  | { taxonomy: "delivery"; slug: DeliveryMode }
  | { taxonomy: "payment"; slug: PaymentRoute }
  | { taxonomy: "kind"; slug: OrganisationKind }
  | { taxonomy: "vetting"; slug: VettingCheck }
  | { taxonomy: "cqc-rating"; slug: string };

export const cqcRatingOfSlug = (slug: string): CqcRating | null => cqcRatings.find((r) => slugify(r) === slug) ?? null;
