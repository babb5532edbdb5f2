import "server-only";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { getEnv } from "../env";
import { getSessionUserById } from "../users/users.service";
import type { SessionUser } from "./roles";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/**
 * The one way to learn who is calling, from plain request headers: decodes the Auth.js session
 * cookie (JWT) and loads the user, so a role change or a deleted account takes effect on the next
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
  return token?.sub ? getSessionUserById(db, token.sub) : null;
}
