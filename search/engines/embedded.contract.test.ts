import { db } from "../../db/client";
import { searchEngineContract } from "../contract";
import { EmbeddedEngine } from "./embedded";

searchEngineContract("embedded (SQLite FTS5)", () => new EmbeddedEngine(db.$client));
