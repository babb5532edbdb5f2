import type { IncomingMessage, ServerResponse } from "node:http";
import { setNodeSecurityHeaders } from "../security-headers";
import { getEnv } from "../env";
import { getLogger } from "./logger";
import { CORRELATION_HEADER, correlationIdFrom, runWithContext } from "./request-context";
import { startHttpSpan } from "./tracing";

/**
 * The HTTP edges: each request gets a correlation ID (the caller's X-Correlation-ID when it
 * looks sane, else a new one), runs inside it, echoes it on the response, and writes exactly one
 * request log line. The self-hosted server wraps every request with `handleNodeRequest`; route
 * handlers use `withRequestContext`, which skips its log line when that server already logs.
 */

export function logRequest(line: {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  aborted?: boolean;
}) {
  const log = getLogger();
  // A health check's 503 is its answer (not ready: shutting down, database away), not a failure
  // of the request; the cause is logged where it happens.
  const answered = line.path.startsWith("/api/health") && line.status === 503;
  const level = line.status >= 500 && !answered ? "error" : line.status >= 400 ? "warn" : "info";
  log[level]({ ...line, durationMs: Math.round(line.durationMs * 10) / 10 }, "request");
}

/** Node `http` middleware for the self-hosted server. */
export function handleNodeRequest(req: IncomingMessage, res: ServerResponse, next: () => unknown) {
  const correlationId = correlationIdFrom(header(req, CORRELATION_HEADER));
  // Handlers further down (Next route handlers, tRPC) read the ID from the request headers.
  req.headers[CORRELATION_HEADER] = correlationId;
  res.setHeader("X-Correlation-ID", correlationId);
  setNodeSecurityHeaders(res); // the fast paths never reach Next's proxy or headers()
  const started = performance.now();
  const method = req.method ?? "GET";
  const path = (req.url ?? "/").split("?")[0]!;
  const span = runWithContext({ correlationId }, () => startHttpSpan(method, path));
  // "close" also fires when the client goes away mid-response; those lines say aborted.
  res.once("close", () => {
    span.end(res.statusCode, !res.writableFinished);
    runWithContext({ correlationId }, () =>
      logRequest({
        method,
        path,
        status: res.statusCode,
        durationMs: performance.now() - started,
        ...(!res.writableFinished && { aborted: true }),
      }),
    );
  });
  return runWithContext({ correlationId }, () => span.run(next));
}

/** Wraps a fetch-style route handler (Next.js App Router) with the same behaviour. */
export function withRequestContext<Args extends unknown[]>(
  handler: (req: Request, ...args: Args) => Promise<Response>,
) {
  return async (req: Request, ...args: Args): Promise<Response> => {
    const correlationId = correlationIdFrom(req.headers.get(CORRELATION_HEADER));
    const started = performance.now();
    return runWithContext({ correlationId }, async () => {
      // Self-hosted, handleNodeRequest's span is already the request's (and active here).
      const span = getEnv().SHOPWISE_SELF_HOSTED ? null : startHttpSpan(req.method, new URL(req.url).pathname);
      const response = await (span ? span.run(() => handler(req, ...args)) : handler(req, ...args)).catch(
        (error: unknown) => {
          span?.end(500);
          throw error;
        },
      );
      span?.end(response.status);
      const headers = new Headers(response.headers);
      headers.set("X-Correlation-ID", correlationId);
      const result = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      // Next's bundle holds its own copy of this module, so the server says so through env.
      if (!getEnv().SHOPWISE_SELF_HOSTED)
        logRequest({
          method: req.method,
          path: new URL(req.url).pathname,
          status: response.status,
          durationMs: performance.now() - started,
        });
      return result;
    });
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
