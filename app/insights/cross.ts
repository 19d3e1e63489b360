// Two-way complementary suppression across the dashboard's filters. A table that follows the
// category filter is one column of a matrix (category × month, category × town ...) whose
// margins are other tables: the all-categories table's rows, each category's total (a row of
// the category table) and the grand total. Subtracting views from each other can reveal a cell,
// so each matrix gets one suppression pattern, worked out by suppress() (figures.ts) over all
// of its sums whatever the filter, and every view, CSV and printout is published from it.
import { suppress, type Basis, type Cell, type Line, type Policy, type Who, type Withheld } from "./figures";

export type CrossMatrix = {
  id: string;
  basis: Basis;
  /** The grand total, when a table shows it. */
  total?: Who;
  /** Each category's total: a row of the all-categories table and the total of that category's views. */
  categories: Map<string, Who>;
  /**
   * The same margins counted in a second basis, when a dimension is counted in it (spend by
   * kind of provider, counted in providers): a margin is withheld when it is too few in either.
   */
  also?: { basis: Basis; total?: Who; categories: Map<string, Who> };
  dimensions: {
    name: string;
    /** What this dimension's cells are counted in, when not the matrix's basis. */
    basis?: Basis;
    /**
     * Each key's total over every category (the rows of the all-categories view). Absent when
     * the rows are keyed `category|key` in every view (prices by unit), so they have no margin.
     */
    all?: Map<string, Who>;
    /** Keyed `category|key`; a missing cell is built from nobody. */
    cells: Map<string, Who>;
    /** Cells no table shows (a category nobody can filter to; spend without a price). */
    neverShown?: (categoryAndKey: string) => boolean;
  }[];
};

/**
 * Which matrix a table is a view of, and what its rows are: categories ("category"), or a
 * dimension's keys — of the chosen category, or of all — or `category|key` in every view.
 */
export type CrossTab = { matrix: string; axis: string; rowsKeyedByCategory?: boolean };

const size = (who: Who) => (typeof who === "number" ? who : who.size);

/** One pattern for every matrix: cell keys are `<matrix>:T`, `:C:<category>`, `:R:<dimension>:<key>`, `:X:<dimension>:<category>|<key>`. */
export function crossPattern(matrices: CrossMatrix[], policy: Policy): Withheld {
  const pattern: Withheld = new Map();
  for (const m of matrices) {
    const cells = new Map<string, Cell>();
    const lines: Line[] = [];
    const neverShown: Withheld = new Map();
    const add = (key: string, who: Who | undefined, basis: Basis = m.basis, also?: Who) => {
      const whos: Cell["who"] = {};
      if (who !== undefined && size(who) > 0) whos[basis] = who;
      if (m.also && also !== undefined && size(also) > 0) whos[m.also.basis] = also;
      if (Object.keys(whos).length > 0) cells.set(key, { key, who: whos });
      return cells.has(key) ? [key] : [];
    };
    const line = (total: string, members: string[]) => {
      if (cells.has(total) && members.length > 0) lines.push({ total, members });
    };
    const T = `${m.id}:T`;
    add(T, m.total, m.basis, m.also?.total);
    const C = (c: string) => `${m.id}:C:${c}`;
    const categories = [...new Set([...m.categories.keys(), ...(m.also?.categories.keys() ?? [])])];
    line(T, categories.flatMap((c) => add(C(c), m.categories.get(c), m.basis, m.also?.categories.get(c))));
    for (const d of m.dimensions) {
      const X = (ck: string) => `${m.id}:X:${d.name}:${ck}`;
      const byCategory = new Map<string, string[]>();
      const byKey = new Map<string, string[]>();
      for (const [ck, who] of d.cells) {
        const [c, ...rest] = ck.split("|");
        const k = rest.join("|");
        for (const key of add(X(ck), who, d.basis)) {
          byCategory.set(c!, [...(byCategory.get(c!) ?? []), key]);
          byKey.set(k, [...(byKey.get(k) ?? []), key]);
          if (d.neverShown?.(ck)) neverShown.set(key, "few");
        }
      }
      for (const [c, members] of byCategory) line(C(c), members);
      if (!d.all) continue;
      const R = (k: string) => `${m.id}:R:${d.name}:${k}`;
      line(T, [...d.all.keys()].flatMap((k) => add(R(k), d.all!.get(k), d.basis)));
      for (const [k, members] of byKey) line(R(k), members);
    }
    for (const [k, v] of suppress(cells, lines, policy, neverShown)) pattern.set(k, v);
  }
  return pattern;
}

/** Where a row (and the total) of a view sits in the pattern. */
export function crossKeys(tab: CrossTab, category: string | null, followsCategory: boolean) {
  const total = followsCategory && category ? `${tab.matrix}:C:${category}` : `${tab.matrix}:T`;
  if (tab.axis === "category") return { row: (k: string) => `${tab.matrix}:C:${k}`, total };
  if (tab.rowsKeyedByCategory) return { row: (k: string) => `${tab.matrix}:X:${tab.axis}:${k}`, total };
  if (followsCategory && category) return { row: (k: string) => `${tab.matrix}:X:${tab.axis}:${category}|${k}`, total };
  return { row: (k: string) => `${tab.matrix}:R:${tab.axis}:${k}`, total };
}
