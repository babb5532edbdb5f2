import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { ForbiddenError, RateLimitedError, UnauthorizedError } from "../errors";
import { API_SCOPE_NAMES, API_SCOPES, type ApiScope, type ScopeRequirement } from "./api-scopes";
import { addressBucket } from "./client-ip";
import { hasRole, type Role, type SessionUser } from "./roles";

/**
 * API keys: `sw_` + 256 random bits. The secret is shown once; the database keeps its SHA-256
 * (a slow password hash buys nothing against a 256-bit secret, and the lookup must be one indexed
 * query per request). The owner tells keys apart by `prefix`, the first characters.
 */

const KEY_PATTERN = /^sw_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 11; // "sw_" + 8 characters
/** `lastUsedAt` / `lastUsedIp` are written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** What a request authenticated by a key may do; `scopes` already lack those the owner lost the role for. */
export interface ApiKeyGrant {
  id: string;
  scopes: ApiScope[];
}

/** The scopes a user of `role` may hold. */
export const scopesAllowedFor = (role: Role): ApiScope[] =>
  API_SCOPE_NAMES.filter((scope) => hasRole({ role }, API_SCOPES[scope].role));

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function generateApiKey(): { secret: string; prefix: string; secretHash: string } {
  const secret = `sw_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), secretHash: hashApiKey(secret) };
}

/** The token of an `Authorization: Bearer` header ("" when empty); null without one. */
export function bearerTokenOf(headers: Headers): string | null {
  // Other schemes (a staging site's Basic auth in front of the shop) are not ours to judge.
  const match = /^Bearer(?:\s+(.*))?$/i.exec(headers.get("authorization")?.trim() ?? "");
  return match ? (match[1]?.trim() ?? "") : null;
}

/**
 * Bad keys an address may present per minute before it is refused outright. Counted in memory, per
 * process: guessing a 256-bit key is hopeless anyway; this bounds the lookups a flood of made-up keys
 * costs the database, and costs a good key nothing.
 */
const BAD_KEYS_PER_MINUTE = 30;
const badKeys = new RateLimiterMemory({ keyPrefix: "bad-api-key", points: BAD_KEYS_PER_MINUTE, duration: 60 });

async function refuseFloodedAddress(bucket: string) {
  const seen = await badKeys.get(bucket);
  if (seen && seen.consumedPoints >= BAD_KEYS_PER_MINUTE) {
    const retryAfterSeconds = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
    throw new RateLimitedError(
      "TOO_MANY_INVALID_API_KEYS",
      `Too many invalid API keys from this address; try again in ${retryAfterSeconds} s.`,
      { retryAfterSeconds },
    );
  }
}

const invalidKey = () =>
  new UnauthorizedError("INVALID_API_KEY", "This API key is not valid: it is unknown, revoked or malformed.", {
    field: "authorization",
  });

/**
 * The user and grant a bearer key stands for, or 401: an unknown, malformed, revoked or expired key,
 * or one whose owner is disabled, is refused outright, whatever the procedure (never treated as anonymous).
 */
export async function requireApiKeyCaller(
  db: Db,
  secret: string,
  ip: string | null,
  now = new Date(),
): Promise<{ user: SessionUser; apiKey: ApiKeyGrant }> {
  const bucket = ip ? addressBucket(ip) : "unknown";
  await refuseFloodedAddress(bucket);
  const refuse = async (error: Error) => {
    await badKeys.consume(bucket).catch(() => undefined); // past the allowance: refused from the next one
    return error;
  };
  if (!KEY_PATTERN.test(secret)) throw await refuse(invalidKey());
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashApiKey(secret) },
    select: {
      id: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!key || key.revokedAt || key.user.disabledAt) throw await refuse(invalidKey());
  if (key.expiresAt && key.expiresAt <= now)
    throw new UnauthorizedError("API_KEY_EXPIRED", "This API key has expired; create a new one at /account/api-keys.", {
      field: "authorization",
    });
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS || key.lastUsedIp !== ip)
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now, lastUsedIp: ip } });
  const { disabledAt: _disabledAt, ...user } = key.user;
  const allowed = new Set<string>(scopesAllowedFor(user.role));
  return { user, apiKey: { id: key.id, scopes: key.scopes.filter((s): s is ApiScope => allowed.has(s)) } };
}

/**
 * Who a keyed call acts as: the owner with their role where the procedure needs a staff scope,
 * else the owner as a customer, so customer scopes never carry staff reach (another user's order
 * through `orders:read`, every order's events through `webhooks:manage`).
 */
function actingUser(owner: SessionUser, needed: ScopeRequirement | undefined): SessionUser {
  const staffScope = needed !== undefined && needed !== "any" && API_SCOPES[needed].role !== "CUSTOMER";
  return staffScope || owner.role === "CUSTOMER" ? owner : { ...owner, role: "CUSTOMER" };
}

/** A procedure called with a key runs only if it declares a scope the key holds (fail closed). */
function requireKeyScope(grant: ApiKeyGrant, needed: ScopeRequirement | undefined): void {
  if (needed === undefined)
    throw new ForbiddenError(
      "API_KEY_NOT_ACCEPTED",
      "This procedure cannot be called with an API key; it is only for the signed-in website.",
    );
  if (needed !== "any" && !grant.scopes.includes(needed))
    throw new ForbiddenError("API_KEY_SCOPE_REQUIRED", `This API key lacks the "${needed}" scope.`, { scope: needed });
}

/**
 * The user a keyed call to an operation needing `needed` runs as (actingUser), or 403 when the key
 * may not call it (requireKeyScope). Procedures and route handlers both go through this.
 */
export function requireKeyCaller(owner: SessionUser, grant: ApiKeyGrant, needed: ScopeRequirement | undefined) {
  requireKeyScope(grant, needed);
  return actingUser(owner, needed);
}
