// A deterministic demo region: the same seed and size always give the same listings, so demo
// data, tests and benchmarks agree. Dates are counted back from `today`.
import { localAuthorities, type LocalAuthority, type Town } from "../app/directory/region";
import {
  accessibilityFeatures, categories, cqcRatings, days, languages, type AccessibilityFeature, type CategorySlug, type CqcRating,
  type Day, type OrganisationKind, type PaymentRoute, type PriceUnit,
} from "../app/directory/vocabulary";
import type { Availability } from "../db/schema";
import { audiences, categoryWords, firstNames, organisationNames, qualities, saints, surnames } from "./words";

export type SeedService = {
  name: string; categorySlug: CategorySlug; description: string; pricePence: number; priceUnit: PriceUnit;
  deliveryModes: ("home" | "community" | "online")[]; availability: Availability[]; capacityFree: number | null;
  accessibility: AccessibilityFeature[]; languages: string[]; paymentRoutes: PaymentRoute[];
  townSlug: string; postcode: string; lat: number; lng: number; radiusMiles: number; createdAt: string; updatedAt: string;
};
export type SeedOrganisation = {
  name: string; kind: OrganisationKind; description: string; phone: string; email: string; website: string;
  addressLine: string; townSlug: string; postcode: string; lat: number; lng: number; areaServed: string; staffCount: number;
  cqcLocationId: string | null; cqcRating: CqcRating | null; cqcRatingDate: string | null;
  dbsChecked: boolean; insured: boolean; safeguardingTrained: boolean; createdAt: string; updatedAt: string;
  services: SeedService[];
};

/** mulberry32: small, fast and the same on every machine. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const chance = (p: number) => next() < p;
  const subset = <T>(list: readonly T[], p: number) => list.filter(() => next() < p);
  const shuffled = <T>(list: readonly T[]) => list.map((x) => [next(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  return { next, int, pick, weighted, chance, subset, shuffled };
}

const AREA_WEIGHT: Record<string, number> = {
  leeds: 8, sheffield: 6, bradford: 5.5, "north-yorkshire": 6, kirklees: 4.5, wakefield: 3.5, "east-riding": 3.5,
  doncaster: 3, hull: 2.6, rotherham: 2.6, barnsley: 2.5, calderdale: 2, york: 2, "north-east-lincolnshire": 1.6,
  "north-lincolnshire": 1.7,
};
const KINDS: [OrganisationKind, number][] = [["provider", 35], ["micro-enterprise", 30], ["community-group", 20], ["user-led", 8], ["peer-network", 7]];
const SERVICES_PER_KIND: Record<OrganisationKind, [number, number]> = {
  provider: [2, 8], "micro-enterprise": [1, 3], "community-group": [1, 3], "user-led": [1, 4], "peer-network": [1, 2],
};
const CATEGORIES_BY_KIND: Record<OrganisationKind, CategorySlug[]> = {
  provider: ["personal-care", "help-at-home", "day-activities", "short-breaks", "housing-support", "employment-support",
    "budget-management", "transport", "equipment", "training-for-pas", "befriending"],
  "micro-enterprise": ["personal-care", "help-at-home", "befriending", "leisure-and-arts", "health-and-wellbeing", "transport",
    "day-activities", "training-for-pas"],
  "community-group": ["befriending", "leisure-and-arts", "health-and-wellbeing", "day-activities", "peer-support", "transport"],
  "user-led": ["advocacy", "peer-support", "employment-support", "budget-management", "befriending"],
  "peer-network": ["peer-support", "advocacy", "befriending"],
};
const VOLUNTARY: OrganisationKind[] = ["community-group", "user-led", "peer-network"];
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

export function generateRegion(options: { listings: number; seed?: number; today?: Date }): SeedOrganisation[] {
  const r = randomSource(options.seed ?? 20261123);
  const today = (options.today ?? new Date()).getTime();
  const daysAgo = (n: number) => new Date(today - n * 86_400_000).toISOString();
  const areas = localAuthorities.map((a) => [a, AREA_WEIGHT[a.slug] ?? 1] as const);
  const usedNames = new Set<string>();
  const organisations: SeedOrganisation[] = [];
  let remaining = options.listings;

  const postcodeIn = (t: Town) => `${r.pick(t.postcodeDistricts)} ${r.int(1, 9)}${r.pick([...INWARD_LETTERS])}${r.pick([...INWARD_LETTERS])}`;
  // Most listings were confirmed this year; about one in seven has not been for over a year (stale).
  const checkedDaysAgo = () => (r.chance(0.86) ? Math.floor(r.next() ** 1.6 * 330) : r.int(370, 900));

  while (remaining > 0) {
    const area: LocalAuthority = r.weighted(areas);
    const town = r.weighted(area.towns.map((t, i) => [t, i === 0 ? 3 : 1] as const));
    const kind = r.weighted(KINDS);
    const voluntary = VOLUNTARY.includes(kind);
    const naming = { town: town.name, area: area.name, surname: r.pick(surnames), first: r.pick(firstNames), quality: r.pick(qualities), saint: r.pick(saints) };
    let name = r.pick(organisationNames[kind]!)(naming);
    if (usedNames.has(name)) name = `${name} (${town.name})`;
    for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \d+$/, "")} ${n}`;
    usedNames.add(name);

    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const lat = +(town.lat + (r.next() - 0.5) * 0.05).toFixed(5);
    const lng = +(town.lng + (r.next() - 0.5) * 0.08).toFixed(5);
    const postcode = postcodeIn(town);
    const registered = kind === "provider" && r.chance(0.85);
    const staffCount = kind === "micro-enterprise" ? r.int(1, 5) : kind === "provider" ? r.int(8, 250) : r.int(0, 12);
    const orgCreated = r.int(400, 3000);
    const orgChecked = checkedDaysAgo();
    const focus = r.shuffled(CATEGORIES_BY_KIND[kind]).slice(0, r.int(1, 3));
    const [minServices, maxServices] = SERVICES_PER_KIND[kind];
    const serviceCount = Math.min(remaining, r.int(minServices, maxServices));

    const services: SeedService[] = [];
    for (let i = 0; i < serviceCount; i++) {
      const category = focus[i % focus.length]!;
      const words = categoryWords[category];
      const audience = r.pick(audiences);
      const baseTitle = r.pick(words.titles);
      const title = r.chance(0.35) ? `${baseTitle} for ${audience}` : r.chance(0.4) ? `${baseTitle} in ${town.name}` : baseTitle;
      const free = r.chance(voluntary ? Math.min(0.95, words.freeShare * 1.3) : words.freeShare * 0.2);
      const price = r.weighted(words.prices.map((p) => [p, p.weight] as const));
      const pricePence = free ? 0 : Math.round(r.int(price.min, price.max) / 50) * 50;
      const [from, to] = r.pick(words.hours);
      const open: Day[] = words.delivery.includes("home") && r.chance(0.6)
        ? days.map((d) => d.slug)
        : words.freeShare >= 0.5 || voluntary
          ? r.shuffled(days.slice(0, 6).map((d) => d.slug)).slice(0, r.int(1, 2))
          : r.chance(0.6) ? days.slice(0, 5).map((d) => d.slug) : r.shuffled(days.map((d) => d.slug)).slice(0, r.int(2, 4));
      const delivery = words.delivery.length === 1 ? words.delivery : r.subset(words.delivery, 0.6);
      const sentences = r.shuffled(words.sentences).slice(0, r.int(2, 3)).join(" ");
      const checked = Math.min(checkedDaysAgo(), orgCreated);
      services.push({
        name: title,
        categorySlug: category,
        description: `${sentences} For ${audience} in and around ${town.name}.`,
        pricePence,
        priceUnit: free ? "free" : price.unit,
        deliveryModes: delivery.length ? delivery : [words.delivery[0]!],
        availability: days.map((d) => d.slug).filter((d) => open.includes(d)).map((day) => ({ day, from, to })),
        capacityFree: r.chance(0.8) ? r.int(0, 12) : null,
        accessibility: r.subset(accessibilityFeatures.map((a) => a.slug), 0.3),
        languages: ["English", ...r.subset(languages.slice(1), 0.08)],
        paymentRoutes: [
          ...(free ? [] : (["direct-payment"] as const)),
          ...(kind === "provider" && r.chance(0.5) ? (["isf"] as const) : []),
          ...(kind === "provider" && r.chance(0.7) ? (["council-managed"] as const) : []),
          "self-funded" as const,
        ],
        townSlug: town.slug,
        postcode,
        lat: +(lat + (r.next() - 0.5) * 0.01).toFixed(5),
        lng: +(lng + (r.next() - 0.5) * 0.015).toFixed(5),
        radiusMiles: words.delivery.includes("home") ? r.pick([5, 8, 10, 15, 20]) : r.pick([3, 5, 10]),
        createdAt: daysAgo(orgCreated - r.int(0, 100)),
        updatedAt: daysAgo(checked),
      });
    }
    remaining -= services.length;

    organisations.push({
      name,
      kind,
      description: `${name} is a ${kindPhrase(kind)} based in ${town.name}. We offer ${focus
        .map((c) => categories.find((x) => x.slug === c)!.name.toLowerCase()).join(", ")} for people in ${area.name}.`,
      phone: `01632 960${String(r.int(0, 999)).padStart(3, "0")}`,
      email: `hello@${slug}.example.org`,
      website: `https://${slug}.example.org`,
      addressLine: `${r.int(1, 220)} ${r.pick(["High Street", "Station Road", "Church Lane", "Market Place", "Park Road", "Mill Lane", "Victoria Road"])}`,
      townSlug: town.slug,
      postcode,
      lat,
      lng,
      areaServed: r.chance(0.6) ? `${town.name} and nearby` : `All of ${area.name}`,
      staffCount,
      cqcLocationId: registered ? `1-${r.int(100000000, 999999999)}` : null,
      cqcRating: registered ? r.weighted(cqcRatings.map((c, i) => [c, [10, 65, 15, 2, 8][i]!] as const)) : null,
      cqcRatingDate: registered ? daysAgo(r.int(60, 1400)).slice(0, 10) : null,
      dbsChecked: r.chance(kind === "provider" ? 0.97 : kind === "micro-enterprise" ? 0.85 : 0.5),
      insured: r.chance(kind === "provider" ? 1 : kind === "micro-enterprise" ? 0.9 : 0.6),
      safeguardingTrained: r.chance(kind === "provider" ? 0.95 : kind === "micro-enterprise" ? 0.75 : 0.55),
      createdAt: daysAgo(orgCreated),
      updatedAt: daysAgo(Math.min(orgChecked, orgCreated)),
      services,
    });
  }
  return organisations;
}

function kindPhrase(kind: OrganisationKind) {
  return {
    provider: "registered care and support provider",
    "micro-enterprise": "small local business (five or fewer staff)",
    "community-group": "community group run by local volunteers",
    "user-led": "user-led organisation run by disabled people",
    "peer-network": "peer network of people who use support",
  }[kind];
}
