import "server-only";
import { createHash } from "node:crypto";
import {
  claimIdempotencyKey,
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  requestHashOf,
  settleIdempotencyKey,
} from "../idempotency";
import { REST_BASE } from "./openapi";
import type { Context } from "./trpc";

/**
 * A REST write under an Idempotency-Key (server/idempotency.ts keeps the records): the first
 * request runs and its final answer is stored; a retry gets that answer with
 * `Idempotent-Replayed: true`. Keys are per caller: an API key's own, else the signed-in user's.
 */

const ORDER_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** POST /orders: the header is also the order's own key (ADR 009) when the body leaves it out. */
function withOrderKey(method: string, url: URL, body: string, key: string): string {
  if (method !== "POST" || url.pathname !== `${REST_BASE}/orders`) return body;
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return body; // the handler answers the parse error
  }
  if (!input || typeof input !== "object" || Array.isArray(input) || "idempotencyKey" in input) return body;
  const orderKey = ORDER_KEY.test(key) ? key : createHash("sha256").update(key).digest("hex");
  return JSON.stringify({ ...input, idempotencyKey: orderKey });
}

export async function restIdempotently(
  ctx: Context,
  req: Request,
  url: URL,
  body: string,
  run: (body: string) => Promise<Response>,
): Promise<Response> {
  const key = parseIdempotencyKey(req.headers.get(IDEMPOTENCY_HEADER) ?? "");
  const filled = withOrderKey(req.method, url, body, key);
  const caller = ctx.apiKey ? `key:${ctx.apiKey.id}` : ctx.user ? `user:${ctx.user.id}` : null;
  // Nobody to keep the key for: every REST write needs a caller, so the procedure refuses it anyway.
  if (!caller) return run(filled);
  const path = url.pathname + url.search;
  const claim = await claimIdempotencyKey(ctx.db, {
    caller,
    key,
    method: req.method,
    path,
    requestHash: requestHashOf(req.method, path, body),
  });
  if (claim.kind === "replay")
    return new Response(claim.response.body, {
      status: claim.response.status,
      headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
    });
  let response: Response;
  try {
    response = await run(filled);
  } catch (error) {
    await settleIdempotencyKey(ctx.db, claim.recordId, { status: 500, body: "" });
    throw error;
  }
  const text = await response.text();
  try {
    await settleIdempotencyKey(ctx.db, claim.recordId, { status: response.status, body: text });
  } catch (error) {
    // The write happened: answer it. The claim lapses after its lock, and a retry then runs again
    // (checkout stays safe through the order's own key).
    ctx.log.error({ err: error }, "could not store the idempotent response");
  }
  return new Response(text, { status: response.status, headers: response.headers });
}
