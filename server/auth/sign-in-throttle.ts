import "server-only";
import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { RateLimitedError } from "../errors";

/**
 * Throttles failed sign-ins per email and per IP (counters in PostgreSQL, so every instance
 * shares them). An IP gets more room than one email: many people can share an address.
 */
export interface SignInThrottle {
  /** Throws RateLimitedError while either key is locked. */
  assertAllowed(email: string, ip: string | null): Promise<void>;
  recordFailure(email: string, ip: string | null): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createSignInThrottle(db: Db, options: { maxFailures: number; lockSeconds: number }): SignInThrottle {
  const byEmail = new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "signin:email",
    points: options.maxFailures,
    duration: options.lockSeconds,
  });
  const byIp = new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "signin:ip",
    points: options.maxFailures * 4,
    duration: options.lockSeconds,
  });
  const locked = (res: RateLimiterRes | null, max: number) => !!res && res.consumedPoints >= max;

  return {
    async assertAllowed(email, ip) {
      const [emailRes, ipRes] = await Promise.all([byEmail.get(email), ip ? byIp.get(ip) : null]);
      const blocking = [locked(emailRes, byEmail.points) && emailRes, locked(ipRes, byIp.points) && ipRes].filter(
        (r): r is RateLimiterRes => !!r,
      );
      if (blocking.length) {
        const retryAfterSeconds = Math.ceil(Math.max(...blocking.map((r) => r.msBeforeNext)) / 1000);
        throw new RateLimitedError(
          "SIGN_IN_THROTTLED",
          `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`,
          {
            retryAfterSeconds,
          },
        );
      }
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
