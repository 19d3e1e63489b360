// A dashboard section: a heading, a sentence, and the tables it builds from the facts. Each
// section is one small file; the dashboard lists them in ./index.ts. A table that follows the
// category filter says so, so that a category withheld in the area's table is withheld in it too.
import type { CrossMatrix, CrossTab } from "../cross";
import type { RawTable } from "../figures";
import type { Facts } from "../facts.server";

export type SectionTable = RawTable & {
  followsCategory: boolean;
  /**
   * The table is a view of a matrix across filters (category × month, category × town ...): it is
   * withheld by the one pattern worked out for that matrix whatever the filter (cross.ts).
   */
  crossTab?: CrossTab;
};

export type InsightSection = {
  id: string;
  title: string;
  intro: string;
  tables: (facts: Facts) => SectionTable[];
  /** The matrices its tables are views of (every category, whatever the filter). */
  matrices?: (facts: Facts) => CrossMatrix[];
};

export const labelled = <T extends { slug: string; name: string }>(list: readonly T[]) => (slug: string) => list.find((x) => x.slug === slug)?.name ?? slug;

export { entryOf, groupBy } from "../group";
