import "server-only";
import type { RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { getEnv } from "../env";
import { RateLimitedError } from "../errors";
import { createLimiter, type Limiter } from "../rate-limit";

/**
 * Throttles failed sign-ins per email and per IP (counters in the shared rate-limit store, so
 * every instance shares them). An IP gets more room than one email: many people can share an address.
 */
export interface SignInThrottle {
  /** Throws RateLimitedError while either key is locked. */
  assertAllowed(email: string, ip: string | null): Promise<void>;
  recordFailure(email: string, ip: string | null): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createSignInThrottle(db: Db, options: { maxFailures: number; lockSeconds: number }): SignInThrottle {
  // `failures - 1` are counted within the window; the next one locks the key for `lockSeconds`
  // from that failure on (blockDuration), however long ago the first one was.
  const limiter = (keyPrefix: string, failures: number) =>
    createLimiter(db, {
      keyPrefix,
      points: failures - 1,
      duration: options.lockSeconds,
      blockDuration: options.lockSeconds,
    });
  const byEmail = limiter("signin:email", options.maxFailures);
  const byIp = limiter("signin:ip", options.maxFailures * 4);

  async function lockOf(limiter: Limiter, key: string | null) {
    const res = key ? await limiter.get(key) : null;
    return res && res.consumedPoints > limiter.points ? res : null;
  }

  return {
    async assertAllowed(email, ip) {
      const locks = (await Promise.all([lockOf(byEmail, email), lockOf(byIp, ip)])).filter(
        (r): r is RateLimiterRes => r !== null,
      );
      if (!locks.length) return;
      const retryAfterSeconds = Math.ceil(Math.max(...locks.map((r) => r.msBeforeNext)) / 1000);
      throw new RateLimitedError(
        "SIGN_IN_THROTTLED",
        `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`,
        {
          retryAfterSeconds,
        },
      );
    },
    async recordFailure(email, ip) {
      await Promise.all([byEmail.consume(email).catch(lockedIsFine), ip ? byIp.consume(ip).catch(lockedIsFine) : null]);
    },
    async recordSuccess(email) {
      await byEmail.delete(email);
    },
  };
}

// consume() rejects with a RateLimiterRes once the points are used up: that is the locked state,
// which assertAllowed reports. Store failures reject with an Error and must surface.
function lockedIsFine(reason: unknown) {
  if (reason instanceof Error) throw reason;
}

let shared: { key: string; throttle: SignInThrottle } | undefined;

/** The throttle with the configured limits (SIGNIN_MAX_FAILURES, SIGNIN_LOCK_SECONDS). */
export function signInThrottle(db: Db): SignInThrottle {
  const { SIGNIN_MAX_FAILURES, SIGNIN_LOCK_SECONDS } = getEnv();
  const key = `${SIGNIN_MAX_FAILURES}/${SIGNIN_LOCK_SECONDS}`;
  if (shared?.key !== key)
    shared = {
      key,
      throttle: createSignInThrottle(db, { maxFailures: SIGNIN_MAX_FAILURES, lockSeconds: SIGNIN_LOCK_SECONDS }),
    };
  return shared.throttle;
}
