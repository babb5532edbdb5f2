import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { getEnv } from "../env";
import { errorResponse, PayloadTooLargeError } from "../errors";
import { malformedPath } from "./http";
import { restIdempotently } from "./rest-idempotency";
import { CREATED_PROCEDURES, openApiDocument, REST_BASE } from "./openapi";
import { describeUndeclaredOutputs, keepInputsStrict, restProcedureLookup, typedQuery } from "./rest-input";
import { readBodyWithin } from "./request-body";
import { appRouter } from "./root";
import { requireSameOrigin } from "./same-origin";
import { rateLimitHeaders } from "./rate-limits";
import { type Context, createContext } from "./trpc";

/**
 * /api/v1: the procedures that declare an `openapi` route, served as REST by trpc-to-openapi
 * with the tRPC router's own context, middlewares (key scopes, CSRF) and error renderer, on both
 * transports: Next's route handler (app/api/v1/[...path]) and the self-hosted Node server.
 * Writes carry the same-origin check and the body limit of tRPC, and an optional Idempotency-Key.
 * docs/decisions/020-rest-and-openapi.md.
 */

export { REST_BASE };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

keepInputsStrict(appRouter);
describeUndeclaredOutputs(appRouter);
const findProcedure = restProcedureLookup(appRouter);

/** REST's error response: the one body, 422 for field errors, Retry-After kept. */
export const restError = (error: unknown) => errorResponse(error, { unprocessableFields: true });

const bodyTooLarge = (maxBytes: number) =>
  new PayloadTooLargeError("BODY_TOO_LARGE", `A request body may be at most ${Math.round(maxBytes / 1024)} KB.`, {
    limitBytes: maxBytes,
  });

/** Runs the route's procedure on an already read body; a failure renders through restError. */
async function runProcedure(req: Request, url: URL, body: string | null, ctx: Context): Promise<Response> {
  const found = findProcedure(req.method, url.pathname.slice(REST_BASE.length) || "/");
  const headers = new Headers(req.headers);
  // A write with nothing to say (cancel, pay) needs no body: read it as an empty object.
  if (body !== null && !body.trim()) {
    body = "{}";
    headers.set("content-type", "application/json");
  }
  const request = new Request(req.url, { method: req.method, headers, ...(body !== null && { body }) });
  if (found && body === null) Object.assign(request, { query: typedQuery(found, url) });
  let failure: unknown;
  const response = await createOpenApiFetchHandler({
    endpoint: REST_BASE,
    req: request,
    router: appRouter,
    createContext: () => ctx,
    onError: ({ error }) => void (failure = error),
    responseMeta: ({ errors, paths }) =>
      !errors.length && paths?.[0] && CREATED_PROCEDURES.has(paths[0]) ? { status: 201 } : {},
  });
  // The library answers in its own error shape: ours replaces it (an unexpected one is logged there).
  return failure === undefined ? response : restError(failure);
}

/** The body of a /api/v1 request (Next's route handler, and the Node server through toFetch). */
export async function handleRestFetch(req: Request): Promise<Response> {
  const badPath = malformedPath(req.url);
  if (badPath) return restError(badPath);
  const url = new URL(req.url);
  if (url.pathname === `${REST_BASE}/openapi.json` && (req.method === "GET" || req.method === "HEAD"))
    return Response.json(openApiDocument(appRouter, url.origin), {
      headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
    });
  let ctx: Context | undefined;
  try {
    const write = !SAFE_METHODS.has(req.method);
    // Before anything is read or recorded: another site's cookie-carrying write is refused (CSRF).
    if (write) requireSameOrigin(req.method, req.headers);
    const maxBytes = getEnv().TRPC_MAX_BODY_KB * 1024;
    const body = write ? (await readBodyWithin(req, maxBytes, () => bodyTooLarge(maxBytes))).toString("utf8") : null;
    const context = (ctx = await createContext({ headers: req.headers }));
    if (write && body !== null && req.headers.has("idempotency-key"))
      return withRateLimitHeaders(
        await restIdempotently(context, req, url, body, (filled) => runProcedure(req, url, filled, context)),
        context,
      );
    return withRateLimitHeaders(await runProcedure(req, url, body, context), context);
  } catch (error) {
    return withRateLimitHeaders(restError(error), ctx);
  }
}

/** RateLimit-Policy / RateLimit of the call, as on tRPC (a replayed write spent nothing: none). */
function withRateLimitHeaders(response: Response, ctx: Context | undefined): Response {
  const limits = Object.entries(rateLimitHeaders(ctx?.rateLimits));
  if (!limits.length) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of limits) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The self-hosted server's /api/v1 handler: the same fetch handler over Node's request. */
export function createRestNodeHandler() {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? "localhost";
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${host}${req.url ?? "/"}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
      ),
      ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
    } as RequestInit);
    const response = await handleRestFetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
