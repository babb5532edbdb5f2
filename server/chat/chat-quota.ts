import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";
import { RateLimitedError } from "../errors";

/**
 * How many assistant turns a caller may start per hour: signed-in users per account, anonymous
 * visitors per IP (a small quota: the answers cost the operator money with a hosted model).
 * Counters live in PostgreSQL, so every instance shares them.
 */
export interface ChatQuota {
  /** Counts one turn; throws RateLimitedError (429 with Retry-After) when the quota is used up. */
  consume(caller: { user: SessionUser | null; ip: string | null }): Promise<void>;
}

const HOUR = 3600;

export function createChatQuota(db: Db, limits: { perUserPerHour: number; perIpPerHour: number }): ChatQuota {
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix, points, duration: HOUR });
  const byUser = limiter("chat:user", limits.perUserPerHour);
  const byIp = limiter("chat:ip", limits.perIpPerHour);

  return {
    async consume({ user, ip }) {
      // Without a proxy header every anonymous caller shares one bucket: stricter, never looser.
      const [limiterOf, key] = user ? [byUser, user.id] : [byIp, ip ?? "unknown"];
      try {
        await limiterOf.consume(key);
      } catch (reason) {
        if (!(reason instanceof RateLimiterRes)) throw reason; // the store failed: surface it
        const retryAfterSeconds = Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
        const minutes = Math.ceil(retryAfterSeconds / 60);
        throw new RateLimitedError(
          "CHAT_QUOTA_EXCEEDED",
          user
            ? `You have used this hour's ${limiterOf.points} questions. Try again in ${minutes} min.`
            : `Visitors may ask ${limiterOf.points} questions an hour. Sign in for more, or try again in ${minutes} min.`,
          { retryAfterSeconds },
        );
      }
    },
  };
}
