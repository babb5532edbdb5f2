import "server-only";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { getEnv } from "../env";
import type { SessionUser } from "./roles";
import { findSessionUser } from "./session-store";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/**
 * The one way to learn who is calling, from plain request headers: decodes the Auth.js session
 * cookie (JWT) and loads its server-side session with the user in one query, so a sign-out, a
 * password change, a disabled account, a role change or a deleted account takes effect on the next
 * request rather than when the token expires. Used by the tRPC context and by RSC pages.
 */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const cookie = headers.get("cookie") ?? "";
  if (!cookie.includes("authjs.session-token")) return null;
  const secret = getEnv().AUTH_SECRET;
  if (!secret) return null;
  const token = await getToken({
    req: { headers },
    secret,
    secureCookie: cookie.includes(SECURE_COOKIE),
  });
  // A token without a session id predates server-side sessions (or was never ours): refused.
  if (!token?.sub || typeof token.sid !== "string") return null;
  return findSessionUser(db, { sessionId: token.sid, userId: token.sub });
}
