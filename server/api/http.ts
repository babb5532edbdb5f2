import "server-only";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { IncomingMessage } from "node:http";
import { AppError } from "../errors";
import { getLogger } from "../observability/logger";
import { appRouter } from "./root";
import { createContext } from "./trpc";

/** The two transports of one router: Next's route handler (Vercel) and the Node fast path. */

export const TRPC_ENDPOINT = "/api/trpc";

function onError({ error, path }: { error: TRPCError; path?: string }) {
  // Expected failures are part of the request line; only the unexpected get a stack trace.
  if (error.code === "INTERNAL_SERVER_ERROR")
    getLogger().error({ err: error.cause ?? error, procedure: path }, "procedure failed");
}

function responseMeta({ errors }: { errors: TRPCError[] }) {
  const throttled = errors.find(
    (e) => (e.code === "TOO_MANY_REQUESTS" || e.code === "SERVICE_UNAVAILABLE") && e.cause instanceof AppError,
  );
  const retryAfter = (throttled?.cause as AppError | undefined)?.context.retryAfterSeconds;
  return typeof retryAfter === "number" ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
}

type Router = typeof appRouter;

export function handleTrpcFetch(req: Request, router: Router = appRouter) {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router,
    createContext: () => createContext({ headers: req.headers }),
    onError,
    responseMeta,
  });
}

export function createTrpcNodeHandler(router: Router = appRouter) {
  return createHTTPHandler({
    basePath: `${TRPC_ENDPOINT}/`,
    router,
    createContext: ({ req }) => createContext({ headers: toHeaders(req) }),
    onError,
    responseMeta,
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
