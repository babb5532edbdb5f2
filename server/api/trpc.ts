/**
 * tRPC setup: context, error shape and the procedure builders every router uses.
 *
 * - createInnerContext: what a procedure may touch (db, caller, logger); tests call routers
 *   through `createCaller(createInnerContext(...))` with no HTTP at all.
 * - createContext: builds it from plain request headers, so the same router serves Next's route
 *   handler (Vercel) and the self-hosted Node fast path.
 */
import "server-only";
import { initTRPC } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { type ApiKeyGrant, requireKeyCaller } from "../auth/api-keys";
import type { ScopeRequirement } from "../auth/api-scopes";
import { clientIp } from "../auth/client-ip";
import { requireRole, requireSignedIn, type Role, type SessionUser } from "../auth/roles";
import { authenticateRequest } from "../auth/session";
import { db as defaultDb, type Db } from "../db/client";
import { type RateLimitedError, renderError, type ErrorBody, toTRPCError } from "../errors";
import { getLogger } from "../observability/logger";
import { CORRELATION_HEADER, correlationIdFrom, currentContext } from "../observability/request-context";
import { observeProcedure } from "../observability/tracing";
import {
  chargeRequest,
  enforceRateLimit,
  rateLimitClassOf,
  type RateLimitClass,
  type RateLimitOutcome,
} from "./rate-limits";
import { supportTokenFrom } from "./support-cookie";
import { crossSiteRefusal, isCrossSiteWithAmbientCredentials } from "./same-origin";
import { plainJsonBody, serverTransformer } from "./transformer";

export interface InnerContextOptions {
  user: SessionUser | null;
  /** Set when a script authenticated with an API key: procedures then also need its scope. */
  apiKey?: ApiKeyGrant | null;
  db?: Db;
  correlationId?: string;
  ip?: string | null;
  /** A browser says another site sent this request with the caller's cookies: mutations refuse it (CSRF). */
  crossSite?: boolean;
  /**
   * The call came over HTTP, so the rate limits apply (createContext sets it). In-process callers
   * (tests, the shared catalog cache's anonymous loads) are no caller to limit.
   */
  rateLimited?: boolean;
  /** A visitor's support access token, from its cookie (./support-cookie.ts): opens that support thread. */
  supportToken?: string | null;
}

export function createInnerContext(opts: InnerContextOptions) {
  const correlationId = opts.correlationId ?? currentContext()?.correlationId ?? correlationIdFrom(null);
  const store = currentContext();
  if (store && opts.user) store.userId = opts.user.id; // later log lines of this request name the user
  return {
    db: opts.db ?? defaultDb,
    user: opts.user,
    apiKey: opts.apiKey ?? null,
    ip: opts.ip ?? null,
    crossSite: opts.crossSite ?? false,
    supportToken: opts.supportToken ?? null,
    /** Filled by the rate limits (./rate-limits.ts), read by the transports for RateLimit headers. */
    rateLimits: opts.rateLimited ? ([] as RateLimitOutcome[]) : null,
    rateLimitCharges: null as Map<RateLimitClass, RateLimitedError | null> | null,
    correlationId,
    // The request context's mixin stamps correlationId and userId on every line.
    log: getLogger(),
  };
}

/** A call of an HTTP request, as tRPC's request info names it (its procedure null when unknown). */
interface RequestCall {
  procedure: { _def: { type: string; meta?: unknown } } | null;
}

/**
 * `user` when the caller already looked it up (an RSC render shares one lookup per request).
 * `calls` (the transports pass tRPC's request info) are charged to the caller's rate limits before
 * any of them runs; an unknown procedure counts as a read.
 */
export async function createContext({
  headers,
  user,
  calls,
}: {
  headers: Headers;
  user?: SessionUser | null;
  calls?: readonly RequestCall[];
}) {
  const ip = clientIp(headers);
  const caller = user === undefined ? await authenticateRequest(headers, ip) : { user, apiKey: null };
  const ctx = createInnerContext({
    ...caller,
    // The HTTP edge already chose the ID; the header is the fallback outside one.
    correlationId: currentContext()?.correlationId ?? correlationIdFrom(headers.get(CORRELATION_HEADER)),
    ip,
    crossSite: isCrossSiteWithAmbientCredentials(headers),
    rateLimited: true,
    supportToken: supportTokenFrom(headers),
  });
  if (calls)
    await chargeRequest(
      ctx,
      calls.map((c) => ({ type: c.procedure?._def.type ?? "query", meta: c.procedure?._def.meta as ProcedureMeta })),
    );
  return ctx;
}

/** A route handler's context: a handler is one operation, so it names the scope a key needs for it. */
export async function createRouteContext(headers: Headers, scope: ScopeRequirement) {
  const ctx = await createContext({ headers });
  if (!ctx.apiKey || !ctx.user) return ctx;
  return { ...ctx, user: requireKeyCaller(ctx.user, ctx.apiKey, scope) };
}

export type Context = ReturnType<typeof createInnerContext>;

/**
 * `ownerScoped` marks procedures that act on one user-owned row: they must go through that
 * resource's `requireXOwner` check, and the ownership matrix test (ownership.test.ts) finds them
 * by this mark, so a new one cannot ship untested. `openapi` serves a procedure that has a scope
 * under /api/v1 as well (server/api/rest.ts, docs/decisions/020-rest-and-openapi.md).
 */
export type ProcedureMeta = OpenApiMeta<{
  ownerScoped?: "owner-only" | "owner-or-staff";
  /** What an API key needs to call this; without it, keys are refused (api-key-scopes.test.ts checks every procedure). */
  scope?: ScopeRequirement;
  /** Rate-limit class when not the default by type (queries `read`, mutations `write`). */
  rateLimit?: Extract<RateLimitClass, "checkout" | "assistant">;
}>;

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // superjson, except that error bodies travel as the plain JSON they are (see ./transformer).
    transformer: serverTransformer,
    // Never ship stack traces to clients, whatever NODE_ENV says.
    isDev: false,
    // The one error body (server/errors.ts renderError); tRPC wraps it in its envelope.
    errorFormatter: ({ error, path }): ErrorBody => plainJsonBody(renderError(error, { path }).body),
    // Subscriptions (server/realtime/live.ts): a ping keeps proxies from closing a quiet stream, and
    // the client reconnects when pings stop. A stream ends after a while (before Vercel's function
    // limit there) and the client reconnects with its last event id: authorisation is checked again
    // then, so a revoked session or key does not keep listening.
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 40_000 },
      maxDurationMs: process.env.VERCEL ? 250_000 : 15 * 60_000,
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * What every call passes through, in one middleware (each middleware level costs tRPC two object
 * copies per call, measurably on the hot path: ADR 030), in this order:
 * - the caller's allowance of the call's class is spent first (./rate-limits.ts);
 * - mutations another site started with the caller's cookies are refused before anything runs (CSRF);
 * - a caller with an API key reaches only procedures that declare a scope the key holds, and acts
 *   there with staff rights only where that scope is a staff scope (requireKeyCaller);
 * - every failure leaves as the TRPCError whose code gives its HTTP status: domain errors by kind,
 *   zod's as BAD_REQUEST, a database outage as SERVICE_UNAVAILABLE (toTRPCError).
 */
const guard = t.middleware(async ({ ctx, type, meta, next }) => {
  try {
    await enforceRateLimit(ctx, rateLimitClassOf(type, meta));
    if (type === "mutation" && ctx.crossSite) throw crossSiteRefusal();
    const result =
      ctx.apiKey && ctx.user
        ? await next({ ctx: { ...ctx, user: requireKeyCaller(ctx.user, ctx.apiKey, meta?.scope) } })
        : await next();
    if (!result.ok) throw result.error;
    return result;
  } catch (error) {
    throw toTRPCError(error);
  }
});

/** Outermost, so the span and metrics see the final tRPC code. */
export const publicProcedure = t.procedure.use((opts) => observeProcedure(opts)).use(guard);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) =>
  next({ ctx: { ...ctx, user: requireSignedIn(ctx.user) } }),
);

const withRole = (role: Role) =>
  protectedProcedure.use(({ ctx, next }) => {
    requireRole(ctx.user, role);
    return next();
  });

export const staffProcedure = withRole("STAFF");
export const adminProcedure = withRole("ADMIN");
