import "server-only";
import { LRUCache } from "lru-cache";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { getEnv } from "../env";
import { type ApiKeyGrant, bearerTokenOf, requireApiKeyCaller } from "./api-keys";
import type { SessionUser } from "./roles";
import { endSession, findSessionUser } from "./session-store";

const SECURE_COOKIE = "__Secure-authjs.session-token";

type SessionToken = { sessionId: string; userId: string };

/**
 * Cookies already decoded, by their exact text (and the secret that opened them). Decoding a session
 * JWT (HKDF key derivation, AES-CBC, HMAC) cost about 1 ms of CPU on every signed-in request; the same
 * text always decodes to the same token, kept until the token's own expiry. Only what the cookie says
 * is cached: the server-side session is still loaded on every request, so sign-outs apply at once.
 */
const decodedCookies = new LRUCache<string, SessionToken & { expiresAt: number }>({
  max: 10_000,
  maxSize: 8_000_000,
  sizeCalculation: (_v, k) => k.length,
});
/** A cookie header longer than this holds more than our session (other sites' cookies): not cached. */
const MAX_CACHED_COOKIE = 4_096;

/** The session the request's cookie names (the JWT's user and server-side session id), if any. */
async function sessionTokenOf(headers: Headers): Promise<SessionToken | null> {
  const cookie = headers.get("cookie") ?? "";
  if (!cookie.includes("authjs.session-token")) return null;
  const secret = getEnv().AUTH_SECRET;
  if (!secret) return null;
  const cacheKey = cookie.length <= MAX_CACHED_COOKIE ? `${secret}\u0000${cookie}` : null;
  const cached = cacheKey && decodedCookies.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) return { sessionId: cached.sessionId, userId: cached.userId };
  const token = await getToken({ req: { headers }, secret, secureCookie: cookie.includes(SECURE_COOKIE) });
  // A token without a session id predates server-side sessions (or was never ours): refused.
  if (!token?.sub || typeof token.sid !== "string") return null;
  const decoded = { sessionId: token.sid, userId: token.sub };
  const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : 0;
  if (cacheKey && expiresAt > Date.now()) decodedCookies.set(cacheKey, { ...decoded, expiresAt });
  return decoded;
}

/**
 * The one way to learn who is calling, from plain request headers: decodes the Auth.js session
 * cookie (JWT) and loads its server-side session with the user in one query, so a sign-out, a
 * password change, a disabled account, a role change or a deleted account takes effect on the next
 * request rather than when the token expires. Used by the tRPC context and by RSC pages.
 */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const token = await sessionTokenOf(headers);
  return token ? findSessionUser(db, token) : null;
}

/**
 * Ends the request's session on the server. Sign-out calls it before clearing the cookie, so a
 * failure (the database away) reaches the user instead of a sign-out that only looked done: Auth.js
 * swallows errors of its own signOut event and clears the cookie anyway.
 */
export async function endRequestSession(headers: Headers) {
  const token = await sessionTokenOf(headers);
  if (token) await endSession(db, token.sessionId);
}

/**
 * Who calls, by key or by session: a request with an `Authorization: Bearer` header is a script's and
 * is judged by its key alone (a bad key is 401, never anonymous); otherwise the session cookie decides.
 */
export async function authenticateRequest(
  headers: Headers,
  ip: string | null,
): Promise<{ user: SessionUser | null; apiKey: ApiKeyGrant | null }> {
  const bearer = bearerTokenOf(headers);
  if (bearer !== null) return requireApiKeyCaller(db, bearer, ip);
  return { user: await getSessionUser(headers), apiKey: null };
}
