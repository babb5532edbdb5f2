import "server-only";
import { LRUCache } from "lru-cache";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Limiter } from "./rate-limit";

/**
 * A shared-store limiter that does not pay a store round trip on every call (ADR 030, ADR 033).
 * While a caller is far from its limit, a call that goes to the store pays for the next LEASE
 * calls too, and those are then admitted here without a round trip. Near the limit (within
 * HEADROOM of it, by the count the store last reported) nothing is paid ahead: every call goes to
 * the store, and the refusal is exact there.
 *
 * Every call admitted here was counted in the store, in the same window, before it was admitted,
 * so the limit holds with any number of instances (given clocks within MARGIN of each other).
 * What it trades is the other way: points paid ahead and not spent when a process stops, or when
 * the caller's traffic moves to another instance, are lost for the rest of that window (at most
 * LEASE per process). Small allowances have no room to pay ahead (a lease of zero points): every
 * call is exact, and the sign-in, sign-up, chat and support throttles use the store directly.
 */

/** The share of the allowance near its end where every call is counted in the store. */
const HEADROOM = 0.2;
/** The share of the allowance a store call pays ahead while far from the limit. */
const LEASE = 0.05;
/** Points paid ahead are not spent this close to their window's end (clock skew, reply latency). */
const MARGIN_MS = 1_000;

interface KeyState {
  /** The store's count for the window as it last reported it (points paid ahead included). */
  consumed: number;
  /** When that window ends here (epoch ms, measured from before the store call: never late). */
  resetAt: number;
  /** Points paid to the store ahead, in this window, and not yet spent here. */
  available: number;
  /** The store call paying ahead, while one is on its way: resolves with its failure, if any. */
  refill?: Promise<unknown>;
}

export class BatchedLimiter {
  readonly points: number;
  private readonly headroom: number;
  private readonly lease: number;
  private readonly marginMs: number;
  // Callers come and go: keep the recent ones (a dropped caller's unspent points are lost).
  private readonly keys = new LRUCache<string, KeyState>({ max: 50_000 });

  constructor(private readonly store: Limiter) {
    this.points = store.points;
    this.headroom = Math.ceil(store.points * HEADROOM);
    this.lease = Math.floor(store.points * LEASE);
    this.marginMs = Math.min(MARGIN_MS, store.duration * 100); // a tenth of a short window
  }

  /** Spends `points` of `key`'s allowance: resolves with the outcome, rejects with it past the limit (as the store does). */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    for (;;) {
      const state = this.current(key);
      if (state && state.available >= points && Date.now() < state.resetAt - this.marginMs) {
        state.available -= points;
        return this.outcome(state);
      }
      if (!state?.refill) break;
      // A failing store fails the waiters at once too: the caller falls back instead of queueing.
      const failure = await state.refill;
      if (failure) throw failure;
    }
    const state = this.current(key);
    const farFromLimit = state && state.consumed + points + this.lease <= this.points - this.headroom;
    const ahead = farFromLimit && Date.now() < state.resetAt - this.marginMs ? this.lease : 0;
    const paying = this.fromStore(key, points, ahead);
    if (ahead && state)
      state.refill = paying
        .then(
          () => undefined,
          (reason: unknown) => (reason instanceof RateLimiterRes ? undefined : reason),
        )
        .finally(() => (state.refill = undefined));
    return paying;
  }

  /** This call through the store, with `ahead` points paid for later calls. */
  private async fromStore(key: string, points: number, ahead: number): Promise<RateLimiterRes> {
    const sentAt = Date.now();
    try {
      const res = await this.store.consume(key, points + ahead);
      return this.outcome(this.remember(key, res, sentAt, ahead));
    } catch (reason) {
      if (!(reason instanceof RateLimiterRes)) throw reason;
      // Refused with what it paid ahead: the count just before this call says what did fit (the
      // store's increment is atomic and reports the count after it). Keep all of that: the call,
      // if it fits, and the rest as paid ahead. Another instance spent more than this one knew.
      const room = this.points - (reason.consumedPoints - points - ahead);
      // A refusal that counted nothing (a block) or no room for the call: refused as it is.
      if (!ahead || reason.consumedPoints < points + ahead || room < points) {
        this.remember(key, reason, sentAt, 0);
        throw reason;
      }
      const state = this.remember(key, reason, sentAt, Math.min(ahead, room - points));
      return this.outcome(state);
    }
  }

  /** The caller's state for the window in progress, if this process knows one. */
  private current(key: string): KeyState | undefined {
    const state = this.keys.get(key);
    return state && Date.now() < state.resetAt ? state : undefined;
  }

  /** Takes in the store's answer to a call sent at `sentAt`, which paid `paidAhead` for later calls. */
  private remember(key: string, res: RateLimiterRes, sentAt: number, paidAhead: number): KeyState {
    const resetAt = res.msBeforeNext >= 0 ? sentAt + res.msBeforeNext : 0;
    const known = this.current(key);
    if (known && resetAt < known.resetAt - this.marginMs) return known; // an earlier window's answer
    if (known && resetAt <= known.resetAt + this.marginMs) {
      known.consumed = Math.max(known.consumed, res.consumedPoints); // answers may come back out of order
      known.resetAt = Math.min(known.resetAt, resetAt);
      known.available += paidAhead;
      return known;
    }
    // A new window: what was paid ahead in the last one is not this one's to spend.
    const state: KeyState = { consumed: res.consumedPoints, resetAt, available: paidAhead };
    this.keys.set(key, state);
    return state;
  }

  /** What an admitted call reports: the store's count less what is paid ahead and unspent. */
  private outcome(state: KeyState): RateLimiterRes {
    const used = Math.min(this.points, Math.max(0, state.consumed - state.available));
    return new RateLimiterRes(this.points - used, Math.max(0, state.resetAt - Date.now()), used, false);
  }
}
