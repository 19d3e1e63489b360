// For browser tests: adds a budget holder who can log in with the demo password, with a direct
// payment of £500 in Leeds, to the database given by DATABASE_PATH.
import { eq } from "drizzle-orm";
import { allocate, openBudgetAccount } from "../../app/budgets/budgets.server";
import { db } from "../../db/client";
import { userRoles, users } from "../../db/schema";

const [email, name] = process.argv.slice(2) as [string, string];
const passwordHash = db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, "amina@example.org")).get()!.hash;
const { id } = db.insert(users).values({ email, name, passwordHash }).returning({ id: users.id }).get();
db.insert(userRoles).values({ userId: id, role: "budget-holder" }).run();
const today = new Date().toISOString().slice(0, 10);
const budget = openBudgetAccount({ holderId: id, areaSlug: "leeds", arrangement: "direct-payment", annualAllocationPence: 650_000, periodDays: 28, startsOn: today }, id);
allocate(budget.id, 0, id, today);
