import "server-only";
import { LRUCache } from "lru-cache";
import { RateLimiterRes } from "rate-limiter-flexible";
import { getLogger } from "./observability/logger";
import type { Limiter } from "./rate-limit";

/**
 * A shared-store limiter that does not pay a store round trip on every call (ADR 030, ADR 033).
 * While a caller is far from its limit, a call that goes to the store pays for the next LEASE
 * calls too, and those are then admitted here without a round trip. Near the limit (within
 * HEADROOM of it, by the count the store last reported) no points are taken ahead: every call goes
 * to the store, and the refusal is exact there.
 *
 * Every admitted call was counted in the store before it was admitted, so the limit holds with any
 * number of instances. What it trades is the other way: points paid ahead and not spent when a
 * process stops, or when the caller's traffic moves to another instance, are lost for the rest of
 * that window (at most LEASE per process). Small allowances have no room to take ahead (a lease of
 * zero points): every call is exact, and the sign-in, sign-up, chat and support throttles use the
 * store directly.
 */

/** The share of the allowance near its end where every call is counted in the store. */
const HEADROOM = 0.2;
/** The share of the allowance a store call pays ahead while far from the limit. */
const LEASE = 0.05;

interface KeyState {
  /** The store's count for the window as it last reported it (points paid ahead included). */
  consumed: number;
  /** When that window ends (epoch ms). */
  resetAt: number;
  /** Points paid to the store ahead and not yet spent here. */
  available: number;
  /** The store call paying ahead, while one is on its way: other calls wait for it. */
  refill?: Promise<unknown>;
}

export class BatchedLimiter {
  readonly points: number;
  private readonly headroom: number;
  private readonly lease: number;
  // Callers come and go: keep the recent ones (a dropped caller's unspent points are lost).
  private readonly keys = new LRUCache<string, KeyState>({ max: 50_000 });

  constructor(private readonly store: Limiter) {
    this.points = store.points;
    this.headroom = Math.ceil(store.points * HEADROOM);
    this.lease = Math.floor(store.points * LEASE);
  }

  /** Spends `points` of `key`'s allowance: resolves with the outcome, rejects with it past the limit (as the store does). */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    for (;;) {
      const state = this.current(key);
      if (state && state.available >= points) {
        state.available -= points;
        return this.outcome(state);
      }
      if (!state?.refill) break;
      await state.refill;
    }
    const state = this.current(key);
    const ahead = state && state.consumed + points + this.lease <= this.points - this.headroom ? this.lease : 0;
    const paying = this.fromStore(key, points, ahead);
    // Calls that find nothing left wait for this one: it may pay for them too.
    if (ahead && state) state.refill = paying.catch(() => {}).finally(() => (state.refill = undefined));
    return paying;
  }

  /** This call through the store, with `ahead` points paid for later calls. */
  private async fromStore(key: string, points: number, ahead: number): Promise<RateLimiterRes> {
    try {
      const res = await this.store.consume(key, points + ahead);
      const state = this.remember(key, res, ahead);
      return ahead ? this.outcome(state) : res;
    } catch (reason) {
      if (!(reason instanceof RateLimiterRes)) throw reason;
      if (ahead) return this.refusedAhead(key, points, ahead, reason);
      this.remember(key, reason, 0);
      throw reason;
    }
  }

  /**
   * The store refused this call together with the points it paid ahead (another instance spent
   * more than this one knew). The store's count just before the call tells how much did fit: keep
   * that, admit the call if it fits, and give the rest back so that others are not refused for it.
   */
  private async refusedAhead(key: string, points: number, ahead: number, refused: RateLimiterRes) {
    const room = this.points - (refused.consumedPoints - points - ahead);
    const admitted = room >= points;
    const kept = admitted ? Math.min(ahead, room - points) : 0;
    const res =
      kept === ahead
        ? refused
        : await this.store.reward(key, ahead - kept).catch((error: unknown) => {
            getLogger().warn({ err: error }, "rate-limit points paid ahead not given back; the window counts them");
            return refused;
          });
    const state = this.remember(key, res, kept);
    if (!admitted) throw refused;
    return this.outcome(state);
  }

  /** The caller's state for the window in progress, if this process knows one. */
  private current(key: string): KeyState | undefined {
    const state = this.keys.get(key);
    return state && Date.now() < state.resetAt ? state : undefined;
  }

  private remember(key: string, res: RateLimiterRes, paidAhead: number): KeyState {
    const known = this.current(key);
    const state: KeyState = known ?? { consumed: 0, resetAt: 0, available: 0 };
    state.consumed = res.consumedPoints;
    state.resetAt = res.msBeforeNext >= 0 ? Date.now() + res.msBeforeNext : 0;
    state.available += paidAhead;
    if (!known) this.keys.set(key, state);
    return state;
  }

  /** What a call admitted here reports: the store's count less what is paid ahead and unspent. */
  private outcome(state: KeyState): RateLimiterRes {
    const used = state.consumed - state.available;
    return new RateLimiterRes(Math.max(0, this.points - used), state.resetAt - Date.now(), used, false);
  }
}
