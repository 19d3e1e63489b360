// Reviews against a real SQLite file: who may review, the window, publication timing, the
// double-blind rule, the provider's reply, reports and removal, and the score reaching search.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { auditLog, mailOutbox, messages, occurrences, reviewReports, searchOutbox } from "../../db/schema";
import { accessLogFor } from "../accounts/audit.server";
import { acceptOrder, recordDelivery } from "../purchasing/orders.server";
import { recordIsfSpend } from "../budgets/isf.server";
import { createService } from "../directory/listings.server";
import { loadDocuments } from "../../search/documents";
import { at, orderWorld, placed, type World } from "../../tests/support/orders";
import { aService } from "../../tests/support/fixtures";
import { ReviewCard } from "../ui/reviews";
import type { ReviewInput } from "./review-form";
import {
  editReview, rateRelationship, removeReview, replyToReview, reportReview, rescoreDue, REPORTS_PER_MINUTE, ReviewError, reviewOrder, reviewService, withdrawReview,
} from "./reviews.server";
import { orderReviewState, providerOrderReview, serviceReviews } from "./views.server";

const good: ReviewInput = { mode: "stars", reliability: 5, communication: 4, value: 4, helpedMe: 5, overall: 5, body: "Turned up on time and listened." };

let w: World;
let orderId: number;

/** An order delivered on 3 February 2026 (recorded at 15:00). */
function deliveredOrder(world: World) {
  const id = placed(world);
  acceptOrder(world.as.staff(), id, at("2026-02-01"));
  const visit = db.select().from(occurrences).where(eq(occurrences.orderId, id)).get()!;
  recordDelivery(world.as.staff(), visit.id, { deliveredOn: "2026-02-03", quantityHundredths: 200, notes: "" }, at("2026-02-03T15:00:00Z"));
  return id;
}

const refusedWith = (fn: () => unknown, code: string, message: RegExp) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ReviewError);
    expect((error as ReviewError).code).toBe(code);
    expect((error as ReviewError).message).toMatch(message);
    return;
  }
  throw new Error("expected a refusal");
};

beforeEach(() => {
  w = orderWorld();
  orderId = deliveredOrder(w);
});

describe("who can review", () => {
  test("a person who did not buy cannot review, nor can the provider", () => {
    refusedWith(() => reviewOrder(w.as.stranger(), orderId, good, at("2026-02-05")), "not-permitted", /Only the person who received this support/);
    refusedWith(() => reviewOrder(w.as.staff(), orderId, good, at("2026-02-05")), "not-permitted", /Only the person/);
    refusedWith(() => reviewService(w.as.stranger(), w.ids.serviceId, w.ids.stranger, { ...good, attended: "yes" }, at("2026-02-05")), "refused", /Only people who bought this service/);
    expect(serviceReviews(w.ids.serviceId, 1, at("2026-03-01")).total).toBe(0);
  });

  test("staff cannot review their own organisation's services, even a free group they went to", () => {
    const group = createService(aService(w.ids.organisation, { name: "Coffee morning" })); // free
    refusedWith(() => reviewService(w.as.staff(), group, w.ids.staff, { ...good, attended: "yes" }), "refused", /You work for the organisation/);
    db.delete(mailOutbox).run();
    const review = reviewService(w.as.otherStaff(), group, w.ids.otherStaff, { ...good, attended: "yes" });
    expect(review.basis).toBe("attended");
    // With no order to be told on, the provider's people are emailed that there is a review to reply to.
    const mail = db.select().from(mailOutbox).all();
    expect(mail.map((m) => [m.toAddress, m.subject])).toEqual([["staff@example.org", `A review to reply to on Weave: review ${review.id}`]]);
    expect(mail[0]!.body).toContain(`/provider/reviews/${review.id}`);
    expect(mail[0]!.body).not.toContain("Turned up on time");
  });

  test("an order not yet delivered cannot be reviewed", () => {
    const notDelivered = placed(w);
    refusedWith(() => reviewOrder(w.as.holder(), notDelivered, good, at("2026-02-05")), "refused", /once the provider has recorded delivering it/);
  });

  test("a second review of the same order is refused, even from the representative", () => {
    reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    refusedWith(() => reviewOrder(w.as.representative(), orderId, { ...good, overall: 1 }, at("2026-02-06")), "refused", /already been reviewed/);
  });

  test("a review outside the 60 days after delivery is refused", () => {
    refusedWith(() => reviewOrder(w.as.holder(), orderId, good, at("2026-04-05")), "refused", /up to 60 days after the support was delivered/);
    expect(reviewOrder(w.as.holder(), orderId, good, at("2026-04-04")).id).toBeGreaterThan(0);
  });

  test("a representative's review is marked as theirs", () => {
    const review = reviewOrder(w.as.representative(), orderId, good, at("2026-02-05"));
    expect(review.byRepresentative).toBe(true);
    expect(review.personId).toBe(w.ids.holder);
  });

  test("an ISF spend line with the provider makes a verified review; a free group needs the person to say they went", () => {
    const isfWorld = orderWorld({ arrangement: "isf" });
    const isfService = createService(aService(isfWorld.ids.otherOrganisation, { name: "Support at home (ISF)", pricePence: 2_000, priceUnit: "hour" }));
    refusedWith(() => reviewService(isfWorld.as.holder(), isfService, isfWorld.ids.holder, good, new Date()), "refused", /Only people who bought/);
    const spent = recordIsfSpend({ budgetAccountId: isfWorld.ids.budget, organisationId: isfWorld.ids.otherOrganisation, effectiveOn: new Date().toISOString().slice(0, 10),
      category: "help-at-home", description: "2 hours", hours: 2, ratePence: 2_000, idempotencyKey: "isf-review-test", by: isfWorld.ids.otherStaff });
    expect(spent.ok).toBe(true);
    const review = reviewService(isfWorld.as.holder(), isfService, isfWorld.ids.holder, good, new Date());
    expect(review.basis).toBe("isf");

    const group = createService(aService(isfWorld.ids.organisation, { name: "Knit and natter" })); // free
    refusedWith(() => reviewService(isfWorld.as.stranger(), group, isfWorld.ids.stranger, good), "refused", /Tick the box to say you went/);
    expect(reviewService(isfWorld.as.stranger(), group, isfWorld.ids.stranger, { ...good, attended: "yes" }).basis).toBe("attended");
    refusedWith(() => reviewService(isfWorld.as.stranger(), group, isfWorld.ids.stranger, { ...good, attended: "yes" }), "refused", /already reviewed this group/);
  });
});

describe("publication and the score", () => {
  test("a review is hidden until the seven days pass, and the job then re-scores the listing in search", () => {
    reviewOrder(w.as.holder(), orderId, good, at("2026-02-05T09:00:00Z"));
    expect(serviceReviews(w.ids.serviceId, 1, at("2026-02-12T08:59:00Z")).total).toBe(0);
    expect(serviceReviews(w.ids.serviceId, 1, at("2026-02-12T09:00:00Z")).total).toBe(1);
    expect(serviceReviews(w.ids.serviceId, 1, at("2026-02-12T09:00:00Z")).scores.overall).toEqual({ score: 3.75, count: 1 });

    const before = db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, w.ids.serviceId)).all().length;
    expect(rescoreDue(at("2026-02-12T08:00:00Z")).published).toBe(0);
    expect(rescoreDue(at("2026-02-12T10:00:00Z"))).toEqual({ published: 1, aged: 0, listings: 1 });
    expect(rescoreDue(at("2026-02-12T11:00:00Z")).published).toBe(0); // once only
    expect(db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, w.ids.serviceId)).all().length).toBe(before + 1);
    // What the index gets is the same score the page shows (reviews written in 2026 count now).
    const doc = loadDocuments(db, [w.ids.serviceId]).get(w.ids.serviceId)!;
    expect(doc.rating).toBe(3.75);
    expect(doc.ratingCount).toBe(1);
  });

  test("after 24 months a review no longer counts in the score (it is still shown), and the job re-scores the listing once", () => {
    reviewOrder(w.as.holder(), orderId, good, at("2026-02-05T09:00:00Z"));
    rescoreDue(at("2026-02-13"));
    expect(serviceReviews(w.ids.serviceId, 1, at("2028-02-05T08:00:00Z")).scores.overall.count).toBe(1);
    const later = at("2028-02-05T10:00:00Z");
    const shown = serviceReviews(w.ids.serviceId, 1, later);
    expect(shown.scores.overall).toEqual({ score: null, count: 0 });
    expect(shown.total).toBe(1);
    expect(rescoreDue(later)).toEqual({ published: 0, aged: 1, listings: 1 });
    expect(rescoreDue(later).aged).toBe(0);
  });

  test("the provider's reply publishes it at once, shown under it, with the listing queued for search in the same change", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    rateRelationship(w.as.staff(), orderId, { stars: 4, note: "" }, at("2026-02-06"));
    const before = db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, w.ids.serviceId)).all().length;
    replyToReview(w.as.staff(), review.id, "Thank you, Hana.", at("2026-02-06T12:00:00Z"));
    const shown = serviceReviews(w.ids.serviceId, 1, at("2026-02-06T12:00:01Z"));
    expect(shown.reviews.map((r) => r.reply)).toEqual(["Thank you, Hana."]);
    expect(db.select().from(searchOutbox).where(eq(searchOutbox.serviceId, w.ids.serviceId)).all().length).toBe(before + 1);
    refusedWith(() => replyToReview(w.as.staff(), review.id, "Changed my mind", at("2026-02-07")), "refused", /already replied/);
    refusedWith(() => replyToReview(w.as.otherStaff(), review.id, "Not mine", at("2026-02-07")), "not-permitted", /Only staff/);
  });

  test("double-blind: neither side sees the other's rating until both have written or fourteen days pass", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05T09:00:00Z"));
    // The provider cannot read or reply to it before rating (and before it is published).
    expect(providerOrderReview(orderId, at("2026-02-06"))!.review).toBeNull();
    refusedWith(() => replyToReview(w.as.staff(), review.id, "Thanks", at("2026-02-06")), "refused", /Rate the working relationship/);
    rateRelationship(w.as.staff(), orderId, { stars: 2, note: "Often out when we called" }, at("2026-02-06T09:00:00Z"));
    expect(providerOrderReview(orderId, at("2026-02-06T09:00:01Z"))!.review?.id).toBe(review.id);
    expect(orderReviewState(orderId, at("2026-02-06T09:00:01Z"))!.providerRating).toEqual({ stars: 2, note: "Often out when we called" });
  });

  test("double-blind: the provider's rating stays hidden from the buyer for fourteen days, and cannot be given once the review is open", () => {
    const other = deliveredOrder(w);
    rateRelationship(w.as.staff(), other, { stars: 3, note: "" }, at("2026-02-04T09:00:00Z"));
    expect(orderReviewState(other, at("2026-02-18T08:59:00Z"))!.providerRating).toBeNull();
    expect(orderReviewState(other, at("2026-02-18T09:00:00Z"))!.providerRating?.stars).toBe(3);

    reviewOrder(w.as.holder(), orderId, good, at("2026-02-05T09:00:00Z"));
    refusedWith(() => rateRelationship(w.as.staff(), orderId, { stars: 1, note: "" }, at("2026-02-13T09:00:00Z")), "refused", /would not be blind/);
  });
});

describe("abuse", () => {
  test("text with a script tag is shown as text", () => {
    const review = reviewOrder(w.as.holder(), orderId, { ...good, body: `<script>alert("x")</script> nice` }, at("2026-02-05"));
    const html = renderToStaticMarkup(createElement(ReviewCard, { review, organisationName: "Help at Home" }));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; nice");
  });

  test(`ten reports from one account in a minute are rate-limited after ${REPORTS_PER_MINUTE}`, () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    const now = at("2026-02-20T10:00:00Z");
    const outcomes = Array.from({ length: 10 }, () => {
      try {
        reportReview(w.as.stranger(), "127.0.0.1", review.id, "I do not like it", now);
        return "reported";
      } catch (error) {
        return (error as ReviewError).code;
      }
    });
    expect(outcomes.filter((o) => o === "reported")).toHaveLength(REPORTS_PER_MINUTE);
    expect(outcomes.filter((o) => o === "rate-limited")).toHaveLength(10 - REPORTS_PER_MINUTE);
    // Another account is not held back by the first one's reports.
    expect(reportReview(w.as.staff(), "127.0.0.1", review.id, "Not a real customer", now).id).toBeGreaterThan(0);
    // The reviewer never learns who reported them.
    expect(accessLogFor(w.ids.holder).filter((e) => e.action === "review.reported")).toEqual([]);
  });

  test("the person a review is about (or their representative) withdraws it: gone from the page and the score, reports closed; nobody else can", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    const later = at("2026-02-20"); // published: the seven days have passed
    expect(serviceReviews(w.ids.serviceId, 1, later).total).toBe(1);
    reportReview(w.as.stranger(), "203.0.113.9", review.id, "I do not think this happened", later);
    for (const who of [w.as.staff(), w.as.moderator(), w.as.stranger()]) {
      refusedWith(() => withdrawReview(who, review.id, later), "not-permitted", /Only the person the review is about/);
    }
    db.delete(searchOutbox).run();
    withdrawReview(w.as.representative(), review.id, later);
    expect(serviceReviews(w.ids.serviceId, 1, later).total).toBe(0);
    expect(db.select().from(searchOutbox).all().map((r) => r.serviceId)).toEqual([w.ids.serviceId]); // the score in search changes
    expect(db.select().from(reviewReports).all().map((r) => r.status)).toEqual(["dismissed"]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "review.withdrawn")).all()).toHaveLength(1);
    refusedWith(() => withdrawReview(w.as.holder(), review.id, later), "refused", /already been withdrawn/);
  });

  test("the person (or their representative) changes a review until the provider replies: the page, the score and the listing follow, and it says it was changed", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    const later = at("2026-02-20"); // published
    for (const who of [w.as.staff(), w.as.moderator(), w.as.stranger()]) {
      refusedWith(() => editReview(who, review.id, { ...good, overall: 1 }, later), "not-permitted", /Only the person the review is about/);
    }
    db.delete(searchOutbox).run();
    editReview(w.as.representative(), review.id, { ...good, reliability: 2, overall: 2, body: "Late three times since I wrote this." }, later);
    const shown = serviceReviews(w.ids.serviceId, 1, later);
    expect(shown.reviews).toMatchObject([{ overall: 2, reliability: 2, body: "Late three times since I wrote this.", editedAt: later.toISOString(), submittedAt: review.submittedAt }]);
    expect(shown.scores.reliability.score).toBeLessThan(serviceReviews(w.ids.serviceId, 1, later).scores.communication.score!);
    expect(db.select().from(searchOutbox).all().map((r) => r.serviceId)).toEqual([w.ids.serviceId]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "review.edited")).all().map((a) => a.detail)).toEqual([{ overall: [5, 2] }]);
    // The provider, who can read it, is told on the order.
    expect(db.select().from(messages).where(eq(messages.orderId, orderId)).all().map((m) => m.body)).toContain("The review of this order has been changed by its writer.");
    const html = renderToStaticMarkup(createElement(ReviewCard, { review: shown.reviews[0]!, organisationName: "Help at Home Otley" }));
    expect(html).toContain("Changed by its writer on 20 February 2026");

    // Once the provider has replied, the reply answers what was written: no more changes (withdrawing is still possible).
    replyToReview(w.as.staff(), review.id, "We are sorry: we have changed the rota.", later);
    refusedWith(() => editReview(w.as.holder(), review.id, { ...good, overall: 1 }, later), "refused", /The provider has replied/);
    expect(serviceReviews(w.ids.serviceId, 1, later).reviews[0]!.overall).toBe(2);
  });

  test("a review a moderator removed is not the person's to withdraw again", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    removeReview(w.as.moderator(), review.id, { reason: "abuse", note: "Threats" }, at("2026-02-06"));
    refusedWith(() => withdrawReview(w.as.holder(), review.id, at("2026-02-07")), "refused", /A moderator has already removed/);
  });

  test("only a moderator removes a review, for a stated reason, and the removal is logged and leaves the score", () => {
    const review = reviewOrder(w.as.holder(), orderId, good, at("2026-02-05"));
    const later = at("2026-02-20");
    refusedWith(() => removeReview(w.as.staff(), review.id, { reason: "abuse", note: "Negative" }, later), "not-permitted", /Only moderators/);
    removeReview(w.as.moderator(), review.id, { reason: "personal-data", note: "Names a neighbour" }, later);
    expect(serviceReviews(w.ids.serviceId, 1, later).total).toBe(0);
    const logged = db.select().from(auditLog).where(eq(auditLog.action, "review.removed")).all();
    expect(logged.map((l) => l.detail)).toEqual([{ reason: "personal-data", note: "Names a neighbour" }]);
  });
});
