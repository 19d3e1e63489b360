// Order moves for race tests (race.ts runs them in separate processes): each answers whether it
// happened, instead of throwing, so the test can count winners.
import { actorOf } from "./fixtures";
import { acceptOrder, confirmDelivery } from "../../app/purchasing/orders.server";
import { OrderError } from "../../app/purchasing/lifecycle";

function attempt(move: () => unknown) {
  try {
    move();
    return { ok: true };
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, code: error.code };
    throw error;
  }
}

export const acceptAs = (userId: number, orderId: number) => attempt(() => acceptOrder(actorOf(userId), orderId, new Date("2026-02-01T09:00:00Z")));
/** A null user is the auto-confirm job. */
export const confirmAs = (userId: number | null, occurrenceId: number) =>
  attempt(() => confirmDelivery(userId === null ? null : actorOf(userId), occurrenceId, new Date("2026-02-10T12:00:00Z")));
