import { categories as categoryList } from "../app/directory/vocabulary";
import { localAuthorities as areaList } from "../app/directory/region";
import type { Db } from "./client";
import { categories, localAuthorities, towns } from "./schema";

/** Upserts the fixed taxonomy and the region's councils and towns from the code that defines them. */
export function upsertReferenceData(db: Db) {
  db.transaction((tx) => {
    categoryList.forEach((c, position) =>
      tx.insert(categories).values({ ...c, position })
        .onConflictDoUpdate({ target: categories.slug, set: { name: c.name, blurb: c.blurb, position } }).run());
    for (const area of areaList) {
      tx.insert(localAuthorities).values({ slug: area.slug, name: area.name })
        .onConflictDoUpdate({ target: localAuthorities.slug, set: { name: area.name } }).run();
      for (const t of area.towns) {
        const row = { slug: t.slug, name: t.name, areaSlug: area.slug, lat: t.lat, lng: t.lng };
        tx.insert(towns).values(row).onConflictDoUpdate({ target: towns.slug, set: row }).run();
      }
    }
  });
}
