import { NextResponse, type NextRequest } from "next/server";
import { requireSameOrigin } from "~/server/api/same-origin";
import { errorResponse } from "~/server/errors";
import {
  newNonce,
  pageSecurityHeaders,
  resourceSecurityHeaders,
  securityHeaderOptions,
  type SecurityHeaderOptions,
} from "~/server/security-headers";

/**
 * Next 16's proxy (formerly middleware): a fresh nonce per page request. Next reads it from the
 * request's Content-Security-Policy and puts it on its own scripts; the root layout hands it to
 * next-themes. Not an access-control layer: pages and procedures check the user themselves.
 */

let options: SecurityHeaderOptions | undefined;

export function proxy(request: NextRequest) {
  options ??= securityHeaderOptions();
  // Pages take POSTs only as Server Actions (sign-in, sign-out): another site may not start one
  // (CSRF; Next's own check answers a bare 500). A path that does not percent-decode is the
  // client's mistake, not our 500.
  try {
    requireSameOrigin(request.method, request.headers);
    decodeURIComponent(request.nextUrl.pathname);
  } catch (error) {
    const refused = errorResponse(error);
    for (const [name, value] of Object.entries(resourceSecurityHeaders(options))) refused.headers.set(name, value);
    return refused;
  }
  const nonce = newNonce();
  const headers = pageSecurityHeaders(nonce, options);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but NON_PAGE_PATHS in server/security-headers.ts (a literal: Next reads it at
  // build time). Those answer with next.config.ts's resource policy and need no nonce.
  matcher: ["/((?!api/|_next/static/|_next/image|product-images/|icon\\.svg).*)"],
};
