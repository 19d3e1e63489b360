import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { users } from "../../db/schema";

/** A person's name, for "you are acting for …" (the caller has already been allowed to see them). */
export const viewPersonName = (id: number) => db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? "this person";
