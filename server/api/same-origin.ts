import { getEnv } from "../env";
import { ForbiddenError } from "../errors";

/**
 * CSRF defence for cookie-authenticated state changes: a browser says where a request comes from
 * (`Sec-Fetch-Site` in every current browser, `Origin` on every cross-origin POST), and a request
 * another site started is refused. A client that sends neither is not a browser, so no one else's
 * cookie rides along. A request that authenticates with an `Authorization` header and no cookie
 * carries no ambient credential at all and is not checked.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins this server answers as: its public URL when set, else the Host the browser used. */
function ownOrigins(headers: Headers): string[] {
  const origins: string[] = [];
  const publicUrl = getEnv().AUTH_URL;
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  const host = (getEnv().TRUST_PROXY && headers.get("x-forwarded-host")) || headers.get("host");
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins.map(normalOrigin).filter((o): o is string => o !== null);
}

/** "https://shop.example:443" and "https://shop.example" are one origin; junk is none. */
function normalOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** True when a browser tells us another site sent this request. */
export function isCrossSiteRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (!origin) return false;
  const normal = normalOrigin(origin);
  return normal === null || !ownOrigins(headers).includes(normal);
}

/** Cross-site, and carrying what a browser attaches on its own (cookies), not only an Authorization header. */
export function isCrossSiteWithAmbientCredentials(headers: Headers): boolean {
  const bearerOnly = headers.has("authorization") && !headers.has("cookie");
  return !bearerOnly && isCrossSiteRequest(headers);
}

export const crossSiteRefusal = () =>
  new ForbiddenError(
    "CROSS_SITE_REQUEST",
    "This request came from another site and was refused. Open the shop itself and try again.",
  );

/** Throws 403 CROSS_SITE_REQUEST for a state change another site started. */
export function requireSameOrigin(method: string, headers: Headers) {
  if (!SAFE_METHODS.has(method.toUpperCase()) && isCrossSiteWithAmbientCredentials(headers)) throw crossSiteRefusal();
}
