// Open Referral ids are UUIDs; ours are integers and vocabulary slugs. Records we store get a
// UUID that *encodes* their integer id, so `/services/{id}` finds the row without a lookup
// column; vocabulary terms get a name-based UUID (v5), found through the small in-memory map
// in taxonomies.ts. Both are stable for as long as the integer id or the slug is.
// See docs/decisions/004-open-referral-mapping.md.
import { createHash } from "node:crypto";

/** What an encoded id can stand for. The order never changes: the kind is part of every id. */
export const recordKinds = [
  "organization", "service", "location", "service_at_location", "address", "schedule", "cost_option",
  "service_area", "language", "contact", "phone", "accessibility", "attribute", "organization_identifier",
  "organization_location", "organization_address", "organization_phone", "organization_attribute",
] as const;
export type RecordKind = (typeof recordKinds)[number];

const sha1 = (text: string) => createHash("sha1").update(text).digest();

// The first 48 bits name the kind (a hash of "weave:<kind>", so ids of different kinds never
// look alike); then version 8 ("custom", RFC 9562), a 12-bit index for the several children of
// one parent (its schedules, its languages), the RFC variant, and 48 bits of our integer id.
const kindPrefix = new Map(recordKinds.map((kind) => [kind, sha1(`weave:${kind}`).toString("hex").slice(0, 12)]));
const kindByPrefix = new Map([...kindPrefix].map(([kind, prefix]) => [prefix, kind]));
if (kindByPrefix.size !== recordKinds.length) throw new Error("two record kinds share an id prefix");

const MAX_ID = 2 ** 48 - 1;
const MAX_INDEX = 0xfff;

/** The UUID of one of our records, or of the `index`th child of a given kind belonging to record `id`. */
export function recordUuid(kind: RecordKind, id: number, index = 0): string {
  if (!Number.isSafeInteger(id) || id < 0 || id > MAX_ID) throw new RangeError(`id out of range: ${id}`);
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw new RangeError(`index out of range: ${index}`);
  const p = kindPrefix.get(kind)!;
  const tail = id.toString(16).padStart(12, "0");
  return `${p.slice(0, 8)}-${p.slice(8, 12)}-8${index.toString(16).padStart(3, "0")}-8000-${tail}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The record an id of ours stands for, or null when it is not one of ours (or not a UUID at all). */
export function parseRecordUuid(value: string): { kind: RecordKind; id: number; index: number } | null {
  if (!isUuid(value)) return null;
  const hex = value.toLowerCase().replace(/-/g, "");
  const kind = kindByPrefix.get(hex.slice(0, 12));
  if (!kind || hex[12] !== "8" || hex.slice(16, 20) !== "8000") return null;
  return { kind, id: Number.parseInt(hex.slice(20), 16), index: Number.parseInt(hex.slice(13, 16), 16) };
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ""), "hex");

function v5(namespace: Buffer, name: string): string {
  const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// RFC 9562's namespace for URLs; Weave's own namespace is the name-based UUID of "urn:weave".
const URL_NAMESPACE = uuidBytes("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
const WEAVE_NAMESPACE = uuidBytes(v5(URL_NAMESPACE, "urn:weave"));

/** A name-based UUID (version 5) in Weave's namespace, for things named by a slug: "taxonomy_term:category:befriending". */
export const nameUuid = (name: string) => v5(WEAVE_NAMESPACE, name);
