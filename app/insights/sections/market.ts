import { categories, kindLabel, organisationKinds } from "../../directory/vocabulary";
import { addTo, hhi, permille } from "../stats";
import { PAID_DIRECTLY } from "../rollups.server";
import { entryOf, labelled, type InsightSection } from "./section";

const categoryName = labelled(categories);
// Direct-payment spending recorded with no organisation (a personal assistant's wages, say) has
// no provider we know: it is a kind of its own, counted as one payee at most (fewer than 3), so
// its share is always withheld (and another kind with it, so the total cannot give it away); it
// is left out of the providers counted and of concentration.
const kinds = [...organisationKinds.map((k) => ({ slug: k.slug as string, name: kindLabel(k.slug) })), { slug: PAID_DIRECTLY, name: "Paid directly (personal assistants and others)" }];
const isProvider = (organisationId: number) => organisationId !== 0;

export const marketSection: InsightSection = {
  id: "market",
  title: "Market shape",
  intro: "How many providers people bought from, who they are, and how concentrated spend is. Figures about providers' shares are withheld when fewer than 3 providers are behind them.",
  tables: (f) => {
    const people = f.buyers();
    const rows = f.providerSpend();
    const providers = new Map<string, Set<number>>();
    const spendByProvider = new Map<string, Map<number, number>>();
    const kindSpend = new Map<string, number>();
    const kindProviders = new Map<string, Set<number>>();
    for (const r of rows) {
      addTo(kindSpend, r.kind, r.spend);
      // Paid directly: at least one payee we do not know (counted as the one "provider" 0).
      entryOf(kindProviders, r.kind, () => new Set<number>()).add(r.organisationId);
      if (!isProvider(r.organisationId)) continue;
      entryOf(providers, r.category, () => new Set<number>()).add(r.organisationId);
      const m = entryOf(spendByProvider, r.category, () => new Map<number, number>());
      addTo(m, r.organisationId, r.spend);
    }
    const total = rows.reduce((n, r) => n + r.spend, 0);
    const allProviders = new Set(rows.map((r) => r.organisationId).filter(isProvider));
    // Everyone paid, paid directly (0) too: the total's basis, as in the spend matrix.
    const payees = new Set(rows.map((r) => r.organisationId));
    return [
      {
        id: "providers-by-category", title: "Providers and concentration by category", followsCategory: true, chart: { kind: "bar", column: "providers" },
        caption: "Providers people bought from in the chosen months. Concentration is the Herfindahl–Hirschman index of spend shares: 10,000 is one provider taking everything; above 2,500 is highly concentrated.",
        columns: [{ key: "providers", label: "Providers bought from", format: "count" }, { key: "hhi", label: "Concentration (HHI)", format: "hhi" }],
        rows: categories.filter((c) => providers.has(c.slug)).map((c) => ({
          key: c.slug, label: categoryName(c.slug),
          values: { providers: providers.get(c.slug)!.size, hhi: hhi(spendByProvider.get(c.slug)!.values()) },
          who: { providers: providers.get(c.slug)!, people: people.byCategory.of(c.slug) },
        })),
      },
      {
        // A view of the spend matrix (kind × category, counted in providers): its rows for all
        // categories and for each category, and the category table, are withheld as one pattern.
        id: "share-by-kind", title: "Share of spend by kind of provider", followsCategory: true, crossTab: { matrix: "spend", axis: "kind" }, chart: { kind: "bar", column: "share" },
        caption: "Registered providers, micro-enterprises (five or fewer staff), community groups and others; direct-payment spending recorded with no provider (such as PA wages) is a row of its own.",
        columns: [{ key: "spend", label: "Spend", format: "pence" }, { key: "share", label: "Share of spend", format: "percent" }, { key: "providers", label: "Providers", format: "count" }],
        rows: kinds.filter((k) => kindProviders.has(k.slug)).map((k) => ({
          key: k.slug, label: k.name,
          values: { spend: kindSpend.get(k.slug)!, share: permille(kindSpend.get(k.slug)!, total), providers: kindProviders.get(k.slug)!.size },
          who: { providers: kindProviders.get(k.slug)! },
        })),
        total: { key: "total", label: "Total", values: { spend: total, share: total ? 1000 : 0, providers: allProviders.size }, who: { providers: payees } },
      },
    ];
  },
};
