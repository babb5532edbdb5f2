import "server-only";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getRequestListener } from "@hono/node-server";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { getHTTPStatusCodeFromError, type TRPCRequestInfo } from "@trpc/server/http";
import { getErrorShape, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getEnv } from "../env";
import { errorResponse, PayloadTooLargeError, renderError, renderRequestError, toTRPCError } from "../errors";
import { getLogger } from "../observability/logger";
import { readBodyWithin } from "./request-body";
import { appRouter } from "./root";
import { rateLimitHeaders, refusedRetryAfter } from "./rate-limits";
import { serveQuery, type QueryPathOptions } from "./trpc-query-path";
import { createContext, type Context } from "./trpc";

/**
 * One transport, tRPC's fetch adapter (handleTrpcFetch), in two places: Next's route handler (Vercel)
 * and the self-hosted server's Node fast path, where @hono/node-server hands it a Request that
 * reads the Node request lazily (ADR 030: tRPC's own Node adapter cost 2.5 times as much per
 * call). Both bound a request the same way: at most TRPC_MAX_BATCH calls per batch and
 * TRPC_MAX_BODY_KB of body (413 past it).
 */

export const TRPC_ENDPOINT = "/api/trpc";

function onError({ error, path }: { error: TRPCError; path?: string }) {
  // Expected failures are part of the request line; only the unexpected get a stack trace.
  if (renderError(error).internal)
    getLogger().error({ err: error.cause ?? error, procedure: path }, "procedure failed");
}

/**
 * Retry-After of a throttled or unavailable call (the first one that has it, for a batch), and
 * the RateLimit-Policy / RateLimit headers of the calls the rate limits counted.
 */
function responseMeta({ ctx, errors }: { ctx?: Context; errors: TRPCError[] }) {
  // A streamed batch asks before any call ran: then only the up-front rate-limit verdict is known.
  const retryAfter =
    errors.map((e) => renderError(e).headers["Retry-After"]).find(Boolean) ?? refusedRetryAfter(ctx)?.toString();
  const headers = new Headers(rateLimitHeaders(ctx?.rateLimits));
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return [...headers].length ? { headers } : {};
}

/** A context that cannot be built (the database is down for the session lookup) fails with its real status. */
async function contextFrom(headers: Headers, info: TRPCRequestInfo, gate?: SubscriptionGate) {
  try {
    const ctx = await createContext({ headers, calls: info.calls });
    if (gate) await checkSubscription(ctx, info, gate);
    return ctx;
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** What a subscription request's pre-flight found: the refusal to answer instead of its stream. */
interface SubscriptionGate {
  refusal?: { error: TRPCError; path: string; ctx: Context };
}

/**
 * A subscription answers with an event stream whose 200 goes out before the procedure runs, so
 * tRPC reports a refused or invalid subscription inside a 200. It runs once here first, up to the
 * stream it returns (middleware, input, owner check; a stream starts only when read, so this one
 * never does). A client error (bad input, signed out, not yours) is then answered as a query's
 * would be (handleTrpcFetch). Throttling and outages stay in the stream, where tRPC's client
 * retries them; the rate-limit charge is paid once, by createContext.
 */
async function checkSubscription(ctx: Context, info: TRPCRequestInfo, gate: SubscriptionGate) {
  const [call] = info.calls;
  if (info.isBatchCall || !call?.procedure || call.procedure._def.type !== "subscription") return;
  try {
    await call.procedure({
      ctx,
      path: call.path,
      getRawInput: call.getRawInput,
      type: "subscription",
      signal: undefined,
      batchIndex: 0,
    });
  } catch (cause) {
    const error = toTRPCError(cause);
    const status = getHTTPStatusCodeFromError(error);
    if (status >= 400 && status < 500 && status !== 429) gate.refusal = { error, path: call.path, ctx };
  }
}

/** The refused subscription's error, with the status, body and headers a query's would have. */
function refusalResponse({ error, path, ctx }: NonNullable<SubscriptionGate["refusal"]>): Response {
  const config = appRouter._def._config;
  const shape = getErrorShape({ config, error, type: "subscription", path, input: undefined, ctx });
  const headers = new Headers(responseMeta({ ctx, errors: [error] }).headers);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(transformTRPCResponse(config, { error: shape })), {
    status: getHTTPStatusCodeFromError(error),
    headers,
  });
}

const bodyTooLarge = (maxBytes: number) =>
  new PayloadTooLargeError("BODY_TOO_LARGE", `A request body may be at most ${Math.round(maxBytes / 1024)} KB.`, {
    limitBytes: maxBytes,
  });

function limits() {
  const env = getEnv();
  return { maxBatchSize: env.TRPC_MAX_BATCH, maxBodyBytes: env.TRPC_MAX_BODY_KB * 1024 };
}

/**
 * The error of a path that does not percent-decode, else null: tRPC and Next decode paths
 * themselves and would answer a malformed one with a 500.
 */
export function malformedPath(url: string): Error | null {
  try {
    // A Node request's url is the path itself (which "//host…" would turn into a host if parsed).
    decodeURIComponent(url.startsWith("/") ? url.split("?")[0]! : new URL(url).pathname);
    return null;
  } catch (error) {
    return error as Error;
  }
}

type Router = typeof appRouter;

export async function handleTrpcFetch(req: Request, router: Router = appRouter): Promise<Response> {
  const { maxBatchSize, maxBodyBytes } = limits();
  const badPath = malformedPath(req.url);
  if (badPath) return errorResponse(badPath);
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    // The fetch adapter reads any body whole: count it first, so no caller makes us buffer more.
    try {
      const body = await readBodyWithin(req, maxBodyBytes, () => bodyTooLarge(maxBodyBytes));
      // From parts: Next hands us its own Request class, which `new Request(req, …)` cannot copy.
      request = new Request(req.url, {
        method: req.method,
        headers: req.headers,
        body,
        ...(req.signal instanceof AbortSignal && { signal: req.signal }),
      });
    } catch (error) {
      return errorResponse(error);
    }
  }
  const gate: SubscriptionGate = {};
  const response = await fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router,
    maxBatchSize,
    createContext: ({ info }) => contextFrom(request.headers, info, gate),
    onError,
    responseMeta,
  });
  if (!gate.refusal) return response;
  await response.body?.cancel();
  return refusalResponse(gate.refusal);
}

export function createTrpcNodeHandler(router: Router = appRouter) {
  const { maxBodyBytes } = limits();
  // Not overriding the global Request/Response: Next.js in this process builds on undici's.
  const listener = getRequestListener((request) => handleTrpcFetch(request, router), {
    overrideGlobalObjects: false,
    errorHandler: (error) => errorResponse(error),
  });
  const queryPath: QueryPathOptions = {
    router,
    endpoint: TRPC_ENDPOINT,
    createContext: (headers, procedure) =>
      createContext({ headers, calls: [{ procedure }] }).catch((error: unknown) => {
        throw toTRPCError(error);
      }),
    onError,
    responseMeta,
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const badPath = malformedPath(req.url ?? "/");
    if (badPath) return sendError(res, badPath);
    if (await serveQuery(req, res, queryPath)) return;
    // Subscriptions are long-lived streams, not the hot path: written corked, waiting for drain.
    if (req.method === "GET" && isSubscriptionPath(router, req.url ?? "/"))
      return sendFetchResponse(
        res,
        await handleTrpcFetch(incomingMessageToRequest(req, res, { maxBodySize: 0 }), router),
      );
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBodyBytes) return sendError(res, bodyTooLarge(maxBodyBytes));
    await listener(req, res);
  };
}

function isSubscriptionPath(router: Router, url: string) {
  const path = decodeURIComponent(url.split("?")[0]!.slice(TRPC_ENDPOINT.length + 1));
  const procedures = router._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>;
  return Object.hasOwn(procedures, path) && procedures[path]!._def.type === "subscription";
}

/**
 * Writes a fetch Response (an event stream, or a refusal) to a Node response. tRPC emits each event
 * as several small chunks: writes are corked until the event loop turns, so an event (or a burst
 * of them) leaves in one syscall rather than one per line.
 */
async function sendFetchResponse(res: ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => {}));
  let corked = false;
  const closed = once(res, "close").catch(() => {});
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      // A slow reader holds the stream back (its events wait in live.ts, which cuts it off and lets
      // it replay if it falls too far behind) instead of piling up in this process's memory.
      if (!res.write(value)) await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
    }
  } catch {
    // The client left (the reader was cancelled) or the stream failed: nothing more to send.
  }
  res.end();
}

/** The one error body on a plain Node response (the self-hosted server's own routes). */
export function sendError(res: ServerResponse, error: unknown) {
  const rendered = renderRequestError(error);
  if (res.headersSent) return void res.end();
  res.writeHead(rendered.status, {
    ...rendered.headers,
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
  });
  res.end(JSON.stringify({ error: rendered.body }));
}
