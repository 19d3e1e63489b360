// A purchasing history for commissioners' insights: made-up budget holders in one council area
// with budget accounts, orders delivered and paid over the past months, some declined requests
// and anonymous searches — written with bulk SQL (not the order service, which would take hours
// at a million orders), then rolled up from scratch. Used by the demo seed (a few thousand
// orders) and by the benchmark (a million).
//
// These orders are history only: their money is not in the ledger (nobody can log in as these
// buyers), but each account is paid its periods through the budget service, so balances are real,
// and the provider holding each ISF records a few visits' hours against it through the budget
// service (spend outside orders, which commissioners see in spend and prices paid per hour).
import type { Db } from "../db/client";
import { allocate } from "../app/budgets/budgets.server";
import { recordIsfSpend } from "../app/budgets/isf.server";
import { rebuildRollups } from "../app/insights/rollups.server";
import { randomSource } from "./generate";

export type HistoryOptions = { area: string; buyers: number; orders: number; months: number; seed?: number; today?: Date; searches?: number; allocate?: boolean };

const ARRANGEMENTS = [["direct-payment", 45], ["isf", 20], ["council-managed", 25], ["self-funded", 10]] as const;

export function seedPurchaseHistory(db: Db, o: HistoryOptions) {
  const c = db.$client;
  const r = randomSource(o.seed ?? 8).next;
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const today = o.today ?? new Date();
  const dayMs = 86_400_000;
  const firstDay = today.getTime() - o.months * 30.4 * dayMs;
  const services = c.prepare(`SELECT s.id, s.organisation_id AS org, s.name, s.category_slug AS category, s.price_pence AS price, s.price_unit AS unit, s.town_slug AS town
    FROM services s JOIN towns t ON t.slug = s.town_slug WHERE t.area_slug = ? AND s.status = 'published' AND s.price_unit <> 'free' AND s.price_pence > 0 ORDER BY s.id`)
    .all(o.area) as { id: number; org: number; name: string; category: string; price: number; unit: string; town: string }[];
  if (services.length === 0) throw new Error(`no priced services in ${o.area} to buy from`);
  // Popular services get most orders, as in any market: a few categories and providers dominate.
  const popular = services.filter((_, i) => i % 7 === 0);
  const admin = c.prepare("SELECT user_id FROM user_roles WHERE role = 'admin' LIMIT 1").pluck().get() as number | undefined;
  const startsOn = new Date(firstDay - 30 * dayMs).toISOString().slice(0, 10);

  const buyers = db.transaction(() => {
    const user = c.prepare("INSERT INTO users (email, name, password_hash) VALUES (?, ?, '!') RETURNING id").pluck();
    const account = c.prepare(`INSERT INTO budget_accounts (holder_id, area_slug, arrangement, isf_provider_id, status, annual_allocation_pence, period_days, starts_on)
      VALUES (?, ?, ?, ?, 'active', ?, 28, ?) RETURNING id`).pluck();
    const out: { id: number; account: number; isf: { org: number; category: string } | null }[] = [];
    for (let i = 0; i < o.buyers; i++) {
      const id = user.get(`history-${o.area}-${i}@example.invalid`, `Past buyer ${i + 1} (${o.area})`) as number;
      let roll = r() * 100;
      const arrangement = ARRANGEMENTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? "direct-payment";
      const annual = 500_000 + Math.floor(r() * 40) * 50_000;
      const holder = arrangement === "isf" ? pick(services) : null;
      out.push({ id, account: account.get(id, o.area, arrangement, holder?.org ?? null, annual, startsOn) as number, isf: holder && { org: holder.org, category: holder.category } });
    }
    return out;
  }, { behavior: "immediate" });

  // Most people keep buying the same few services: each buyer has a favourite or two.
  const favourites = buyers.map(() => [pick(r() < 0.6 ? popular : services), pick(services)]);
  const insertOrder = c.prepare(`INSERT INTO orders (service_id, organisation_id, buyer_id, placed_by, status, payment_method, budget_account_id, service_name, category, unit,
    unit_price_pence, quantity_hundredths, recurrence, starts_on, booked_through, closing_reason, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'budget', ?, ?, ?, ?, ?, ?, 'one-off', ?, ?, ?, ?, ?) RETURNING id`).pluck();
  const insertVisit = c.prepare(`INSERT INTO occurrences (order_id, date, quantity_hundredths, amount_pence, status, delivered_on, delivered_quantity_hundredths,
    delivery_recorded_at, credited_pence, charged_pence, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const BATCH = 20_000;
  for (let done = 0; done < o.orders; done += BATCH) {
    db.transaction(() => {
      for (let n = done; n < Math.min(o.orders, done + BATCH); n++) {
        const b = Math.floor(r() * buyers.length);
        const buyer = buyers[b]!;
        const s = r() < 0.8 ? pick(favourites[b]!) : pick(services);
        const day = new Date(firstDay + r() * (today.getTime() - firstDay - dayMs));
        const date = day.toISOString().slice(0, 10);
        const at = `${date}T10:00:00.000Z`;
        // Prices drift up over time and some people agree a little less or more than listed (to 50p).
        const age = (today.getTime() - day.getTime()) / (365 * dayMs);
        const price = Math.max(50, Math.round((s.price * (1 - 0.03 * age) * (0.9 + r() * 0.2)) / 50) * 50);
        const quantity = 100 + Math.floor(r() * 4) * 50;
        if (r() < 0.04) {
          insertOrder.run(s.id, s.org, buyer.id, buyer.id, "declined", buyer.account, s.name, s.category, s.unit, price, quantity, date, null, "Declined", at, at);
          continue;
        }
        const orderId = insertOrder.get(s.id, s.org, buyer.id, buyer.id, "ended", buyer.account, s.name, s.category, s.unit, price, quantity, date, date, null, at, at) as number;
        const amount = Math.round((price * quantity) / 100);
        const credited = r() < 0.03 ? Math.round(amount * 0.25) : 0;
        insertVisit.run(orderId, date, quantity, amount, date, quantity, at, credited, amount - credited, at, at, at);
      }
    }, { behavior: "immediate" });
  }

  if (o.searches) {
    const towns = [...new Set(services.map((s) => s.town))];
    const categories = [...new Set(services.map((s) => s.category))];
    const log = c.prepare("INSERT INTO search_log (at, query, filters, area_slug, town_slug, result_count) VALUES (?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      for (let i = 0; i < o.searches!; i++) {
        const at = new Date(firstDay + r() * (today.getTime() - firstDay)).toISOString();
        const category = r() < 0.7 ? pick(categories) : null;
        const rare = category === "transport" || category === "short-breaks" || category === "employment-support";
        const results = rare && r() < 0.6 ? Math.floor(r() * 4) : 5 + Math.floor(r() * 200);
        log.run(at, "", JSON.stringify(category ? { category } : {}), o.area, r() < 0.7 ? pick(towns) : null, results);
      }
    }, { behavior: "immediate" });
  }

  if (o.allocate !== false && admin) {
    // Each account paid between none and six four-weekly periods: a spread of balances to show.
    for (const b of buyers) {
      const periods = Math.floor(r() * 7);
      for (let p = 0; p < periods; p++) allocate(b.account, p, admin, new Date(Date.parse(startsOn) + p * 28 * dayMs).toISOString().slice(0, 10));
      // Hours the ISF's provider recorded in the periods paid: one or two lines of 1 to 3 hours.
      for (let line = 0; b.isf && periods > 0 && line < 1 + Math.floor(r() * 2); line++) {
        const on = new Date(Date.parse(startsOn) + Math.floor(r() * periods * 28) * dayMs).toISOString().slice(0, 10);
        recordIsfSpend({ budgetAccountId: b.account, organisationId: b.isf.org, effectiveOn: on, category: b.isf.category, description: "Support delivered",
          hours: 1 + Math.floor(r() * 5) / 2, ratePence: 1_800 + Math.floor(r() * 13) * 50, idempotencyKey: `history-isf:${b.account}:${line}`, by: admin });
      }
    }
  }
  // Declined requests give one of the fixed reasons a provider chooses from.
  db.$client.exec(`UPDATE orders SET decline_reason = CASE id % 5 WHEN 0 THEN 'full' WHEN 1 THEN 'area' WHEN 2 THEN 'times' WHEN 3 THEN 'service' ELSE 'other' END
    WHERE status = 'declined' AND decline_reason IS NULL`);
  rebuildRollups();
  return { buyers: buyers.length };
}
