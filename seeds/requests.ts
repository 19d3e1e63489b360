// Demo looking-for posts and a peer supporter: Amina is looking for a walking buddy (and has an
// older post that has expired), Brian asks for help near the demo provider's own service, which
// Dev's organisation has answered with an offer, and Femi offers to be a peer supporter in Leeds.
import { asc, eq } from "drizzle-orm";
import { actorFor } from "../app/accounts/actor.server";
import { approvePeerSupporter, offerPeerSupport } from "../app/requests/peers.server";
import { makeOffer, postLookingFor } from "../app/requests/requests.server";
import { listingsOfOrganisation } from "../app/directory/catalogue.server";
import { categories, nameOf } from "../app/directory/vocabulary";
import { db } from "../db/client";
import { memberships, users } from "../db/schema";
import type { DemoKey } from "./accounts";

const DAY = 86_400_000;
const actorOf = (id: number) => actorFor({ sessionId: 0, user: db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id)).get()! });

export function seedDemoRequests(ids: Record<DemoKey, number>, now = new Date()) {
  const amina = actorOf(ids.holder);
  offerPeerSupport(actorOf(ids.organiser), { areaSlug: "leeds", about: "I have managed my own direct payment and employed PAs for six years. Happy to talk about getting started." });
  approvePeerSupporter(actorOf(ids.moderator), ids.organiser, now);
  postLookingFor(amina, ids.holder, {
    description: "A walking buddy for Sunday afternoons, on flat paths, at my pace", category: "befriending", townSlug: "headingley",
    whenText: "Sunday afternoons", budgetMin: null, budgetMax: 1_500, sendAsItIs: false,
  }, now);
  // Posted 40 days ago and never renewed: it reads as expired, and counts as such for commissioners.
  postLookingFor(amina, ids.holder, {
    description: "Help to sort out my kitchen cupboards and paperwork, a one-off", category: "help-at-home", townSlug: "headingley",
    whenText: "Any weekday", budgetMin: null, budgetMax: null, sendAsItIs: false,
  }, new Date(now.getTime() - 40 * DAY));

  // Brian asks for support where the demo provider works, and Dev answers with an offer.
  const org = db.select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, ids.provider)).orderBy(asc(memberships.organisationId)).get();
  const service = org && listingsOfOrganisation(org.id).find((l) => l.service.priceUnit !== "free" && l.service.pricePence > 0);
  if (!service) return;
  const kind = nameOf(categories, service.service.categorySlug).toLowerCase();
  const posted = postLookingFor(actorOf(ids.holder2), ids.holder2, {
    description: `Someone to help with ${kind} in the mornings while I stay with my daughter here over the winter`, category: service.service.categorySlug,
    townSlug: service.service.townSlug, whenText: "Weekday mornings, from next month", budgetMin: 1_500, budgetMax: 2_200, sendAsItIs: false,
  }, now);
  if (!posted.ok) return;
  makeOffer(actorOf(ids.provider), posted.id, {
    serviceId: service.service.id, price: Math.max(100, service.service.pricePence - 100), quantity: 100, recurrence: "weekly",
    startsOn: new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10), timeFrom: "08:00", timeTo: "09:00",
    message: "We have a carer in the area every morning and can fit you in while you are here.",
  }, now);
}
