import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./db/client";

/**
 * Counters in PostgreSQL's RateLimit table, shared by every instance: the sign-in and sign-up
 * throttles and the assistant's quota are built from these two pieces.
 */

export function createLimiter(
  db: Db,
  options: { keyPrefix: string; points: number; duration: number; blockDuration?: number },
): RateLimiterPrisma {
  return new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", ...options });
}

/**
 * Counts one point for `key`. Once the allowance is used up, throws what `refusal` builds from the
 * seconds until the next point (at least 1); a failing store rejects with its own error.
 */
export async function consumeOrRefuse(
  limiter: RateLimiterPrisma,
  key: string,
  refusal: (retryAfterSeconds: number) => Error,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (reason) {
    if (!(reason instanceof RateLimiterRes)) throw reason;
    throw refusal(Math.max(1, Math.ceil(reason.msBeforeNext / 1000)));
  }
}
