import "server-only";
import { getEnv } from "../env";

/**
 * The cookie that carries a visitor's support access token (server/support/support-access.ts).
 * httpOnly, so the page's scripts never read it; SameSite=Lax, so another site's requests do not
 * carry it; one per browser: opening another thread, or a reply mail's link, replaces it.
 */
export const SUPPORT_COOKIE = "shopwise-support";

/** The token in the request's cookie header, if any. */
export function supportTokenFrom(headers: Headers): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name !== SUPPORT_COOKIE) continue;
    try {
      return decodeURIComponent(value.join("=")) || null;
    } catch {
      return null; // not percent-encoded as we set it: no token
    }
  }
  return null;
}

/** The Set-Cookie header that hands `token` to the browser until the token expires. */
export function supportCookieHeader(token: string, requestUrl: string, expiresAt: Date) {
  const secure = new URL(getEnv().AUTH_URL ?? requestUrl).protocol === "https:";
  return [
    `${SUPPORT_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000))}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
