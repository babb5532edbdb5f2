import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "./db/client";
import { isUniqueViolation } from "./db/errors";
import { ConflictError, ValidationError } from "./errors";

/**
 * Idempotency keys of REST writes (docs/decisions/020-rest-and-openapi.md): the first request
 * with a key claims it, runs, and stores its response; a retry with the same key and the same
 * request gets that response again; the same key with another request is refused (422); a retry
 * while the first still runs is told to wait (409). Keys live 24 h and belong to one caller.
 */

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a claim holds without an answer: a request that crashed frees its key after this. */
export const IDEMPOTENCY_LOCK_MS = 60_000;

/** 1–255 printable ASCII characters, the way HTTP headers and Stripe's keys have them. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  body: string;
}

export type Claim = { kind: "claimed"; recordId: string } | { kind: "replay"; response: StoredResponse };

export interface IdempotentRequest {
  caller: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** The header's key, or 400 when it is not 1–255 printable characters. */
export function parseIdempotencyKey(value: string): string {
  if (!KEY_FORMAT.test(value))
    throw new ValidationError(
      "IDEMPOTENCY_KEY_INVALID",
      "Send an Idempotency-Key of 1–255 printable characters (a UUID works).",
      "Idempotency-Key",
    );
  return value;
}

/** JSON with its object keys sorted, so a retry that reorders fields is still the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** What "the same request" means: method, path and body (as canonical JSON when it parses). */
export function requestHashOf(method: string, path: string, body: string): string {
  let canonical = body;
  try {
    canonical = body ? canonicalJson(JSON.parse(body)) : "";
  } catch {
    // Not JSON: the bytes themselves; the handler will refuse the body anyway.
  }
  return createHash("sha256").update(`${method}\n${path}\n${canonical}`).digest("hex");
}

const reused = () =>
  new ValidationError(
    "IDEMPOTENCY_KEY_REUSED",
    "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
    "Idempotency-Key",
  );

const inUse = (retryAfterSeconds: number) =>
  new ConflictError(
    "IDEMPOTENCY_KEY_IN_USE",
    "A request with this Idempotency-Key is still running. Retry shortly to get its result.",
    { field: "Idempotency-Key", retryAfterSeconds },
  );

/**
 * Claims the key for this request, or says what to do instead: replay the stored response, or
 * throw IDEMPOTENCY_KEY_REUSED / IDEMPOTENCY_KEY_IN_USE. An expired record counts as absent.
 */
export async function claimIdempotencyKey(db: Db, req: IdempotentRequest, now = new Date()): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const record = await db.idempotencyRecord.create({
        data: { ...req, lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LOCK_MS) },
        select: { id: true },
      });
      return { kind: "claimed", recordId: record.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.idempotencyRecord.findUnique({
      where: { caller_key: { caller: req.caller, key: req.key } },
    });
    if (!existing) continue; // released or pruned in between: claim again
    if (existing.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) {
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
      continue;
    }
    const sameRequest =
      existing.requestHash === req.requestHash && existing.method === req.method && existing.path === req.path;
    if (!sameRequest) throw reused();
    if (existing.responseStatus !== null)
      return { kind: "replay", response: { status: existing.responseStatus, body: existing.responseBody ?? "" } };
    const lockedUntil = existing.lockedUntil?.getTime() ?? 0;
    if (lockedUntil > now.getTime()) throw inUse(Math.max(1, Math.ceil((lockedUntil - now.getTime()) / 1000)));
    // The first request died without an answer: take the key over, unless another retry just did.
    const taken = await db.idempotencyRecord.updateMany({
      where: { id: existing.id, responseStatus: null, lockedUntil: existing.lockedUntil },
      data: { lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LOCK_MS) },
    });
    if (taken.count === 1) return { kind: "claimed", recordId: existing.id };
    throw inUse(1);
  }
  throw inUse(1);
}

/**
 * Statuses that are the request's final answer, so a retry must see them again. A 5xx, 429 or
 * 503 (and 401/403/408/409/425: other credentials, a conflict or a moment later may change the
 * answer) is not stored: the key is freed and a retry runs afresh.
 */
export function isFinalStatus(status: number): boolean {
  if (status >= 200 && status < 300) return true;
  return status >= 400 && status < 500 && ![401, 403, 408, 409, 425, 429].includes(status);
}

/** Stores the response of a claimed key, or frees the key when the answer is not final. */
export async function settleIdempotencyKey(db: Db, recordId: string, response: StoredResponse) {
  if (isFinalStatus(response.status))
    await db.idempotencyRecord.update({
      where: { id: recordId },
      data: { responseStatus: response.status, responseBody: response.body, lockedUntil: null },
    });
  else await db.idempotencyRecord.deleteMany({ where: { id: recordId, responseStatus: null } });
}

/** Deletes records past their 24 h (the daily prune job). */
export async function pruneIdempotencyRecords(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
  });
  return count;
}
