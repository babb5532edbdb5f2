import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { API_SCOPE_NAMES, API_SCOPES, type ApiScope, type ScopeRequirement } from "./api-scopes";
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

/** The bearer token of an `Authorization` header; null when there is no such header. */
export function bearerTokenOf(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
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
  if (!KEY_PATTERN.test(secret)) throw invalidKey();
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
  if (!key || key.revokedAt || key.user.disabledAt) throw invalidKey();
  if (key.expiresAt && key.expiresAt <= now)
    throw new UnauthorizedError("API_KEY_EXPIRED", "This API key has expired; create a new one at /account/api-keys.", {
      field: "authorization",
    });
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS || key.lastUsedIp !== ip)
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now, lastUsedIp: ip } });
  const { disabledAt: _disabledAt, ...owner } = key.user;
  const allowed = new Set<string>(scopesAllowedFor(owner.role));
  const scopes = key.scopes.filter((s): s is ApiScope => allowed.has(s));
  // A key without a staff scope acts as a customer: staff powers (any order, say) need one explicitly.
  const role = scopes.some((s) => API_SCOPES[s].role !== "CUSTOMER") ? owner.role : "CUSTOMER";
  return { user: { ...owner, role }, apiKey: { id: key.id, scopes } };
}

/** A procedure called with a key runs only if it declares a scope the key holds (fail closed). */
export function requireKeyScope(grant: ApiKeyGrant, needed: ScopeRequirement | undefined): void {
  if (needed === undefined)
    throw new ForbiddenError(
      "API_KEY_NOT_ACCEPTED",
      "This procedure cannot be called with an API key; it is only for the signed-in website.",
    );
  if (needed !== "any" && !grant.scopes.includes(needed))
    throw new ForbiddenError("API_KEY_SCOPE_REQUIRED", `This API key lacks the "${needed}" scope.`, { scope: needed });
}
