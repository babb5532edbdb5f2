import "server-only";
import type { Db } from "../db/client";
import { getEnv } from "../env";
import { RateLimitedError } from "../errors";
import { consumeOrRefuse, createLimiter } from "../rate-limit";

/**
 * Throttles account creation per IP (counters in the shared rate-limit store). Every
 * attempt counts, a refused one too: each costs a password hash and can probe for taken emails.
 */
export interface SignUpThrottle {
  /** Counts one attempt from `ip`; throws RateLimitedError once the window's allowance is used. */
  consume(ip: string | null): Promise<void>;
}

export function createSignUpThrottle(db: Db, options: { maxPerIp: number; windowSeconds: number }): SignUpThrottle {
  const byIp = createLimiter(db, {
    keyPrefix: "signup:ip",
    points: options.maxPerIp,
    duration: options.windowSeconds,
  });
  return {
    async consume(ip) {
      // Only in-process callers have no address: the HTTP edges always supply one (the peer
      // address self-hosted, X-Forwarded-For on Vercel / behind TRUST_PROXY).
      if (!ip) return;
      await consumeOrRefuse(
        byIp,
        ip,
        (retryAfterSeconds) =>
          new RateLimitedError(
            "SIGN_UP_THROTTLED",
            `Too many accounts were created from your network. Try again in ${retryAfterMessage(retryAfterSeconds)}.`,
            { retryAfterSeconds },
          ),
      );
    },
  };
}

const retryAfterMessage = (seconds: number) =>
  seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;

let shared: { key: string; throttle: SignUpThrottle } | undefined;

/** The throttle with the configured limits (SIGNUP_MAX_PER_IP per SIGNUP_WINDOW_SECONDS). */
export function signUpThrottle(db: Db): SignUpThrottle {
  const { SIGNUP_MAX_PER_IP, SIGNUP_WINDOW_SECONDS } = getEnv();
  const key = `${SIGNUP_MAX_PER_IP}/${SIGNUP_WINDOW_SECONDS}`;
  if (shared?.key !== key)
    shared = {
      key,
      throttle: createSignUpThrottle(db, { maxPerIp: SIGNUP_MAX_PER_IP, windowSeconds: SIGNUP_WINDOW_SECONDS }),
    };
  return shared.throttle;
}
