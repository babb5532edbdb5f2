import "server-only";
import { Redis } from "ioredis";
import { RateLimiterPrisma, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./db/client";
import { getEnv } from "./env";
import { UnavailableError } from "./errors";
import { getLogger } from "./observability/logger";

/**
 * The one rate-limit mechanism: counters shared by every instance, in Redis when REDIS_URL is set,
 * else in PostgreSQL's RateLimit table. The API limits (server/api/rate-limits.ts), the sign-in
 * and sign-up throttles and the assistant's quota are all built from these pieces, so the store is
 * chosen in one place.
 */

export type Limiter = RateLimiterPrisma | RateLimiterRedis;

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

let redis: { url: string; client: Redis } | undefined;

/** The process's Redis connection for REDIS_URL, opened on first use; null without REDIS_URL. */
function redisClient(): Redis | null {
  const url = getEnv().REDIS_URL;
  if (!url) return null;
  if (redis?.url === url) return redis.client;
  const client = new Redis(url, {
    // A Redis that is away must not hold a request: a command fails after a second and one retry.
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnect failure to the console.
  client.on("error", (error: Error) => getLogger().warn({ err: error }, "rate-limit store (Redis) error"));
  redis = { url, client };
  return client;
}

/** Which store counters go to: "redis" when REDIS_URL is set, else "postgres". */
export const limiterStoreKind = (): "redis" | "postgres" => (getEnv().REDIS_URL ? "redis" : "postgres");

export function createLimiter(db: Db, options: LimiterOptions): Limiter {
  const client = redisClient();
  return client
    ? new RateLimiterRedis({ storeClient: client, ...options })
    : new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", ...options });
}

/** Closes the Redis connection, if one was opened (shutdown, tests). */
export async function closeLimiterStore(): Promise<void> {
  const open = redis;
  redis = undefined;
  await open?.client.quit().catch(() => open.client.disconnect());
}

/**
 * Counts one point for `key`. Once the allowance is used up, throws what `refusal` builds from the
 * seconds until the next point (at least 1). A failing store is 503: PostgreSQL's errors say so
 * themselves (server/db/errors.ts), Redis's are turned into RATE_LIMIT_STORE_UNAVAILABLE here.
 */
export async function consumeOrRefuse(
  limiter: Limiter,
  key: string,
  refusal: (retryAfterSeconds: number) => Error,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (reason) {
    if (reason instanceof RateLimiterRes) throw refusal(retryAfterSeconds(reason));
    if (limiterStoreKind() !== "redis") throw reason;
    throw new UnavailableError(
      "RATE_LIMIT_STORE_UNAVAILABLE",
      "We cannot check your allowance right now; try again shortly.",
      {
        retryAfterSeconds: 5,
      },
    );
  }
}

/** Whole seconds until the next point, at least 1 (a Retry-After of 0 invites a busy loop). */
export const retryAfterSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
