// Demo people, one for each role, all with the password below (printed by `npm run db:seed`
// and listed in the README). Only for demo data: a real deployment creates no accounts.
import { asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { commissionerAreas, memberships, organisations, representativeGrants, userRoles, users, type PlatformRole } from "../db/schema";
import { hashPassword } from "../app/accounts/passwords.server";

export const DEMO_PASSWORD = "weave-demo-password";

export const demoPeople = [
  { key: "holder", name: "Amina Hussain", email: "amina@example.org", roles: ["budget-holder"] },
  { key: "holder2", name: "Brian Walsh", email: "brian@example.org", roles: ["budget-holder"] },
  { key: "representative", name: "Carol Hussain", email: "carol@example.org", roles: [] },
  { key: "provider", name: "Dev Patel", email: "dev@example.org", roles: [] },
  { key: "provider2", name: "Erin Clarke", email: "erin@example.org", roles: [] },
  { key: "organiser", name: "Femi Ade", email: "femi@example.org", roles: ["community-organiser"] },
  { key: "commissioner", name: "Kim Lister", email: "kim@example.org", roles: ["commissioner"] },
  { key: "moderator", name: "Mo Begum", email: "mo@example.org", roles: ["moderator"] },
  { key: "admin", name: "Ada Sutcliffe", email: "ada@example.org", roles: ["admin"] },
] as const satisfies readonly { key: string; name: string; email: string; roles: PlatformRole[] }[];

export type DemoKey = (typeof demoPeople)[number]["key"];

/** Adds the demo people: a holder with a representative, two providers with an organisation each, and staff roles. */
export async function seedDemoPeople(db: Db): Promise<Record<DemoKey, number>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [first, second] = db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.id)).limit(2).all();
  return db.transaction((tx) => {
    const ids = {} as Record<DemoKey, number>;
    for (const person of demoPeople) {
      const { id } = tx.insert(users).values({ name: person.name, email: person.email, passwordHash }).returning({ id: users.id }).get();
      ids[person.key] = id;
      for (const role of person.roles) tx.insert(userRoles).values({ userId: id, role }).run();
    }
    tx.insert(commissionerAreas).values([{ userId: ids.commissioner, areaSlug: "leeds" }, { userId: ids.commissioner, areaSlug: "bradford" }]).run();
    tx.insert(representativeGrants).values({
      holderId: ids.holder, representativeId: ids.representative, relationship: "Family member", basis: "consent", grantedBy: ids.holder,
    }).run();
    if (first) tx.insert(memberships).values({ userId: ids.provider, organisationId: first.id, role: "owner" }).run();
    if (second) tx.insert(memberships).values({ userId: ids.provider2, organisationId: second.id, role: "owner" }).run();
    return ids;
  });
}
