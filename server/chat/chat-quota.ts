import "server-only";
import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";
import { RateLimitedError } from "../errors";
import { consumeOrRefuse, createLimiter } from "../rate-limit";

/**
 * How many assistant turns a caller may start per hour: signed-in users per account, anonymous
 * visitors per IP (a small quota: the answers cost the operator money with a hosted model).
 * Counters live in the shared rate-limit store (server/rate-limit.ts), so every instance shares them.
 */
export interface ChatQuota {
  /** Counts one turn; throws RateLimitedError (429 with Retry-After) when the quota is used up. */
  consume(caller: { user: SessionUser | null; ip: string | null }): Promise<void>;
}

const HOUR = 3600;

export function createChatQuota(db: Db, limits: { perUserPerHour: number; perIpPerHour: number }): ChatQuota {
  const byUser = createLimiter(db, { keyPrefix: "chat:user", points: limits.perUserPerHour, duration: HOUR });
  const byIp = createLimiter(db, { keyPrefix: "chat:ip", points: limits.perIpPerHour, duration: HOUR });

  return {
    async consume({ user, ip }) {
      // Without a proxy header every anonymous caller shares one bucket: stricter, never looser.
      const [limiterOf, key] = user ? [byUser, user.id] : [byIp, ip ?? "unknown"];
      await consumeOrRefuse(limiterOf, key, (retryAfterSeconds) => {
        const minutes = Math.ceil(retryAfterSeconds / 60);
        return new RateLimitedError(
          "CHAT_QUOTA_EXCEEDED",
          user
            ? `You have used this hour's ${limiterOf.points} questions. Try again in ${minutes} min.`
            : `Visitors may ask ${limiterOf.points} questions an hour. Sign in for more, or try again in ${minutes} min.`,
          { retryAfterSeconds },
        );
      });
    },
  };
}
