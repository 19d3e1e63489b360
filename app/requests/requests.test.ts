// Looking-for posts and requests for quotes, as the people involved would notice them: who can
// see a request, that the person stays anonymous until they accept, and that an accepted offer
// is an ordinary order at the offered price that the council's rules still apply to.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { mailOutbox, memberships, orders, requestOffers, supportRequests } from "../../db/schema";
import { actorOf, anOrganisation, aService } from "../../tests/support/fixtures";
import { at, orderWorld, type World } from "../../tests/support/orders";
import { balancesOf } from "../budgets/budgets.server";
import { agreePlan, draftFor, saveDraft } from "../budgets/plans.server";
import { createService } from "../directory/listings.server";
import { acceptOrder } from "../purchasing/orders.server";
import { enquiriesFor, enquiryMessages, HIDDEN_BUYER } from "../purchasing/messages.server";
import { PostForm, type OfferValues, type PostValues } from "./request-form";
import {
  acceptOffer, askAboutOffer, closeRequest, declineOffer, demandSignals, makeOffer, postLookingFor, renewRequest, requestForPerson, requestForProvider,
  requestQuotes, requestsForProvider, requestsOf,
} from "./requests.server";

let w: World;
/** Staff of a help-at-home provider in Bradford (another area), and of a Leeds provider of another kind of support. */
let bradfordStaff: number, otherKindStaff: number, secondStaff: number, secondService: number;

const person = (email: string, name: string) =>
  db.$client.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'x') RETURNING id").pluck().get(email, name) as number;

beforeEach(() => {
  w = orderWorld();
  const bradford = anOrganisation({ name: "Bradford Home Help", townSlug: "bradford", lat: 53.796, lng: -1.7594 }).id;
  createService(aService(bradford, { name: "Home help in Bradford", categorySlug: "help-at-home", pricePence: 1_700, priceUnit: "hour", townSlug: "bradford", lat: 53.796, lng: -1.7594, paymentRoutes: ["direct-payment"] }));
  const otherKind = anOrganisation({ name: "Otley Art Club" }).id;
  createService(aService(otherKind, { name: "Painting in Otley", categorySlug: "leisure-and-arts", pricePence: 500, priceUnit: "session" }));
  const second = anOrganisation({ name: "Wharfedale Helpers" }).id;
  secondService = createService(aService(second, { name: "Home help in Wharfedale", categorySlug: "help-at-home", pricePence: 1_600, priceUnit: "hour", paymentRoutes: ["direct-payment"] }));
  secondStaff = person("second@example.org", "Sol Second");
  bradfordStaff = person("bradford@example.org", "Bea Bradford");
  otherKindStaff = person("art@example.org", "Art Staff");
  db.insert(memberships).values([{ userId: bradfordStaff, organisationId: bradford, role: "owner" }, { userId: otherKindStaff, organisationId: otherKind, role: "owner" },
    { userId: secondStaff, organisationId: second, role: "owner" }]).run();
});

const NOW = at("2026-02-01");

function post(values: Partial<PostValues> = {}, by = w.as.holder(), now = NOW) {
  const r = postLookingFor(by, w.ids.holder, {
    description: "Someone to help me keep the flat tidy and do a big shop each week", category: "help-at-home", townSlug: "otley",
    whenText: "Tuesday mornings", budgetMin: 1_500, budgetMax: 2_000, sendAsItIs: false, ...values,
  }, now);
  if (!r.ok) throw new Error(`post refused: ${JSON.stringify(r.errors)}`);
  return r.id;
}

const offerValues = (over: Partial<OfferValues> = {}): OfferValues => ({
  serviceId: w.ids.serviceId, price: 1_650, quantity: 200, recurrence: "weekly", startsOn: "2026-02-03", timeFrom: "10:00", timeTo: "12:00",
  message: "We have a friendly helper free on Tuesdays.", ...over,
});

describe("who can see a request", () => {
  test("a provider outside the post's area, or of another kind of support, cannot see it; one in both can", () => {
    const id = post();
    const seen = (userId: number) => requestsForProvider(actorOf(userId), 1, NOW).rows.map((r) => r.request.id);
    expect(seen(w.ids.staff)).toEqual([id]);
    expect(requestForProvider(w.as.staff(), id, NOW)).toMatchObject({ canOffer: true, request: { id, townName: "Otley", categoryName: "Help at home" } });

    expect(seen(bradfordStaff)).toEqual([]);
    expect(requestForProvider(actorOf(bradfordStaff), id, NOW)).toBe("forbidden");
    expect(() => makeOffer(actorOf(bradfordStaff), id, offerValues(), NOW)).toThrow(/Only providers with services of this kind in this area/);

    expect(seen(otherKindStaff)).toEqual([]);
    expect(requestForProvider(actorOf(otherKindStaff), id, NOW)).toBe("forbidden");
    // Nor anyone without an organisation, nor an admin (a request goes out to providers only).
    expect(requestForProvider(w.as.stranger(), id, NOW)).toBe("forbidden");
    expect(requestForProvider(w.as.admin(), id, NOW)).toBe("forbidden");
  });

  test("an expired or closed request is no longer shown to providers; renewing shows it again", () => {
    const id = post();
    const later = at("2026-03-04"); // 31 days on
    expect(requestsForProvider(w.as.staff(), 1, later).rows).toEqual([]);
    expect(requestForProvider(w.as.staff(), id, later)).toBe("forbidden");
    expect(() => makeOffer(w.as.staff(), id, offerValues({ startsOn: "2026-03-10" }), later)).toThrow(/expired/);
    renewRequest(w.as.holder(), id, later);
    expect(requestsForProvider(w.as.staff(), 1, later).rows.map((r) => r.request.id)).toEqual([id]);
    closeRequest(w.as.holder(), id, later);
    expect(requestsForProvider(w.as.staff(), 1, later).rows).toEqual([]);
  });

  test("only the person and their representative see the request and its offers", () => {
    const id = post();
    expect(requestForPerson(w.as.holder(), id)).not.toBe("forbidden");
    expect(requestForPerson(w.as.representative(), id)).not.toBe("forbidden");
    expect(requestForPerson(w.as.staff(), id)).toBe("forbidden");
    expect(requestForPerson(w.as.stranger(), id)).toBe("forbidden");
  });
});

test("an offer on a request emails the person and their representative a link to it, not the offer itself", () => {
  const id = post();
  db.delete(mailOutbox).run();
  makeOffer(w.as.staff(), id, offerValues(), NOW);
  const mail = db.select().from(mailOutbox).all();
  expect(mail.map((m) => m.toAddress).sort()).toEqual(["holder@example.org", "rep@example.org"]);
  for (const m of mail) {
    expect(m.subject).toBe(`An offer on your request ${id} on Weave`);
    expect(m.body).toContain(`/looking-for/${id}`);
    expect(m.body).not.toMatch(/£|Help at Home/);
  }
});

describe("the person stays anonymous until they accept", () => {
  test("nothing a provider reads names the person, or the representative who posted, until an offer is accepted", () => {
    const id = post({}, w.as.representative());
    const offer = makeOffer(w.as.staff(), id, offerValues(), NOW);
    const enquiryId = askAboutOffer(w.as.holder(), offer.id, "Could it be 9 to 11 instead?", NOW);

    const provider = w.as.staff();
    const everythingTheProviderReads = JSON.stringify([
      requestsForProvider(provider, 1, NOW), requestForProvider(provider, id, NOW),
      enquiriesFor({ organisationIds: [w.ids.organisation] }), enquiryMessages(enquiryId, true),
    ]);
    for (const secret of ["Hana", "Holder", "holder@example.org", "Ravi", "rep@example.org", "personId", "buyerId", "budgetAccountId", "planId"]) {
      expect(everythingTheProviderReads).not.toContain(secret);
    }
    expect(enquiriesFor({ organisationIds: [w.ids.organisation] })[0]!.buyerName).toBe(HIDDEN_BUYER);

    const placed = acceptOffer(w.as.holder(), offer.id, { budgetAccountId: w.ids.budget }, NOW);
    expect(placed.ok).toBe(true);
    // Now they are agreeing an order, the provider may know who it is for.
    expect(enquiriesFor({ organisationIds: [w.ids.organisation] })[0]!.buyerName).toBe("Hana Holder");
  });
});

describe("accepting an offer", () => {
  test("creates an ordinary order at the offered price, paid from the budget the person chose; other offers are not chosen", () => {
    post({ description: "An earlier post nobody has answered yet" });
    const id = post();
    const offer = makeOffer(w.as.staff(), id, offerValues({ price: 1_650 }), NOW);
    const rival = makeOffer(actorOf(secondStaff), id, offerValues({ serviceId: secondService, price: 1_500 }), NOW);
    expect(() => makeOffer(w.as.staff(), id, offerValues(), NOW)).toThrow(/already made an offer/);
    // Each side's list says where offers stand: two waiting on this post, none on the other; the provider has offered on this one only.
    expect(requestsOf([w.ids.holder]).rows.map((r) => [r.request.id, r.waiting])).toEqual([[id, 2], [id - 1, 0]]);
    expect(requestsForProvider(w.as.staff(), 1, NOW).rows.map((r) => [r.request.id, r.offered])).toEqual([[id, true], [id - 1, false]]);

    const placed = acceptOffer(w.as.holder(), offer.id, { budgetAccountId: w.ids.budget }, NOW);
    if (!placed.ok) throw new Error(placed.refusal.explanation);
    const order = db.select().from(orders).where(eq(orders.id, placed.orderId)).get()!;
    expect(order).toMatchObject({
      unitPricePence: 1_650, quantityHundredths: 200, recurrence: "weekly", startsOn: "2026-02-03", buyerId: w.ids.holder, organisationId: w.ids.organisation,
      budgetAccountId: w.ids.budget, paymentMethod: "budget", status: "requested",
    });
    const statusOf = (offerId: number) => db.select().from(requestOffers).where(eq(requestOffers.id, offerId)).get()!;
    expect(statusOf(offer.id)).toMatchObject({ status: "accepted", orderId: placed.orderId });
    expect(statusOf(rival.id).status).toBe("not-chosen");
    expect(db.select().from(supportRequests).where(eq(supportRequests.id, id)).get()!.status).toBe("accepted");
    expect(() => acceptOffer(w.as.holder(), rival.id, { budgetAccountId: w.ids.budget }, NOW)).toThrow(/accepted, so accepting an offer is not possible/);

    // From here it is an ordinary order: the provider accepts it, and four weeks at the offered price are set aside.
    acceptOrder(w.as.staff(), placed.orderId, NOW);
    expect(balancesOf(w.ids.budget)).toMatchObject({ reserved: 4 * 3_300 });
  });

  test("the council's rules still apply: an offer the budget may not pay for is refused, and nothing changes", () => {
    const id = post();
    const offer = makeOffer(w.as.staff(), id, offerValues({ serviceId: w.ids.ptTraining, price: 8_000, quantity: 100, recurrence: "one-off" }), NOW);
    const placed = acceptOffer(w.as.holder(), offer.id, { budgetAccountId: w.ids.budget }, NOW);
    expect(placed).toMatchObject({ ok: false, refusal: { explanation: expect.stringMatching(/training for personal assistants is paid from the council's PA training fund/) } });
    expect(db.select().from(orders).all()).toEqual([]);
    expect(db.select().from(requestOffers).where(eq(requestOffers.id, offer.id)).get()!.status).toBe("open");
    expect(db.select().from(supportRequests).where(eq(supportRequests.id, id)).get()!.status).toBe("open");
  });

  test("only the person or their representative can accept or decline; a declined offer cannot then be accepted", () => {
    const id = post();
    const offer = makeOffer(w.as.staff(), id, offerValues(), NOW);
    expect(() => acceptOffer(w.as.staff(), offer.id, { budgetAccountId: w.ids.budget }, NOW)).toThrow(/Only the person/);
    expect(() => acceptOffer(w.as.stranger(), offer.id, { budgetAccountId: w.ids.budget }, NOW)).toThrow(/Only the person/);
    declineOffer(w.as.representative(), offer.id, NOW);
    expect(() => acceptOffer(w.as.holder(), offer.id, { budgetAccountId: w.ids.budget }, NOW)).toThrow(/declined, so it cannot be accepted/);
    expect(db.select().from(orders).all()).toEqual([]);
  });
});

describe("the warning about identifying details", () => {
  test("a post with a phone number, an email or a full postcode is sent back with the warning, unless the person sends it as it is", () => {
    for (const text of ["Ring me on 07700 900123 about swimming", "Email amina@example.org about swimming", "Swimming near LS6 3AA on Saturdays"]) {
      const r = postLookingFor(w.as.holder(), w.ids.holder, {
        description: text, category: "leisure-and-arts", townSlug: "headingley", whenText: "Saturdays", budgetMin: null, budgetMax: null, sendAsItIs: false,
      }, NOW);
      expect(r).toMatchObject({ ok: false, errors: { description: expect.stringMatching(/may identify you/) } });
    }
    expect(db.select().from(supportRequests).all()).toEqual([]);
    expect(post({ description: "Ring me on 07700 900123 about swimming", sendAsItIs: true })).toBeGreaterThan(0);
  });

  test("the form reads the tick box and budget range", () => {
    const parsed = PostForm.safeParse({ description: "Someone to go swimming with me", category: "leisure-and-arts", townSlug: "leeds", whenText: "Saturdays", budgetMin: "20", budgetMax: "10", sendAsItIs: "yes" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["budgetMax"], message: "The most you would pay must be at least the least" });
  });
});

describe("requests for quotes from a support plan", () => {
  function plan() {
    const id = draftFor(w.ids.budget, w.ids.holder);
    saveDraft(id, {
      outcomes: ["Keep living in my own flat", "See my friends at the allotment"],
      lines: [
        { kind: "paid", category: "help-at-home", description: "Cleaning and shopping, 3 hours a week", planned: 20_000 },
        { kind: "paid", category: "leisure-and-arts", description: "Art class once a week", planned: 2_000 },
        { kind: "informal", category: "transport", description: "Lifts from my sister Carol", planned: 0 },
      ],
    }, w.ids.holder);
    agreePlan(id, "Jo Smith, social worker", w.ids.holder);
    return db.$client.prepare("SELECT id FROM plan_lines WHERE plan_id = ? ORDER BY id").pluck().all(id) as number[];
  }

  test("chosen lines go out, one request per kind of support, with outcomes and needs but no amounts or names", () => {
    const [home, art] = plan();
    const r = requestQuotes(w.as.holder(), w.ids.budget, { lineIds: [home!, art!], outcomes: [0], townSlug: "otley", whenText: "Weekday mornings", note: "", sendAsItIs: false }, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.ids).toHaveLength(2);
    const seen = requestForProvider(w.as.staff(), r.ids[0]!, NOW);
    if (typeof seen === "string") throw new Error(seen);
    expect(seen.request).toMatchObject({ kind: "quotes", category: "help-at-home", description: "What matters to me: Keep living in my own flat.\nWhat I need: Cleaning and shopping, 3 hours a week." });
    expect(JSON.stringify(seen)).not.toMatch(/200|Jo Smith|Hana/);
    expect(requestForProvider(actorOf(otherKindStaff), r.ids[1]!, NOW)).toMatchObject({ request: { category: "leisure-and-arts" } });
  });

  test("a line that names someone is caught before it goes out", () => {
    const lines = plan();
    const r = requestQuotes(w.as.holder(), w.ids.budget, { lineIds: [lines[2]!], outcomes: [], townSlug: "otley", whenText: "Weekends", note: "", sendAsItIs: false }, NOW);
    expect(r).toMatchObject({ ok: false, errors: { lineIds: expect.stringMatching(/a name \(“Carol”\)/) } });
    expect(() => requestQuotes(w.as.staff(), w.ids.budget, { lineIds: [lines[0]!], outcomes: [], townSlug: "otley", whenText: "Weekends", note: "", sendAsItIs: false }, NOW)).toThrow(/Only the person/);
  });
});

describe("for the commissioners' unmet-demand view", () => {
  test("counts by kind, category and town, with no text and no person", () => {
    post({ category: "befriending", description: "Someone to go swimming with me on Saturdays" });
    const answered = post();
    post({ category: "befriending", description: "A walking buddy for Sunday afternoons" }, w.as.holder(), at("2025-12-01"));
    makeOffer(w.as.staff(), answered, offerValues(), NOW);
    const rows = demandSignals({ areaSlugs: ["leeds"] }, NOW);
    expect(rows).toEqual([
      { kind: "looking-for", category: "befriending", areaSlug: "leeds", townSlug: "otley", people: 1, total: 2, open: 1, expired: 1, closed: 0, accepted: 0, answered: 0 },
      { kind: "looking-for", category: "help-at-home", areaSlug: "leeds", townSlug: "otley", people: 1, total: 1, open: 1, expired: 0, closed: 0, accepted: 0, answered: 1 },
    ]);
    expect(demandSignals({ areaSlugs: ["bradford"] }, NOW)).toEqual([]);
  });
});
