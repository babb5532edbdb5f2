import "server-only";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { getEnv } from "../env";
import { type ApiKeyGrant, bearerTokenOf, requireApiKeyCaller } from "./api-keys";
import type { SessionUser } from "./roles";
import { endSession, findSessionUser } from "./session-store";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/** The session the request's cookie names (the JWT's user and server-side session id), if any. */
async function sessionTokenOf(headers: Headers): Promise<{ sessionId: string; userId: string } | null> {
  const cookie = headers.get("cookie") ?? "";
  if (!cookie.includes("authjs.session-token")) return null;
  const secret = getEnv().AUTH_SECRET;
  if (!secret) return null;
  const token = await getToken({ req: { headers }, secret, secureCookie: cookie.includes(SECURE_COOKIE) });
  // A token without a session id predates server-side sessions (or was never ours): refused.
  if (!token?.sub || typeof token.sid !== "string") return null;
  return { sessionId: token.sid, userId: token.sub };
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
