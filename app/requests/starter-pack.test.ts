// The starter pack as a new budget holder would notice it: groups near them, three likely
// providers that take their budget, prices to expect (and where they came from), a peer supporter.
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { mailOutbox } from "../../db/schema";
import { searchEngine } from "../../search/engine";
import { drainOutbox } from "../../search/outbox";
import { actorOf, anOrganisation, aService } from "../../tests/support/fixtures";
import { orderWorld, type World } from "../../tests/support/orders";
import { getBudgetAccount, openBudgetAccount } from "../budgets/budgets.server";
import { agreePlan, draftFor, saveDraft } from "../budgets/plans.server";
import { createService } from "../directory/listings.server";
import {
  approvePeerSupporter, askForPeerSupporter, declinePeerSupporter, offerPeerSupport, peerDemand, peerOffersToCheck, peerRequestOf, peerSupporterRecord, withdrawPeerSupport,
} from "./peers.server";
import { priceGuide, starterPack } from "./starter-pack.server";

let w: World;
const person = (email: string, name: string) =>
  db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'x') RETURNING id").pluck().get(email, name) as number;

const provider = (name: string, town: { slug: string; lat: number; lng: number }, over: Parameters<typeof aService>[1] = {}) => {
  const org = anOrganisation({ name, kind: "provider", townSlug: town.slug, lat: town.lat, lng: town.lng }).id;
  createService(aService(org, {
    name: `${name} help at home`, categorySlug: "help-at-home", pricePence: 2_000, priceUnit: "hour", paymentRoutes: ["direct-payment"],
    townSlug: town.slug, lat: town.lat, lng: town.lng, availability: [{ day: "mon", from: "09:00", to: "17:00" }], ...over,
  }));
  return org;
};

const OTLEY = { slug: "otley", lat: 53.905, lng: -1.694 };
const PUDSEY = { slug: "pudsey", lat: 53.796, lng: -1.661 };
const SHEFFIELD = { slug: "sheffield", lat: 53.3811, lng: -1.4701 };

beforeEach(async () => {
  w = orderWorld();
  const plan = draftFor(w.ids.budget, w.ids.holder);
  saveDraft(plan, {
    outcomes: ["Keep my flat as I like it"],
    lines: [
      { kind: "paid", category: "help-at-home", description: "Cleaning and shopping", planned: 30_000 },
      { kind: "community", category: "leisure-and-arts", description: "An art group", planned: 0 },
    ],
  }, w.ids.holder);
  agreePlan(plan, "Jo Smith, social worker", w.ids.holder);
});

const index = () => drainOutbox(db, searchEngine());

describe("three likely providers", () => {
  test("are near, take the person's kind of budget, come from three organisations, and are ranked by fit", async () => {
    provider("Near Every Day", OTLEY, { availability: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day: day as "mon", from: "09:00", to: "17:00" })) });
    provider("Pudsey Helpers", PUDSEY);
    provider("Card Only Carers", OTLEY, { paymentRoutes: ["self-funded"] });
    provider("Sheffield Helpers", SHEFFIELD);
    const group = anOrganisation({ name: "Otley Art Circle", kind: "community-group" }).id;
    createService(aService(group, { name: "Art circle", categorySlug: "leisure-and-arts" }));
    await index();

    const pack = await starterPack(getBudgetAccount(w.ids.budget)!, "otley");
    const names = pack.suggestions.map((s) => s.organisationName);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe("Near Every Day");
    expect(new Set(names)).toEqual(new Set(["Near Every Day", "Help at Home Otley", "Pudsey Helpers"]));
    expect(names).not.toContain("Card Only Carers");
    expect(names).not.toContain("Sheffield Helpers");
    // Not yet reviewed: the score the search documents carry is null until reviews exist.
    expect(pack.suggestions.every((s) => s.rating === null)).toBe(true);
    expect(pack.groups.map((g) => g.name)).toEqual(["Art circle"]);
  });
});

describe("the prices to expect", () => {
  function paidOrder(buyer: number, pricePence: number) {
    const budget = openBudgetAccount({ holderId: buyer, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: 100_000, periodDays: 28, startsOn: "2026-01-01" }, w.ids.admin);
    const order = db.$client.prepare(`INSERT INTO orders (service_id, organisation_id, buyer_id, placed_by, status, payment_method, budget_account_id, service_name, category,
      unit, unit_price_pence, quantity_hundredths, recurrence, starts_on) VALUES (?, ?, ?, ?, 'ended', 'budget', ?, 'Help', 'help-at-home', 'hour', ?, 100, 'one-off', '2026-02-03')
      RETURNING id`).pluck().get(w.ids.serviceId, w.ids.organisation, buyer, buyer, budget.id, pricePence) as number;
    db.$client.prepare("INSERT INTO occurrences (order_id, date, quantity_hundredths, amount_pence, status) VALUES (?, '2026-02-03', 100, ?, 'confirmed')").run(order, pricePence);
  }

  test("come from listed prices, labelled so, until five different people have paid; then from prices paid", () => {
    // An order nobody has confirmed a visit of is not a price paid (and its ids keep orders' and visits' ids apart).
    const unconfirmed = person("booked@example.org", "Booked Only");
    paidOrder(unconfirmed, 9_900);
    db.$client.prepare("UPDATE occurrences SET status = 'scheduled'").run();
    const listed = priceGuide("leeds", ["help-at-home"])[0]!;
    expect(listed).toMatchObject({ source: "listed", unit: "hour", low: 1_800, high: 1_800, count: 1 });

    const buyers = [1, 2, 3, 4, 5].map((i) => person(`buyer${i}@example.org`, `Buyer ${i}`));
    buyers.slice(0, 4).forEach((b, i) => paidOrder(b, 1_500 + i * 100));
    expect(priceGuide("leeds", ["help-at-home"])[0]).toMatchObject({ source: "listed" });
    // The same person paying twice does not count twice.
    paidOrder(buyers[0]!, 1_900);
    expect(priceGuide("leeds", ["help-at-home"])[0]).toMatchObject({ source: "listed" });

    paidOrder(buyers[4]!, 2_000);
    expect(priceGuide("leeds", ["help-at-home"])[0]).toEqual({
      category: "help-at-home", categoryName: "Help at home", unit: "hour", source: "paid", low: 1_625, median: 1_750, high: 1_875, count: 6,
    });
    // Another council's prices are its own.
    expect(priceGuide("bradford", ["help-at-home"])[0]).toMatchObject({ source: "none" });
  });
});

describe("a peer supporter", () => {
  test("the person is introduced to someone a moderator has checked in their area, never to themselves, and waits when nobody is", () => {
    const femi = person("femi@example.org", "Femi Ade");
    const bea = person("bea@example.org", "Bea Bradford");
    const approve = (id: number) => approvePeerSupporter(w.as.moderator(), id);
    offerPeerSupport(actorOf(bea), { areaSlug: "bradford", about: "I run a PA support group." });
    offerPeerSupport(w.as.holder(), { areaSlug: "leeds", about: "Happy to help." });
    approve(bea);
    approve(w.ids.holder);

    const asked = askForPeerSupporter(w.as.representative(), { personId: w.ids.holder, areaSlug: "leeds", message: "How do I find a PA?" });
    expect(asked.status).toBe("waiting");

    // Femi offers: nobody is introduced to him until a moderator has checked his offer.
    offerPeerSupport(actorOf(femi), { areaSlug: "leeds", about: "I have employed my own PAs for six years." });
    expect(peerRequestOf(w.ids.holder)).toMatchObject({ request: { status: "waiting", supporterId: null } });
    expect(peerOffersToCheck().map((o) => o.name)).toEqual(["Femi Ade"]);
    db.delete(mailOutbox).run();
    expect(approve(femi)).toEqual({ introduced: 1 });
    expect(peerRequestOf(w.ids.holder)).toMatchObject({ request: { status: "introduced", supporterId: femi }, supporterName: "Femi Ade", supporterEmail: "femi@example.org" });
    // Femi hears he is approved and that someone was introduced; the holder, who was waiting, that they have a supporter.
    expect(db.select().from(mailOutbox).all().map((m) => `${m.toAddress}: ${m.subject}`).sort()).toEqual([
      "femi@example.org: Someone has been introduced to you on Weave",
      "femi@example.org: Your offer of peer support on Weave is approved",
      "holder@example.org: You have been introduced to a peer supporter on Weave",
    ]);
    // Asking again keeps the one introduction.
    expect(askForPeerSupporter(w.as.holder(), { personId: w.ids.holder, areaSlug: "leeds", message: "Again" }).id).toBe(asked.id);
    expect(() => askForPeerSupporter(w.as.staff(), { personId: w.ids.holder, areaSlug: "leeds", message: "For someone else" })).toThrow(/only ask for yourself/);

    withdrawPeerSupport(actorOf(femi));
    const stranger = askForPeerSupporter(w.as.stranger(), { personId: w.ids.stranger, areaSlug: "leeds", message: "Hello" });
    // Femi has stopped offering; the holder offered in Leeds, so the stranger is introduced to them.
    expect(stranger).toMatchObject({ status: "introduced", supporterId: w.ids.holder });
    askForPeerSupporter(actorOf(bea), { personId: bea, areaSlug: "bradford", message: "Is there anyone?" });
    // For commissioners: counts by area only.
    expect(peerDemand(["bradford", "leeds"])).toEqual([
      { areaSlug: "bradford", waiting: 1, introduced: 0, supporters: 1 },
      { areaSlug: "leeds", waiting: 0, introduced: 2, supporters: 1 },
    ]);
  });

  test("only a moderator approves or declines; a declined person reads why; a changed offer is checked again before any introduction", () => {
    const femi = person("femi@example.org", "Femi Ade");
    offerPeerSupport(actorOf(femi), { areaSlug: "leeds", about: "Happy to talk." });
    for (const who of [w.as.holder(), w.as.staff(), actorOf(femi)]) {
      expect(() => approvePeerSupporter(who, femi)).toThrow(/Only moderators/);
      expect(() => declinePeerSupporter(who, femi, "No")).toThrow(/Only moderators/);
    }
    declinePeerSupporter(w.as.moderator(), femi, "We could not reach you on the number you gave.");
    expect(db.select().from(mailOutbox).all().map((m) => [m.toAddress, m.body.includes("We could not reach you on the number you gave.")])).toEqual([["femi@example.org", true]]);
    expect(peerSupporterRecord(femi)).toMatchObject({ approvedAt: null, declinedReason: "We could not reach you on the number you gave." });
    expect(peerOffersToCheck()).toEqual([]);
    expect(() => approvePeerSupporter(w.as.moderator(), femi)).toThrow(/withdrawn or declined/);

    // He offers again, is approved, then changes his words: checked again, and meanwhile nobody is introduced.
    offerPeerSupport(actorOf(femi), { areaSlug: "leeds", about: "Happy to talk; call me first." });
    approvePeerSupporter(w.as.moderator(), femi);
    offerPeerSupport(actorOf(femi), { areaSlug: "leeds", about: "Ring me any evening." });
    expect(askForPeerSupporter(w.as.holder(), { personId: w.ids.holder, areaSlug: "leeds", message: "Hello" }).status).toBe("waiting");
    expect(peerOffersToCheck().map((o) => o.supporter.about)).toEqual(["Ring me any evening."]);
  });
});
