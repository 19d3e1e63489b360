// Suggestions of small local services: stored as pending, never public until a moderator
// approves them (the moderation screen arrives with accounts).
import { asc, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { suggestions } from "../../db/schema";
import { type Suggestion, suggestionReference } from "./suggestion";

export function suggestService(suggestion: Suggestion): { reference: string } {
  const { id } = db.insert(suggestions).values({ ...suggestion, status: "pending" }).returning({ id: suggestions.id }).get();
  return { reference: suggestionReference(id) };
}

/** The moderation queue, oldest first so nothing waits for ever. */
export function pendingSuggestions(limit = 50, offset = 0) {
  return db.select().from(suggestions).where(eq(suggestions.status, "pending"))
    .orderBy(asc(suggestions.createdAt), asc(suggestions.id)).limit(limit).offset(offset).all();
}
