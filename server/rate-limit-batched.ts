import "server-only";
import { LRUCache } from "lru-cache";
import { RateLimiterRes } from "rate-limiter-flexible";
import { getLogger } from "./observability/logger";
import type { Limiter } from "./rate-limit";

/**
 * A shared-store limiter that does not pay a store round trip on every call (ADR 030). The first
 * call of a caller's window goes to the store and learns the shared count; while that caller is
 * far from the limit, later calls are counted here and sent to the store together every
 * FLUSH_MS (one increment), and answered from the count last seen plus what is pending. Near the
 * limit (within HEADROOM of it) every call goes to the store, so the refusal is exact there.
 *
 * What it trades: another instance's calls are seen up to FLUSH_MS late. Each process keeps at most
 * half the headroom unsent, so with two instances the limit still holds exactly; with n, a window
 * may admit up to (n − 2) × headroom / 2 extra calls. Counts not yet sent when a process dies are
 * lost (at most FLUSH_MS of them). Small limits (sign-in throttles use the store directly) have no
 * room to batch: with a headroom of one point, every call is exact.
 */

const FLUSH_MS = 100;
/** The share of the allowance near its end where every call is counted in the store. */
const HEADROOM = 0.2;

interface KeyState {
  /** The shared count as the store last reported it, and when its window ends (epoch ms). */
  consumed: number;
  resetAt: number;
  /** Counted here: not yet sent, and sent but not yet in `consumed`. */
  pending: number;
  sending: number;
  flushing: boolean;
}

export class BatchedLimiter {
  readonly points: number;
  private readonly headroom: number;
  private readonly keys: LRUCache<string, KeyState>;

  constructor(private readonly store: Limiter) {
    this.points = store.points;
    this.headroom = Math.max(1, Math.ceil(store.points * HEADROOM));
    // Callers come and go: keep the recent ones. A dropped caller's pending count is sent first.
    this.keys = new LRUCache<string, KeyState>({
      max: 50_000,
      dispose: (state, key) => {
        if (state.pending) void this.send(key, state.pending).catch(() => {});
      },
    });
  }

  /** Spends `points` of `key`'s allowance: resolves with the outcome, rejects with it past the limit (as the store does). */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    const now = Date.now();
    const state = this.keys.get(key);
    if (state && now < state.resetAt) {
      const unsent = state.pending + state.sending + points;
      const total = state.consumed + unsent;
      if (unsent <= this.headroom / 2 && total <= this.points - this.headroom) {
        state.pending += points;
        this.scheduleFlush(key, state);
        return new RateLimiterRes(this.points - total, state.resetAt - now, total, false);
      }
    }
    // Exact: through the store, with what this process still owes it for the current window.
    const owed = state && now < state.resetAt ? state.pending : 0;
    if (state) state.pending = 0;
    try {
      return this.remember(key, await this.store.consume(key, owed + points));
    } catch (reason) {
      if (reason instanceof RateLimiterRes) this.remember(key, reason);
      throw reason;
    }
  }

  private remember(key: string, res: RateLimiterRes): RateLimiterRes {
    const state = this.keys.get(key) ?? { consumed: 0, resetAt: 0, pending: 0, sending: 0, flushing: false };
    state.consumed = res.consumedPoints;
    state.resetAt = res.msBeforeNext >= 0 ? Date.now() + res.msBeforeNext : 0;
    this.keys.set(key, state);
    return res;
  }

  private scheduleFlush(key: string, state: KeyState) {
    if (state.flushing) return;
    state.flushing = true;
    setTimeout(() => {
      state.flushing = false;
      const points = state.pending;
      state.pending = 0;
      if (!points) return;
      state.sending += points;
      this.send(key, points)
        .catch((error: unknown) =>
          getLogger().warn({ err: error }, "rate-limit counts not sent to the store; they are lost"),
        )
        .finally(() => (state.sending -= points));
    }, FLUSH_MS).unref();
  }

  private async send(key: string, points: number) {
    const res = await this.store.penalty(key, points);
    // The store's count now includes these; anything counted here since is still pending.
    if (this.keys.has(key)) this.remember(key, res);
  }
}
