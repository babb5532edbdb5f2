import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { getEnv, type Env } from "../env";
import { RateLimitedError } from "../errors";
import { getLogger } from "../observability/logger";
import { addressBucket } from "../auth/client-ip";
import { createLimiter, limiterStoreKind, retryAfterSeconds } from "../rate-limit";
import { BatchedLimiter } from "../rate-limit-batched";

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
  /**
   * Set when the transport counted the whole request before any procedure ran (chargeRequest):
   * each class's refusal, or null where the class is within its allowance.
   */
  rateLimitCharges: Map<RateLimitClass, RateLimitedError | null> | null;
}

/**
 * Whose allowances a call spends: an API key's and its owner's (so 25 keys do not multiply an
 * account's allowance), else the signed-in user's, else the address's (an IPv6 client by its /64,
 * which one subscriber holds whole). Without an address every such caller shares one bucket.
 */
export function limitKeysOf(ctx: RateLimitedContext): string[] {
  if (ctx.apiKey && ctx.user) return [`key:${ctx.apiKey.id}`, `user:${ctx.user.id}`];
  if (ctx.user) return [`user:${ctx.user.id}`];
  return [`ip:${ctx.ip ? addressBucket(ctx.ip) : "unknown"}`];
}

export function rateLimitClassOf(type: string, meta: { rateLimit?: RateLimitClass } | undefined): RateLimitClass {
  return meta?.rateLimit ?? (type === "mutation" ? "write" : "read");
}

interface ClassLimiter {
  /** The shared store, paid ahead while a caller is far from its limit (ADR 033). */
  store: BatchedLimiter;
  /** Per-process counters used while the shared store fails (see enforceRateLimit). */
  fallback: RateLimiterMemory;
  policy: string;
  windowSeconds: number;
}

let limiters: { env: Env; key: string; db: Db; byClass: Record<RateLimitClass, ClassLimiter> } | undefined;

function limiterFor(db: Db, rateClass: RateLimitClass): ClassLimiter {
  const env = getEnv();
  // The settings are read again only when the env is (tests reload it); not on every call.
  if (limiters?.env === env && limiters.db === db) return limiters.byClass[rateClass];
  const key = [
    limiterStoreKind(),
    ...Object.values(SETTING).map((s) => `${env[s].points}/${env[s].windowSeconds}`),
  ].join();
  if (limiters?.key !== key || limiters.db !== db) {
    const build = (c: RateLimitClass): ClassLimiter => {
      const { points, windowSeconds } = env[SETTING[c]];
      const options = { keyPrefix: `api:${c}`, points, duration: windowSeconds };
      return {
        store: new BatchedLimiter(createLimiter(db, options)),
        fallback: new RateLimiterMemory(options),
        policy: POLICY[c],
        windowSeconds,
      };
    };
    limiters = {
      env,
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
  limiters.env = env;
  return limiters.byClass[rateClass];
}

/**
 * Counts the calls of one HTTP request up front, per class, before any procedure runs: a streamed
 * batch sends its headers first, so RateLimit and Retry-After must be known then. The procedures'
 * middleware (enforceRateLimit) then only applies the verdict of its class.
 */
export async function chargeRequest(
  ctx: RateLimitedContext,
  calls: readonly { type: string; meta?: { rateLimit?: RateLimitClass } }[],
): Promise<void> {
  if (!ctx.rateLimits) return;
  const counts = new Map<RateLimitClass, number>();
  for (const call of calls) {
    const rateClass = rateLimitClassOf(call.type, call.meta);
    counts.set(rateClass, (counts.get(rateClass) ?? 0) + 1);
  }
  const charges = new Map<RateLimitClass, RateLimitedError | null>();
  await Promise.all([...counts].map(async ([rateClass, n]) => charges.set(rateClass, await charge(ctx, rateClass, n))));
  ctx.rateLimitCharges = charges;
}

/**
 * Applies the caller's allowance of `rateClass` to one call: the verdict counted up front for its
 * request, or else (a server-side caller with a request, like an RSC render) counts it now.
 * Throws RateLimitedError (429, Retry-After) past the limit.
 */
export async function enforceRateLimit(ctx: RateLimitedContext, rateClass: RateLimitClass): Promise<void> {
  if (!ctx.rateLimits) return;
  const refusal = ctx.rateLimitCharges?.has(rateClass)
    ? ctx.rateLimitCharges.get(rateClass)
    : await charge(ctx, rateClass, 1);
  if (refusal) throw refusal;
}

/** The longest Retry-After of the classes a request was refused, for headers sent before any call ran. */
export function refusedRetryAfter(ctx: RateLimitedContext | undefined): number | null {
  const seconds = [...(ctx?.rateLimitCharges?.values() ?? [])].map((e) => e?.context.retryAfterSeconds as number);
  const refused = seconds.filter((s) => typeof s === "number");
  return refused.length ? Math.max(...refused) : null;
}

/**
 * Spends `points` of `rateClass` from every allowance of the caller, records the tightest outcome
 * for the headers, and returns the refusal past the limit (else null).
 *
 * A failing store fails open to per-process counters, deliberately: the limit protects capacity,
 * and refusing every call because Redis is away would turn a cache outage into a full outage
 * (a PostgreSQL that is away fails the call itself with 503 anyway). Each process then still
 * limits on its own, so no caller is ever unlimited; the warning says the limits are per process.
 */
async function charge(ctx: RateLimitedContext, rateClass: RateLimitClass, points: number) {
  const limiter = limiterFor(ctx.db, rateClass);
  const results = await Promise.all(limitKeysOf(ctx).map((key) => consumeFrom(limiter, key, points)));
  const res = results.reduce((a, b) => (b.remainingPoints < a.remainingPoints ? b : a));
  const outcome: RateLimitOutcome = {
    policy: limiter.policy,
    quota: limiter.store.points,
    windowSeconds: limiter.windowSeconds,
    remaining: res.remainingPoints,
    resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
  };
  ctx.rateLimits?.push(outcome);
  if (res.consumedPoints <= limiter.store.points) return null;
  const retryAfter = retryAfterSeconds(res);
  return new RateLimitedError(
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

/** When the shared store last failed: while it is recent, calls skip it instead of waiting on it. */
let storeFailedAt: number | null = null;
const STORE_RETRY_MS = 5_000;

/** Lets the next call try the shared store at once (tests; the interval otherwise decides). */
export function forgetStoreFailure() {
  storeFailedAt = null;
}

/** The outcome of spending `points`; past the allowance too (a RateLimiterRes either way). */
async function consumeFrom(limiter: ClassLimiter, key: string, points: number): Promise<RateLimiterRes> {
  const settle = (promise: Promise<RateLimiterRes>) =>
    promise.catch((reason: unknown) => {
      if (reason instanceof RateLimiterRes) return reason;
      throw reason;
    });
  if (storeFailedAt !== null && Date.now() - storeFailedAt < STORE_RETRY_MS)
    return settle(limiter.fallback.consume(key, points));
  try {
    const res = await settle(limiter.store.consume(key, points));
    if (storeFailedAt !== null) getLogger().info("rate-limit store answers again: counting in the shared store");
    storeFailedAt = null;
    return res;
  } catch (reason) {
    if (storeFailedAt === null)
      getLogger().warn(
        { err: reason, policy: limiter.policy },
        "rate-limit store failed: counting in this process only until it answers",
      );
    storeFailedAt = Date.now();
    return settle(limiter.fallback.consume(key, points));
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
