// The sections built on other capabilities' data — ratings, "looking for" posts and requests for
// quotes — withhold a category built from 4 people and show it from 5, and never carry the words
// people wrote.
import { beforeEach, expect, test } from "vitest";
import { db } from "../../db/client";
import { clearData } from "../../seeds/load";
import { anOrganisation, aService } from "../../tests/support/fixtures";
import { createService } from "../directory/listings.server";
import { insightsDashboard, insightsTable } from "./dashboard.server";
import type { InsightsFilter } from "./filter";

const filter: InsightsFilter = { from: "2026-01", to: "2026-12", category: null };
let service = 0;
let organisation = 0;
let nextPerson = 0;

beforeEach(() => {
  db.transaction((tx) => clearData(tx));
  organisation = anOrganisation({ name: "Otley Swimming Friends" }).id;
  service = createService(aService(organisation, { categorySlug: "leisure-and-arts", townSlug: "otley" }));
});

const person = () => db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, 'Zebedee Quixotic', 'x') RETURNING id")
  .pluck().get(`p${++nextPerson}@example.org`) as number;

function reviewedBy(people: number, overall: number) {
  for (let i = 0; i < people; i++) {
    const id = person();
    db.$client.prepare(`INSERT INTO reviews (service_id, organisation_id, person_id, author_id, basis, reliability, communication, value, helped_me, overall,
      body, submitted_at, publish_at) VALUES (?, ?, ?, ?, 'attended', 4, 4, 4, 4, ?, 'Marmalade and Zebedee', '2026-03-02T10:00:00.000Z', '2026-03-09T10:00:00.000Z')`)
      .run(service, organisation, id, id, overall);
  }
}

function postedBy(people: number, kind = "looking-for") {
  for (let i = 0; i < people; i++) {
    const id = person();
    db.$client.prepare(`INSERT INTO support_requests (kind, person_id, created_by, category, area_slug, town_slug, description, when_text, expires_at, created_at)
      VALUES (?, ?, ?, 'leisure-and-arts', 'leeds', 'otley', 'Someone to swim with, Marmalade', 'Saturdays', '2026-04-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`).run(kind, id, id);
  }
}

const row = (table: string, key: string) => insightsTable("leeds", filter, table)!.rows.find((r) => r.key === key)!;

test("ratings of a category reviewed by 4 people are withheld; by 5 they show, with the average overall", () => {
  reviewedBy(4, 5);
  expect(row("ratings-by-category", "leisure-and-arts")).toMatchObject({ withheld: "few", values: { reviews: null, average: null, people: null } });
  expect(row("ratings-by-month", "2026-03").withheld).toBe("few");
  reviewedBy(1, 3);
  expect(row("ratings-by-category", "leisure-and-arts")).toMatchObject({ withheld: null, values: { reviews: 5, average: 460, people: 5 } });
  expect(row("ratings-by-month", "2026-03").values.average).toBe(460);
});

test("looking-for posts and requests for quotes: 4 people withheld, 5 shown, unanswered counted", () => {
  postedBy(3);
  postedBy(1, "quotes");
  expect(row("requests", "leisure-and-arts").withheld).toBe("few");
  postedBy(1);
  expect(row("requests", "leisure-and-arts")).toMatchObject({ withheld: null, values: { posts: 4, quotes: 1, unanswered: 5, accepted: 0, people: 5 } });
});

/** `people` people on the waiting list of one full group offer in Leeds. */
function waitingFor(people: number) {
  const c = db.$client;
  const opener = person();
  const offer = c.prepare(`INSERT INTO consortium_offers (service_id, organisation_id, opened_by, title, description, category, area_slug, unit, individual_price_pence,
      tiers, min_members, max_members, quantity_hundredths, recurrence, pledge_deadline, starts_on, term_weeks, notice_weeks)
    VALUES (?, ?, ?, 'Swimming group', 'Marmalade', 'leisure-and-arts', 'leeds', 'session', 2000, '[{"members":2,"pricePence":1500}]', 2, 3, 100, 'weekly',
      '2026-05-01T17:00:00.000Z', '2026-05-08', 12, 2) RETURNING id`).pluck().get(service, organisation, opener) as number;
  for (let i = 0; i < people; i++) {
    const id = person();
    const budget = c.prepare(`INSERT INTO budget_accounts (holder_id, area_slug, arrangement, annual_allocation_pence, period_days, starts_on)
      VALUES (?, 'leeds', 'direct-payment', 100000, 28, '2026-01-01') RETURNING id`).pluck().get(id) as number;
    c.prepare("INSERT INTO consortium_pledges (offer_id, holder_id, pledged_by, budget_account_id, display_name, status) VALUES (?, ?, ?, ?, 'Zebedee', 'waiting')")
      .run(offer, id, id, budget);
  }
}

test("group offers with people waiting: 4 people withheld, 5 shown", () => {
  waitingFor(4);
  expect(row("group-waiting-lists", "leisure-and-arts").withheld).toBe("few");
  waitingFor(1);
  expect(row("group-waiting-lists", "leisure-and-arts")).toMatchObject({ withheld: null, values: { offers: 2, people: 5 } });
});

test("the sections carry no words people wrote and no person's name", () => {
  reviewedBy(6, 4);
  postedBy(6);
  const json = JSON.stringify(insightsDashboard("leeds", filter));
  for (const word of ["Marmalade", "Zebedee", "Quixotic", "@example.org"]) expect(json).not.toContain(word);
});

test("why providers declined: the reason the provider chose is counted, withheld below 5 people", async () => {
  const { orderWorld, placed } = await import("../../tests/support/orders");
  const { declineOrder } = await import("../purchasing/orders.server");
  const w = orderWorld();
  declineOrder(w.as.staff(), placed(w), "Sorry, our Tuesday carer has left", "times");
  expect(db.$client.prepare("SELECT reason, declines FROM insight_decline_reason_years").all()).toEqual([{ reason: "times", declines: 1 }]);
  const month = db.$client.prepare("SELECT substr(updated_at, 1, 7) FROM orders").pluck().get() as string;
  const f: InsightsFilter = { from: month, to: month, category: null };
  expect(insightsTable("leeds", f, "decline-reasons")!.rows).toEqual([expect.objectContaining({ key: "times", withheld: "few" })]);
  for (let i = 0; i < 4; i++) {
    // (As recordDecline writes them: by reason, and by category and town.)
    db.$client.prepare(`INSERT INTO insight_decline_reason_years VALUES ('leeds', ?, 'help-at-home', 'times', ?, ?, 1)`)
      .run(Number(month.slice(0, 4)), 90_000 + i, 1 << (Number(month.slice(5, 7)) - 1));
    db.$client.prepare(`INSERT INTO insight_decline_years VALUES ('leeds', ?, 'help-at-home', 'otley', ?, ?, 1)`)
      .run(Number(month.slice(0, 4)), 90_000 + i, 1 << (Number(month.slice(5, 7)) - 1));
  }
  expect(insightsTable("leeds", f, "decline-reasons")!.rows).toEqual([expect.objectContaining({ key: "times", withheld: null, values: { declines: 5, people: 5 } })]);
  expect(JSON.stringify(insightsDashboard("leeds", f))).not.toContain("Tuesday carer");
});
