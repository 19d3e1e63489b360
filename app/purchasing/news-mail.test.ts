// Email about orders and questions, as the people on them would notice: news reaches the other side
// (and a holder's representative), never the person who wrote it, at most once in half an hour a
// thread, without what it says, and not at all for someone who turned it off.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { mailOutbox, users } from "../../db/schema";
import { at, orderWorld, placed, type World } from "../../tests/support/orders";
import { deliverMail, type Mail } from "../accounts/mail.server";
import { postOrderMessage, replyToEnquiry, startEnquiry } from "./messages.server";
import { newsSubject } from "./news-mail.server";
import { acceptOrder } from "./orders.server";

let w: World;
let sent: Mail[];
beforeEach(() => {
  w = orderWorld();
  sent = [];
});

const deliver = async () => { await deliverMail(new Date(), { send: async (m) => { sent.push(m); } }); };
const to = () => sent.map((m) => m.to).sort();
/** Half an hour and a minute pass (for the mail already queued). */
const timePasses = () => db.$client.prepare("UPDATE mail_outbox SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 minutes')").run();

describe("news on an order by email", () => {
  test("a new order tells the provider's staff and the holder's representative, not the holder who placed it; accepting it tells the buyer's side", async () => {
    const id = placed(w, { message: "Please ring the bell twice" });
    await deliver();
    // Weave's "order placed" goes to both sides but not to the holder, who placed it; the holder's
    // own note, to the provider only, who has already been told of this order within the half hour.
    expect(to()).toEqual(["rep@example.org", "staff@example.org"]);
    expect(sent.every((m) => m.subject === newsSubject({ kind: "order", id }))).toBe(true);
    // Nobody at another organisation hears of it.
    expect(to()).not.toContain("other@example.org");
    expect(to()).not.toContain("stranger@example.org");

    sent = [];
    timePasses();
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    await deliver();
    // The staff member who accepted it is not told what they did.
    expect(to()).toEqual(["holder@example.org", "rep@example.org"]);
    const holderMail = sent.find((m) => m.to === "holder@example.org")!;
    expect(holderMail.text).toContain(`http://localhost:3000/orders/${id}`);
    // The provider's link is to their side of the order.
    timePasses();
    sent = [];
    postOrderMessage(w.as.holder(), "buyer", id, "Thank you");
    await deliver();
    expect(sent.map((m) => [m.to, m.text.includes(`http://localhost:3000/provider/orders/${id}`)])).toEqual([["staff@example.org", true]]);
  });

  test("a message goes to the other side only, never back to its author, and says nothing of what it says", async () => {
    const id = placed(w);
    timePasses();
    await deliver();
    sent = [];
    postOrderMessage(w.as.representative(), "buyer", id, "Mum is in hospital until Friday, please do not come");
    await deliver();
    expect(to()).toEqual(["staff@example.org"]);
    expect(sent[0]!.text).not.toContain("hospital");
    expect(sent[0]!.text).not.toContain("Help at home");
    expect(sent[0]!.subject).not.toContain("Help at home");

    timePasses();
    sent = [];
    postOrderMessage(w.as.staff(), "provider", id, "Thank you, get well soon");
    await deliver();
    expect(to()).toEqual(["holder@example.org", "rep@example.org"]);
    expect(sent.every((m) => !m.text.includes("get well"))).toBe(true);
  });

  test("however much happens on an order in half an hour, each person gets one email", async () => {
    const id = placed(w);
    for (let i = 0; i < 5; i++) postOrderMessage(w.as.holder(), "buyer", id, `Message ${i}`);
    await deliver();
    expect(sent.filter((m) => m.to === "staff@example.org")).toHaveLength(1);
    // After the quiet time, the next message is news again.
    timePasses();
    postOrderMessage(w.as.holder(), "buyer", id, "One more");
    await deliver();
    expect(sent.filter((m) => m.to === "staff@example.org")).toHaveLength(2);
  });

  test("someone who turned order emails off gets none; the others still do", async () => {
    db.update(users).set({ orderEmails: false }).where(eq(users.id, w.ids.representative)).run();
    const id = placed(w);
    timePasses();
    acceptOrder(w.as.staff(), id, at("2026-02-01"));
    await deliver();
    expect(to()).toContain("holder@example.org");
    expect(to()).not.toContain("rep@example.org");
  });

  test("an order that fails to be placed queues no email", async () => {
    // Refused by the council's rule: no order, no message, no mail.
    expect(() => placed(w, { serviceId: w.ids.ptTraining })).toThrow(/refused/);
    expect(db.select().from(mailOutbox).all()).toHaveLength(0);
  });
});

describe("news on a question (an enquiry before ordering) by email", () => {
  test("a question tells the provider's staff, a reply tells the person and their representative, with the page's link and none of the words", async () => {
    const enquiry = startEnquiry(w.as.holder(), { serviceId: w.ids.serviceId, buyerId: w.ids.holder, body: "Can your carer help with my insulin?" });
    await deliver();
    expect(sent.map((m) => [m.to, m.subject])).toEqual([["staff@example.org", newsSubject({ kind: "enquiry", id: enquiry.id })]]);
    expect(sent[0]!.text).toContain(`http://localhost:3000/enquiries/${enquiry.id}`);
    expect(sent[0]!.text).not.toContain("insulin");

    sent = [];
    replyToEnquiry(w.as.staff(), "provider", enquiry.id, "Yes, our carers are trained for insulin");
    await deliver();
    expect(to()).toEqual(["holder@example.org", "rep@example.org"]);
    expect(sent.every((m) => !m.text.includes("insulin") && m.text.includes(`/enquiries/${enquiry.id}`))).toBe(true);
  });

  test("a question asked from an anonymised request names nobody in the provider's email", async () => {
    const enquiry = startEnquiry(w.as.representative(), { serviceId: w.ids.serviceId, buyerId: w.ids.holder, body: "About the request", subject: "Help at home, 2 hours a week", hidesBuyer: true });
    await deliver();
    const mail = sent.find((m) => m.to === "staff@example.org")!;
    for (const name of ["Hana", "Holder", "Ravi", "holder@example.org", "rep@example.org"]) expect(mail.text + mail.subject).not.toContain(name);
    // Written on the person's side, it is news to the provider's side only.
    expect(to()).toEqual(["staff@example.org"]);
    expect(enquiry.hidesBuyer).toBe(true);
  });
});
