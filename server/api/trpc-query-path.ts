import "server-only";
import type { TRPCError } from "@trpc/server";
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson } from "./cached-output";
import type { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * The Node server's hot path: a plain GET of one query (every page's and script's reads), answered
 * without building a fetch Request and Response around it. tRPC's fetch adapter costs twice what
 * the call itself does at these rates (ADR 030: 7,200–8,000 against 14,600–15,700 req/s for a
 * trivial router on this machine). It runs the same procedure with the same context, error shape,
 * status, headers and body as tRPC's resolveResponse does for such a request; anything else — a
 * batch, a stream, a mutation, a subscription, an unknown path, input that is not JSON — returns
 * false and takes tRPC's own path, which decides what to answer.
 */

type Router = typeof appRouter;
type Procedure = (opts: {
  ctx: Context;
  path: string;
  type: "query";
  getRawInput: () => Promise<unknown>;
  signal: AbortSignal | undefined;
  batchIndex: number;
}) => Promise<unknown>;
interface QueryProcedure {
  _def: { type: string; meta?: unknown };
}

export interface QueryPathOptions {
  router: Router;
  endpoint: string;
  createContext: (headers: Headers, procedure: QueryProcedure) => Promise<Context>;
  onError: (opts: { error: TRPCError; path: string }) => void;
  responseMeta: (opts: { ctx?: Context; errors: TRPCError[] }) => { headers?: Headers };
}

/** The request's call, when it is a plain GET of one query whose input parses; else null. */
function plainQuery(req: IncomingMessage, options: QueryPathOptions) {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined) return null;
  // tRPC reads a GET's input as JSON unless its content type names a form or raw bytes.
  const type = req.headers["content-type"];
  if (type !== undefined && !type.startsWith("application/json")) return null;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  let path: string;
  try {
    path = decodeURIComponent(url.slice(options.endpoint.length + 1, queryAt === -1 ? undefined : queryAt));
  } catch {
    return null;
  }
  const procedures = options.router._def.procedures as unknown as Record<string, QueryProcedure>;
  const procedure = Object.hasOwn(procedures, path) ? procedures[path]! : null;
  if (!procedure || procedure._def.type !== "query") return null;
  const params = queryAt === -1 ? null : new URLSearchParams(url.slice(queryAt + 1));
  if (params?.has("batch") || params?.has("connectionParams")) return null;
  const rawInput = params?.get("input");
  try {
    return { path, procedure, input: rawInput ? (JSON.parse(rawInput) as unknown) : undefined };
  } catch {
    return null;
  }
}

/** The request's headers as they are now (the edge sets the correlation ID and peer address on them). */
function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Serves `req` if it is a plain query (true), else leaves it untouched (false). */
export async function serveQuery(req: IncomingMessage, res: ServerResponse, options: QueryPathOptions) {
  const call = plainQuery(req, options);
  if (!call) return false;
  const config = options.router._def._config;
  let ctx: Context | undefined;
  let body: object;
  let data: unknown;
  let errors: TRPCError[] = [];
  try {
    ctx = await options.createContext(requestHeaders(req), call.procedure);
    data = await (call.procedure as unknown as Procedure)({
      ctx,
      path: call.path,
      type: "query",
      getRawInput: async () =>
        call.input === undefined ? undefined : config.transformer.input.deserialize(call.input),
      signal: undefined,
      batchIndex: 0,
    });
    body = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    options.onError({ error, path: call.path });
    errors = [error];
    body = { error: getErrorShape({ config, ctx, error, input: call.input, path: call.path, type: "query" }) };
  }
  const write = () => JSON.stringify(transformTRPCResponse(config, body as never));
  const json = errors.length ? write() : answerJson(data, write);
  const headers: Record<string, string> = { "content-type": "application/json", vary: "trpc-accept, accept" };
  for (const [name, value] of options.responseMeta({ ctx, errors }).headers ?? []) headers[name] = value;
  headers["content-length"] = String(Buffer.byteLength(json));
  res.writeHead(getHTTPStatusCode(body as never), headers);
  res.end(json);
  return true;
}
