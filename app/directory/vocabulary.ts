// The directory's fixed vocabularies: every value a listing, a filter or a facet can take.
// Slugs are what the URL, the database and the search index hold; labels are what people read.

export const categories = [
  { slug: "personal-care", name: "Personal care", blurb: "Help with washing, dressing, eating and medicines at home." },
  { slug: "help-at-home", name: "Help at home", blurb: "Cleaning, shopping, cooking and keeping the house going." },
  { slug: "day-activities", name: "Day activities", blurb: "Things to do in the day, with support if you need it." },
  { slug: "short-breaks", name: "Short breaks", blurb: "Time away, or a break for the people who care for you." },
  { slug: "befriending", name: "Befriending", blurb: "Someone to talk to, go out with and keep in touch." },
  { slug: "peer-support", name: "Peer support", blurb: "Support from people who have been through it too." },
  { slug: "employment-support", name: "Employment support", blurb: "Finding, getting and keeping work or volunteering." },
  { slug: "transport", name: "Transport", blurb: "Getting out and about: lifts, accessible taxis, travel training." },
  { slug: "equipment", name: "Equipment and assistive technology", blurb: "Aids, adaptations and technology that make life easier." },
  { slug: "housing-support", name: "Housing support", blurb: "Help to find, keep and manage a home." },
  { slug: "advocacy", name: "Advocacy", blurb: "Someone on your side to help you be heard." },
  { slug: "budget-management", name: "Budget management services", blurb: "Help to manage a direct payment, payroll and paperwork." },
  { slug: "leisure-and-arts", name: "Leisure and arts", blurb: "Sport, music, art, clubs and groups." },
  { slug: "health-and-wellbeing", name: "Health and wellbeing", blurb: "Keeping well: exercise, therapies, mental health support." },
  { slug: "training-for-pas", name: "Training for personal assistants", blurb: "Courses for the PAs you employ." },
] as const;
export type CategorySlug = (typeof categories)[number]["slug"];

export const organisationKinds = [
  { slug: "provider", name: "Registered provider" },
  { slug: "micro-enterprise", name: "Micro-enterprise" },
  { slug: "community-group", name: "Community group" },
  { slug: "user-led", name: "User-led organisation" },
  { slug: "peer-network", name: "Peer network" },
] as const;
export type OrganisationKind = (typeof organisationKinds)[number]["slug"];

/** The most staff a micro-enterprise can have: the sector's own definition (five or fewer). */
export const MICRO_ENTERPRISE_MAX_STAFF = 5;

/** What a kind adds to its name wherever it is shown, so a micro-enterprise always says what it is. */
export const kindQualifier = (kind: string) => (kind === "micro-enterprise" ? "(five or fewer staff)" : null);

/** "Micro-enterprise (five or fewer staff)", "Community group". */
export const kindLabel = (kind: string) => [nameOf(organisationKinds, kind), kindQualifier(kind)].filter(Boolean).join(" ");

export const priceUnits = [
  { slug: "hour", name: "an hour" },
  { slug: "session", name: "a session" },
  { slug: "day", name: "a day" },
  { slug: "week", name: "a week" },
  { slug: "item", name: "each" },
  { slug: "free", name: "free" },
] as const;
export type PriceUnit = (typeof priceUnits)[number]["slug"];

// Bands compare the price per unit, whatever the unit: a person scanning for "cheap" wants that.
export const priceBands = [
  { slug: "free", name: "Free", min: 0, max: 0 },
  { slug: "under-10", name: "Up to £10", min: 1, max: 1000 },
  { slug: "10-25", name: "£10 to £25", min: 1001, max: 2500 },
  { slug: "25-50", name: "£25 to £50", min: 2501, max: 5000 },
  { slug: "over-50", name: "Over £50", min: 5001, max: Number.MAX_SAFE_INTEGER },
] as const;
export type PriceBand = (typeof priceBands)[number]["slug"];

export function priceBandOf(pricePence: number, unit: string): PriceBand {
  if (unit === "free" || pricePence === 0) return "free";
  return priceBands.find((b) => pricePence >= b.min && pricePence <= b.max)!.slug;
}

export const deliveryModes = [
  { slug: "home", name: "At home" },
  { slug: "community", name: "In the community" },
  { slug: "online", name: "Online or by phone" },
] as const;
export type DeliveryMode = (typeof deliveryModes)[number]["slug"];

export const days = [
  { slug: "mon", name: "Monday" },
  { slug: "tue", name: "Tuesday" },
  { slug: "wed", name: "Wednesday" },
  { slug: "thu", name: "Thursday" },
  { slug: "fri", name: "Friday" },
  { slug: "sat", name: "Saturday" },
  { slug: "sun", name: "Sunday" },
] as const;
export type Day = (typeof days)[number]["slug"];

export const accessibilityFeatures = [
  { slug: "wheelchair", name: "Wheelchair accessible" },
  { slug: "accessible-toilet", name: "Accessible toilet" },
  { slug: "changing-places", name: "Changing Places toilet" },
  { slug: "hearing-loop", name: "Hearing loop" },
  { slug: "bsl", name: "British Sign Language" },
  { slug: "easy-read", name: "Easy read information" },
  { slug: "large-print", name: "Large print" },
  { slug: "quiet-space", name: "Quiet space" },
] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number]["slug"];

export const paymentRoutes = [
  { slug: "direct-payment", name: "Direct payment" },
  { slug: "isf", name: "Individual Service Fund" },
  { slug: "council-managed", name: "Council-managed budget" },
  { slug: "self-funded", name: "Paying for yourself" },
] as const;
export type PaymentRoute = (typeof paymentRoutes)[number]["slug"];

export const cqcRatings = ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not yet rated"] as const;
export type CqcRating = (typeof cqcRatings)[number];

export const languages = ["English", "Urdu", "Punjabi", "Polish", "Bengali", "Arabic", "Gujarati", "Romanian", "British Sign Language"] as const;

export type Slugged = { readonly slug: string; readonly name: string };
export const slugsOf = <T extends readonly Slugged[]>(list: T) =>
  list.map((x) => x.slug) as unknown as [T[number]["slug"], ...T[number]["slug"][]];
export const nameOf = (list: readonly Slugged[], slug: string) => list.find((x) => x.slug === slug)?.name ?? slug;
