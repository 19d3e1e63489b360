import { categories, priceUnits } from "../../directory/vocabulary";
import { entryOf, labelled, type InsightSection } from "./section";

export const consortiaSection: InsightSection = {
  id: "consortia",
  title: "Buying together",
  intro: "Groups of budget holders (consortia) that formed in the chosen months to buy the same support together, and what each member pays against the price of buying it alone.",
  tables: (f) => {
    const groups = new Map<string, { contracts: Set<number>; people: Set<number>; group: Map<number, number>; alone: Map<number, number> }>();
    for (const m of f.groupMembers()) {
      const key = `${m.category}|${m.unit}`;
      const g = entryOf(groups, key, () => ({ contracts: new Set<number>(), people: new Set<number>(), group: new Map<number, number>(), alone: new Map<number, number>() }));
      g.contracts.add(m.contractId);
      g.people.add(m.holderId);
      g.group.set(m.contractId, m.groupPrice);
      g.alone.set(m.contractId, m.alonePrice);
    }
    const waiting = new Map<string, { offers: Set<number>; people: Set<number> }>();
    for (const w of f.waiting()) {
      const c = entryOf(waiting, w.category, () => ({ offers: new Set<number>(), people: new Set<number>() }));
      c.offers.add(w.offerId);
      c.people.add(w.holderId);
    }
    const mean = (prices: Map<number, number>) => Math.round([...prices.values()].reduce((a, b) => a + b, 0) / prices.size);
    return [{
      id: "consortia", title: "Groups formed, and their price against buying alone", followsCategory: true, chart: { kind: "bar", column: "saving" },
      caption: "Prices are per unit (an hour, a session), averaged over the groups formed; the saving is how much less a member pays than the price alone.",
      columns: [
        { key: "groups", label: "Groups formed", format: "count" }, { key: "members", label: "Members", format: "count" },
        { key: "group", label: "Price in a group", format: "pence" }, { key: "alone", label: "Price alone", format: "pence" },
        { key: "saving", label: "Saving", format: "percent" },
      ],
      rows: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => {
        const [category, unit] = key.split("|") as [string, string];
        const group = mean(g.group);
        const alone = mean(g.alone);
        return {
          key, label: `${labelled(categories)(category)}, per ${labelled(priceUnits)(unit).toLowerCase()}`,
          values: { groups: g.contracts.size, members: g.people.size, group, alone, saving: alone > 0 ? Math.round(((alone - group) / alone) * 1000) : null },
          who: { people: g.people },
        };
      }),
    }, {
      id: "group-waiting-lists", title: "Group offers with people waiting", followsCategory: true, chart: { kind: "bar", column: "people" },
      caption: "Unmet demand: people who asked to join a full group offer and are on its waiting list now (whatever the chosen months).",
      columns: [{ key: "offers", label: "Offers with a waiting list", format: "count" }, { key: "people", label: "People waiting", format: "count" }],
      rows: categories.filter((c) => waiting.has(c.slug)).map((c) => {
        const w = waiting.get(c.slug)!;
        return { key: c.slug, label: labelled(categories)(c.slug), values: { offers: w.offers.size, people: w.people.size }, who: { people: w.people } };
      }),
    }];
  },
};
