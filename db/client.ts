import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { config } from "../app/config.server";
import * as schema from "./schema";

export function openDatabase(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle({ client: sqlite, schema, casing: "snake_case" });
}

export type Db = ReturnType<typeof openDatabase>;
/** A transaction handle or the database itself: anything that can run a query. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

// One connection per process; better-sqlite3 is synchronous, so there is nothing to pool.
export const db: Db = openDatabase(config.DATABASE_PATH);

/** Throws if the database cannot answer; for the health check. */
export const ping = () => db.$client.prepare("SELECT 1").get();
