import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// Every search, anonymously: no user id, no IP, no session. Feeds commissioners' demand signals.
export const searchLog = sqliteTable("search_log", {
  id: integer().primaryKey({ autoIncrement: true }),
  at: text().notNull().default(now),
  query: text().notNull(),
  filters: text({ mode: "json" }).$type<Record<string, string | string[]>>().notNull(),
  areaSlug: text(),
  townSlug: text(),
  resultCount: integer().notNull(),
}, (t) => [index("search_log_area_at_idx").on(t.areaSlug, t.at)]);

// Written in the same transaction as the listing change; drained into the search engine.
export const searchOutbox = sqliteTable("search_outbox", {
  id: integer().primaryKey({ autoIncrement: true }),
  serviceId: integer().notNull(),
  op: text().$type<"upsert" | "delete">().notNull(),
  createdAt: text().notNull().default(now),
  attempts: integer().notNull().default(0),
  nextAttemptAt: text().notNull().default(now),
  doneAt: text(),
  lastError: text(),
  taskId: text(),
}, (t) => [index("search_outbox_pending_idx").on(t.doneAt, t.nextAttemptAt)]);
