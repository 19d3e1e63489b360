// Where an import reads HSDS services from: a JSON file (one service, an array of services, or
// a page as the API returns it), or an Open Referral API by URL, paged through the way any
// consumer would (list pages, then each service in full when the list holds only summaries).
// Yields one batch at a time, so no network wait ever happens inside a database transaction.
import { readFile } from "node:fs/promises";

export const BATCH_SIZE = 100;
const MAX_PAGES = 100_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A list item from a page holds only the service's own fields; a full service has its nested objects. */
const isFull = (item: unknown) => isObject(item) && ("service_at_locations" in item || "cost_options" in item || "attributes" in item);

function recordsIn(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.contents)) return json.contents;
  if (isObject(json) && typeof json.id === "string") return [json];
  throw new Error("The file holds no services: expected a service, an array of services, or a page with `contents`");
}

export async function* fromFile(path: string, batchSize = BATCH_SIZE): AsyncGenerator<unknown[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const records = recordsIn(json);
  for (let i = 0; i < records.length; i += batchSize) yield records.slice(i, i + batchSize);
}

/** The services list URL for what was given: an API's base ("…/openreferral") or its /services. */
export function servicesUrl(given: string): URL {
  const url = new URL(given);
  if (!/\/services\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, "")}/services`;
  url.pathname = url.pathname.replace(/\/$/, "");
  return url;
}

async function getJson(fetcher: typeof fetch, url: URL): Promise<unknown> {
  const response = await fetcher(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return response.json();
}

export async function* fromApi(given: string, { fetcher = fetch, perPage = BATCH_SIZE } = {}): AsyncGenerator<unknown[]> {
  const list = servicesUrl(given);
  if (!list.searchParams.has("per_page")) list.searchParams.set("per_page", String(perPage));
  let page = Number(list.searchParams.get("page") ?? 1);
  for (let n = 0; n < MAX_PAGES; n++, page++) {
    list.searchParams.set("page", String(page));
    const body = await getJson(fetcher, list);
    if (!isObject(body) || !Array.isArray(body.contents)) throw new Error(`${list} did not answer with a page of services`);
    const batch: unknown[] = [];
    for (const item of body.contents) {
      if (isFull(item) || !isObject(item) || typeof item.id !== "string") batch.push(item);
      else batch.push(await getJson(fetcher, new URL(`${list.pathname}/${encodeURIComponent(item.id)}`, list)));
    }
    if (batch.length) yield batch;
    if (body.last_page === true || body.contents.length === 0) return;
  }
}

export const isUrl = (source: string) => /^https?:\/\//i.test(source);
