// The filter panel: every facet with its counts, inside the search form, so it works without JavaScript.
import type { FacetCounts } from "../../search/port";
import { localAuthorities } from "../directory/region";
import { STAR_CHOICES, type SearchFormValues } from "../directory/search-query";
import {
  accessibilityFeatures, categories, days, deliveryModes, organisationKinds, paymentRoutes, priceBands, type Slugged,
} from "../directory/vocabulary";
import { Button, Choices } from "./fields";

type Group = { param: string; facet: keyof FacetCounts; legend: string; list: readonly Slugged[]; single: boolean; open?: boolean };

const groups: Group[] = [
  { param: "category", facet: "category", legend: "Kind of support", list: categories, single: true, open: true },
  { param: "delivery", facet: "delivery", legend: "Where it happens", list: deliveryModes, single: false, open: true },
  { param: "price", facet: "priceBand", legend: "Price", list: priceBands, single: true, open: true },
  { param: "pay", facet: "payment", legend: "How you can pay", list: paymentRoutes, single: false },
  { param: "day", facet: "days", legend: "Day available", list: days, single: false },
  { param: "access", facet: "accessibility", legend: "Accessibility", list: accessibilityFeatures, single: false },
  { param: "area", facet: "area", legend: "Council area", list: localAuthorities, single: true },
  { param: "kind", facet: "kind", legend: "Kind of organisation", list: organisationKinds, single: true },
];

export function FacetPanel({ facets, values }: { facets: FacetCounts; values: SearchFormValues }) {
  const chosen = (param: string) => {
    const v = values[param];
    return (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);
  };
  const freeCount = facets.priceBand.free ?? 0;
  return (
    <div>
      {groups.map((g) => {
        // Only values we know: an unknown one from an old link was ignored, so nothing is chosen.
        const selected = chosen(g.param).filter((v) => g.list.some((x) => x.slug === v));
        const counts = facets[g.facet];
        // A value nobody in these results has would only lead to "no results": leave it out.
        const options = g.list
          .filter((x) => (counts[x.slug] ?? 0) > 0 || selected.includes(x.slug))
          .map((x) => ({ value: x.slug, label: x.name, count: counts[x.slug] ?? 0 }));
        if (g.single) {
          const any = Object.values(counts).reduce((s, n) => s + n, 0);
          options.unshift({ value: "", label: "Any", count: any });
        }
        const checked = g.single && selected.length === 0 ? [""] : selected;
        return (
          <details key={g.param} open={g.open || selected.length > 0} className="mb-3 border-b border-line pb-2">
            <summary className="cursor-pointer font-bold text-lg py-1">
              {g.legend}{selected.length > 0 && <span className="text-muted font-normal"> ({selected.length} chosen)</span>}
            </summary>
            {options.length === (g.single ? 1 : 0)
              ? <p className="text-muted py-1">None in these results.</p>
              : <Choices name={g.param} id={`filter-${g.param}`} legend={<span className="sr-only">{g.legend}</span>} small
                  type={g.single ? "radio" : "checkbox"} options={options} checked={checked} />}
            {g.param === "price" && (
              <Choices name="free" id="filter-free" legend={<span className="sr-only">Free only</span>} small
                options={[{ value: "1", label: "Free only", count: freeCount }]} checked={chosen("free").includes("1") || chosen("free").includes("true") ? ["1"] : []} />
            )}
          </details>
        );
      })}
      <details open={chosen("stars").length > 0} className="mb-3 border-b border-line pb-2">
        <summary className="cursor-pointer font-bold text-lg py-1">Reviews</summary>
        <Choices name="stars" id="filter-stars" legend={<span className="sr-only">Reviews</span>} small type="radio"
          options={[{ value: "", label: "Any" }, ...STAR_CHOICES.map((n) => ({ value: n, label: `Rated ${n} stars and up` }))]}
          checked={STAR_CHOICES.find((n) => chosen("stars").includes(n)) ? chosen("stars") : [""]} />
      </details>
      <details open className="mb-3 border-b border-line pb-2">
        <summary className="cursor-pointer font-bold text-lg py-1">Buying together</summary>
        <Choices name="group" id="filter-group" legend={<span className="sr-only">Buying together</span>} small
          options={[{ value: "1", label: "Open group offer", count: facets.groupOffer.yes ?? 0 }]} checked={chosen("group").includes("1") ? ["1"] : []} />
      </details>
      <Button>Apply filters</Button>
    </div>
  );
}
