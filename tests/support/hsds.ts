// Validating API responses against the Open Referral UK profile's JSON schemas (the copies in
// tests/fixtures/openreferral, from OpenReferralUK/uk-profile; CC BY-SA 4.0). zod 4 reads
// JSON Schema itself (z.fromJSONSchema), so no separate validator package is needed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "openreferral");

type Json = Record<string, unknown>;
const load = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), "utf8")) as Json;

/** The profile's per-object schemas refer to each other by file name; inline them. */
function resolve(node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
  if (!node || typeof node !== "object") return node;
  const ref = (node as Json).$ref;
  if (typeof ref === "string" && ref.endsWith(".json")) {
    if (seen.includes(ref)) throw new Error(`schema cycle through ${ref}`);
    return resolve(load(`schema/${ref}`), [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)]));
}

const cache = new Map<string, z.ZodType>();
/** A validator for one of the profile's schemas: "compiled/service.json", "taxonomy_term.json", "phone.json". */
export function hsdsSchema(name: string): z.ZodType {
  let schema = cache.get(name);
  if (!schema) {
    schema = z.fromJSONSchema(resolve(load(`schema/${name}`)) as Parameters<typeof z.fromJSONSchema>[0]);
    cache.set(name, schema);
  }
  return schema;
}

// The paging envelope as the profile's OpenAPI document defines it (components.schemas.Page),
// with every field required, as the profile's own example responses all have them.
const openapi = load("schema/openapi.json") as { components: { schemas: { Page: Json } } };
const pageSchema = z.fromJSONSchema({ ...openapi.components.schemas.Page, required: Object.keys(openapi.components.schemas.Page.properties as Json) } as Parameters<typeof z.fromJSONSchema>[0]);

/** Problems with a value against a schema, as readable lines; empty when it is valid. */
export function problems(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}

/** Problems with a paged list response: the envelope, then each item against the item schema. */
export function pageProblems(itemSchemaName: string, body: unknown): string[] {
  const out = problems(pageSchema, body);
  const contents = (body as { contents?: unknown }).contents;
  if (!Array.isArray(contents)) return [...out, "contents: not an array"];
  const item = hsdsSchema(itemSchemaName);
  contents.forEach((c, i) => out.push(...problems(item, c).map((p) => `contents.${i}.${p}`)));
  return out;
}

export const example = (name: string) => load(`examples/${name}`);
