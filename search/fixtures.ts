// Hand-made documents for the search contract suite: few enough to reason about, varied enough
// that every filter, facet and sort has something to find and something to leave out.
import type { ServiceDocument } from "./port";

const place = {
  leeds: { town: "leeds", townName: "Leeds", area: "leeds", areaName: "Leeds", lat: 53.7997, lng: -1.5492 },
  headingley: { town: "headingley", townName: "Headingley", area: "leeds", areaName: "Leeds", lat: 53.819, lng: -1.579 },
  morley: { town: "morley", townName: "Morley", area: "leeds", areaName: "Leeds", lat: 53.74, lng: -1.6 },
  pudsey: { town: "pudsey", townName: "Pudsey", area: "leeds", areaName: "Leeds", lat: 53.796, lng: -1.661 },
  bradford: { town: "bradford", townName: "Bradford", area: "bradford", areaName: "Bradford", lat: 53.796, lng: -1.7594 },
  wakefield: { town: "wakefield", townName: "Wakefield", area: "wakefield", areaName: "Wakefield", lat: 53.6833, lng: -1.4977 },
  halifax: { town: "halifax", townName: "Halifax", area: "calderdale", areaName: "Calderdale", lat: 53.7248, lng: -1.8658 },
  sheffield: { town: "sheffield", townName: "Sheffield", area: "sheffield", areaName: "Sheffield", lat: 53.3811, lng: -1.4701 },
  york: { town: "york", townName: "York", area: "york", areaName: "York", lat: 53.959, lng: -1.0815 },
  harrogate: { town: "harrogate", townName: "Harrogate", area: "north-yorkshire", areaName: "North Yorkshire", lat: 53.9921, lng: -1.5418 },
  hull: { town: "hull", townName: "Hull", area: "hull", areaName: "Kingston upon Hull", lat: 53.7446, lng: -0.3352 },
} as const;

const base = {
  postcode: null, delivery: ["community"], days: ["mon"], accessibility: [], payment: ["self-funded"],
  vetting: { cqcRating: null, dbsChecked: true, insured: true, safeguardingTrained: true },
  rating: null, ratingCount: 0, updatedAt: "2026-10-01T09:00:00.000Z", organisationKind: "community-group",
} as const;

type Doc = Partial<ServiceDocument> & Pick<ServiceDocument, "id" | "title" | "description" | "category" | "organisationName" | "pricePence" | "priceUnit">;
const doc = (d: Doc, at: (typeof place)[keyof typeof place]): ServiceDocument =>
  ({ ...base, organisationId: d.id * 10, ...at, ...d } as ServiceDocument);

export const fixtureDocuments: ServiceDocument[] = [
  doc({ id: 1, title: "Befriending service", description: "A volunteer visits you every week for a chat and a cup of tea.",
    category: "befriending", organisationName: "Leeds Friendship Network", organisationKind: "peer-network", pricePence: 0, priceUnit: "free",
    delivery: ["home", "community"], days: ["mon", "wed"], accessibility: ["wheelchair"], payment: ["self-funded", "direct-payment"], rating: 4.6, ratingCount: 12 }, place.leeds),
  doc({ id: 2, title: "Telephone befriending", description: "Regular phone calls from a friendly volunteer.",
    category: "befriending", organisationName: "Sheffield Good Neighbours", pricePence: 0, priceUnit: "free",
    delivery: ["online"], days: ["tue"], rating: 3.1, ratingCount: 6 }, place.sheffield),
  doc({ id: 3, title: "Walk and talk", description: "Gentle walks in the park with our befriending volunteers.",
    category: "health-and-wellbeing", organisationName: "Headingley Walkers", pricePence: 300, priceUnit: "session",
    days: ["sat"], payment: ["self-funded", "direct-payment"], rating: 3.9, ratingCount: 8 }, place.headingley),
  doc({ id: 4, title: "Home care visits", description: "Help with washing, dressing and medicines from a small team.",
    category: "personal-care", organisationName: "Bright Support Ltd", organisationKind: "provider", pricePence: 2200, priceUnit: "hour",
    delivery: ["home"], days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], accessibility: ["bsl"],
    payment: ["direct-payment", "isf", "council-managed", "self-funded"], rating: 4.2, ratingCount: 30,
    vetting: { cqcRating: "Good", dbsChecked: true, insured: true, safeguardingTrained: true }, groupOffer: true }, place.leeds),
  doc({ id: 5, title: "Personal care at home", description: "Morning and evening calls, seven days a week.",
    category: "personal-care", organisationName: "Steady Hands York", organisationKind: "provider", pricePence: 2400, priceUnit: "hour",
    delivery: ["home"], days: ["mon", "tue", "wed", "thu", "fri"], payment: ["direct-payment", "council-managed"], rating: 4.8, ratingCount: 41 }, place.york),
  doc({ id: 6, title: "Day centre", description: "Cooking, gardening and trips out, with support for personal needs.",
    category: "day-activities", organisationName: "Pudsey Day Opportunities", organisationKind: "provider", pricePence: 4500, priceUnit: "day",
    days: ["mon", "tue", "wed", "thu", "fri"], accessibility: ["wheelchair", "accessible-toilet", "changing-places"],
    payment: ["direct-payment", "isf"] }, place.pudsey),
  doc({ id: 7, title: "Accessible minibus", description: "Door-to-door transport for shopping and appointments.",
    category: "transport", organisationName: "Wakefield Community Transport", organisationKind: "user-led", pricePence: 600, priceUnit: "item",
    delivery: ["home", "community"], days: ["mon", "tue", "wed", "thu", "fri"], accessibility: ["wheelchair"],
    payment: ["direct-payment", "self-funded"], rating: 4.0, ratingCount: 9 }, place.wakefield),
  doc({ id: 8, title: "Art group", description: "Painting and drawing for all abilities; carers come free.",
    category: "leisure-and-arts", organisationName: "Halifax Arts Collective", pricePence: 500, priceUnit: "session",
    days: ["thu"], accessibility: ["quiet-space", "easy-read"], payment: ["self-funded", "direct-payment"], rating: 4.4, ratingCount: 15, groupOffer: true }, place.halifax),
  doc({ id: 9, title: "Shopping and errands", description: "Help with the weekly shop, prescriptions and small jobs around the house.",
    category: "help-at-home", organisationName: "Amir's Home Help", organisationKind: "micro-enterprise", pricePence: 1600, priceUnit: "hour",
    delivery: ["home"], days: ["mon", "tue", "wed", "thu", "fri"], payment: ["direct-payment", "self-funded"] }, place.morley),
  doc({ id: 10, title: "Independent advocacy", description: "An advocate helps you say what you want at reviews and meetings.",
    category: "advocacy", organisationName: "Bradford People First", organisationKind: "user-led", pricePence: 0, priceUnit: "free",
    delivery: ["home", "community", "online"], days: ["mon", "wed", "fri"], accessibility: ["easy-read", "bsl"], rating: 4.9, ratingCount: 3 }, place.bradford),
  doc({ id: 11, title: "Payroll for personal assistants", description: "We pay your PAs and send the council its returns.",
    category: "budget-management", organisationName: "Humber Direct Payment Support", organisationKind: "provider", pricePence: 1200, priceUnit: "week",
    delivery: ["online"], days: ["mon", "tue", "wed", "thu", "fri"], payment: ["direct-payment", "isf"] }, place.hull),
  doc({ id: 12, title: "Short breaks by the sea", description: "Accessible rooms and support day and night.",
    category: "short-breaks", organisationName: "Harrogate Holidays with Support", organisationKind: "provider", pricePence: 12000, priceUnit: "day",
    days: ["fri", "sat", "sun"], accessibility: ["wheelchair", "accessible-toilet"], payment: ["direct-payment", "council-managed"], rating: 2.5, ratingCount: 4,
    updatedAt: "2024-06-01T09:00:00.000Z" }, place.harrogate),
  // "carer", one letter from the "carers" in the art group's description.
  doc({ id: 13, title: "Young carer drop-in", description: "A listening ear and time out, after school.",
    category: "health-and-wellbeing", organisationName: "Calder Valley Youth Trust", pricePence: 0, priceUnit: "free",
    days: ["wed"], payment: ["self-funded"] }, place.halifax),
  // Twenty-five gardening clubs, for paging: the same words, different prices and places.
  ...Array.from({ length: 25 }, (_, i) => doc({
    id: 100 + i, title: `Gardening club ${i + 1}`, description: "Grow vegetables and flowers with friendly people.",
    category: "leisure-and-arts", organisationName: `Green Fingers ${i + 1}`, pricePence: 100 * (i % 7), priceUnit: i % 7 === 0 ? "free" : "session",
    days: [["mon", "tue", "wed", "thu", "fri", "sat", "sun"][i % 7]!] as ServiceDocument["days"], rating: i % 3 === 0 ? null : 3 + (i % 5) * 0.4,
  }, [place.leeds, place.bradford, place.york, place.harrogate, place.halifax][i % 5]!)),
];
