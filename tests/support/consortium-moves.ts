// Group offer moves for race and crash tests (race.ts runs them in separate processes, on the
// real clock): each counts what happened instead of throwing, so the test can check nothing was lost.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeDueOffers, closeOffer, ConsortiumError, pledge, withdrawPledge } from "../../app/consortia/consortia.server";
import { OrderError } from "../../app/purchasing/lifecycle";
import { actorOf } from "./fixtures";

type Holder = { id: number; budget: number };

// How long before the deadline the shared clock starts: long enough for every process to pledge and withdraw many times.
const LEAD_MS = 5_000;

/**
 * Waits until every process of the race is loaded (each leaves a file in `dir`), then returns a
 * clock that reads `leadMs` before the deadline at that moment and runs on in real time, so
 * every process lives through the same deadline however slowly the machine started them.
 */
async function sharedClock(dir: string, parties: number, deadlineIso: string, leadMs: number) {
  writeFileSync(join(dir, String(process.pid)), "");
  while (readdirSync(dir).length < parties) await new Promise((resolve) => setTimeout(resolve, 5));
  const t0 = Date.now();
  const start = Date.parse(deadlineIso) - leadMs;
  return () => new Date(start + (Date.now() - t0));
}

/**
 * Until shortly after the deadline, these holders pledge and withdraw at random, each move at the
 * moment it happens. Returns what succeeded, so every pledge made can be accounted for.
 */
export async function churn(offerId: number, holders: Holder[], deadlineIso: string, seed: number, dir: string, parties: number) {
  const clock = await sharedClock(dir, parties, deadlineIso, LEAD_MS);
  const until = Date.parse(deadlineIso) + 500;
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const live = new Map<number, number>(); // holder -> pledge id
  const done = { pledged: 0, waiting: 0, withdrew: 0, refused: 0 };
  while (clock().getTime() < until) {
    // A person's clicks are milliseconds apart, not back to back: let the other processes in.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 15)));
    const h = holders[Math.floor(random() * holders.length)]!;
    try {
      const mine = live.get(h.id);
      if (mine === undefined) {
        const r = pledge(actorOf(h.id), { offerId, holderId: h.id, budgetAccountId: h.budget, displayName: `H${h.id}` }, clock());
        if (r.ok) {
          live.set(h.id, r.pledgeId);
          done[r.status === "waiting" ? "waiting" : "pledged"]++;
        } else done.refused++;
      } else {
        withdrawPledge(actorOf(h.id), mine, clock());
        live.delete(h.id);
        done.withdrew++;
      }
    } catch (error) {
      if (!(error instanceof ConsortiumError || error instanceof OrderError)) throw error;
      // A waiting place that was dropped (its budget could not cover it) is no longer ours to withdraw.
      if (error instanceof ConsortiumError && error.code === "invalid") live.delete(h.id);
      done.refused++;
    }
  }
  return done;
}

/** Waits for the deadline on the shared clock, then runs the hourly job's close. */
export async function closeAtDeadline(deadlineIso: string, dir: string, parties: number) {
  const clock = await sharedClock(dir, parties, deadlineIso, LEAD_MS);
  await new Promise((resolve) => setTimeout(resolve, LEAD_MS + 1));
  return closeDueOffers(clock());
}

/** For the crash test: closes offers one after another, printing how many are done. */
export function closeAll(offerIds: number[], nowIso: string) {
  offerIds.forEach((id, i) => {
    closeOffer(null, id, new Date(nowIso));
    process.stdout.write(`${i + 1}\n`);
  });
}
