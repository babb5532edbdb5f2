import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { getEnv, type Env } from "../env";
import { RateLimitedError } from "../errors";
import { getLogger } from "../observability/logger";
import { createLimiter, limiterStoreKind, retryAfterSeconds, type Limiter } from "../rate-limit";

/**
 * Rate limits of every tRPC call (docs/decisions/018-rate-limits.md): one counter per caller
 * identity and procedure class, in the shared store (server/rate-limit.ts). Past the limit a call
 * fails with 429 in the house error shape and Retry-After; every limited response carries
 * RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers).
 */

/** `read` for queries, `write` for mutations; procedures mark `checkout` and `assistant` in meta. */
export type RateLimitClass = "read" | "write" | "checkout" | "assistant";

/** The policy names clients see in the headers. */
const POLICY: Record<RateLimitClass, string> = {
  read: "reads",
  write: "writes",
  checkout: "checkout",
  assistant: "assistant",
};
const SETTING = {
  read: "RATE_LIMIT_READS",
  write: "RATE_LIMIT_WRITES",
  checkout: "RATE_LIMIT_CHECKOUT",
  assistant: "RATE_LIMIT_ASSISTANT",
} as const satisfies Record<RateLimitClass, keyof Env>;

/** One counted call, as the response headers report it. */
export interface RateLimitOutcome {
  policy: string;
  quota: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

/** What the middleware reads of the tRPC context. */
export interface RateLimitedContext {
  db: Db;
  user: { id: string } | null;
  apiKey: { id: string } | null;
  ip: string | null;
  /** Null: an in-process caller with no request (tests, cache fills), which no limit applies to. */
  rateLimits: RateLimitOutcome[] | null;
}

/**
 * Whose allowance a call spends: the API key's, else the signed-in user's, else the address's.
 * Without an address (no proxy header where one is expected) every such caller shares one
 * bucket: stricter, never looser.
 */
export function limitKeyOf(ctx: RateLimitedContext): string {
  if (ctx.apiKey) return `key:${ctx.apiKey.id}`;
  if (ctx.user) return `user:${ctx.user.id}`;
  return `ip:${ctx.ip ?? "unknown"}`;
}

export function rateLimitClassOf(type: string, meta: { rateLimit?: RateLimitClass } | undefined): RateLimitClass {
  return meta?.rateLimit ?? (type === "mutation" ? "write" : "read");
}

interface ClassLimiter {
  store: Limiter;
  /** Per-process counters used while the shared store fails (see enforceRateLimit). */
  fallback: RateLimiterMemory;
  policy: string;
  windowSeconds: number;
}

let limiters: { key: string; db: Db; byClass: Record<RateLimitClass, ClassLimiter> } | undefined;

function limiterFor(db: Db, rateClass: RateLimitClass): ClassLimiter {
  const env = getEnv();
  const key = [
    limiterStoreKind(),
    ...Object.values(SETTING).map((s) => `${env[s].points}/${env[s].windowSeconds}`),
  ].join();
  if (limiters?.key !== key || limiters.db !== db) {
    const build = (c: RateLimitClass): ClassLimiter => {
      const { points, windowSeconds } = env[SETTING[c]];
      const options = { keyPrefix: `api:${c}`, points, duration: windowSeconds };
      return {
        store: createLimiter(db, options),
        fallback: new RateLimiterMemory(options),
        policy: POLICY[c],
        windowSeconds,
      };
    };
    limiters = {
      key,
      db,
      byClass: {
        read: build("read"),
        write: build("write"),
        checkout: build("checkout"),
        assistant: build("assistant"),
      },
    };
  }
  return limiters.byClass[rateClass];
}

/**
 * Counts one call of `rateClass` for the caller and records the outcome on the context for the
 * response headers; throws RateLimitedError (429, Retry-After) past the limit.
 *
 * A failing store fails open to per-process counters, deliberately: the limit protects capacity,
 * and refusing every call because Redis is away would turn a cache outage into a full outage
 * (a PostgreSQL that is away fails the call itself with 503 anyway). Each process then still
 * limits on its own, so no caller is ever unlimited; the warning says the limits are per process.
 */
export async function enforceRateLimit(ctx: RateLimitedContext, rateClass: RateLimitClass): Promise<void> {
  if (!ctx.rateLimits) return;
  const limiter = limiterFor(ctx.db, rateClass);
  const key = limitKeyOf(ctx);
  let res: RateLimiterRes;
  try {
    res = await consumeFrom(limiter, key);
  } catch (reason) {
    if (!(reason instanceof RateLimiterRes)) throw reason;
    res = reason;
  }
  const outcome: RateLimitOutcome = {
    policy: limiter.policy,
    quota: limiter.store.points,
    windowSeconds: limiter.windowSeconds,
    remaining: res.remainingPoints,
    resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
  };
  ctx.rateLimits.push(outcome);
  if (res.consumedPoints <= limiter.store.points) return;
  const retryAfter = retryAfterSeconds(res);
  throw new RateLimitedError(
    "RATE_LIMITED",
    `Too many requests (${outcome.policy}: ${outcome.quota} per ${outcome.windowSeconds} s). Try again in ${retryAfter} s.`,
    {
      retryAfterSeconds: retryAfter,
      policy: outcome.policy,
      limit: outcome.quota,
      windowSeconds: outcome.windowSeconds,
    },
  );
}

/** Whether the shared store failed last time: an outage is logged once, not on every call. */
let storeFailing = false;

async function consumeFrom(limiter: ClassLimiter, key: string): Promise<RateLimiterRes> {
  try {
    const res = await limiter.store.consume(key);
    if (storeFailing) getLogger().info("rate-limit store answers again: counting in the shared store");
    storeFailing = false;
    return res;
  } catch (reason) {
    if (reason instanceof RateLimiterRes) throw reason;
    if (!storeFailing)
      getLogger().warn(
        { err: reason, policy: limiter.policy },
        "rate-limit store failed: counting in this process only until it answers",
      );
    storeFailing = true;
    return limiter.fallback.consume(key);
  }
}

/**
 * RateLimit-Policy and RateLimit for the calls of one response: one item per policy, with its
 * tightest outcome (a batch of several reads reports the lowest remaining).
 */
export function rateLimitHeaders(outcomes: readonly RateLimitOutcome[] | null | undefined): Record<string, string> {
  if (!outcomes?.length) return {};
  const tightest = new Map<string, RateLimitOutcome>();
  for (const o of outcomes) {
    const seen = tightest.get(o.policy);
    if (!seen || o.remaining < seen.remaining || (o.remaining === seen.remaining && o.resetSeconds > seen.resetSeconds))
      tightest.set(o.policy, o);
  }
  // In a fixed order: the calls of a batch finish in any order, the headers should not vary with it.
  const order = Object.values(POLICY);
  const items = [...tightest.values()].sort((a, b) => order.indexOf(a.policy) - order.indexOf(b.policy));
  return {
    "RateLimit-Policy": items.map((o) => `"${o.policy}";q=${o.quota};w=${o.windowSeconds}`).join(", "),
    RateLimit: items.map((o) => `"${o.policy}";r=${o.remaining};t=${o.resetSeconds}`).join(", "),
  };
}
