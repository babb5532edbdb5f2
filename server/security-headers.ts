import type { ServerResponse } from "node:http";
import { getEnv, type Env } from "./env";

/**
 * The security headers of every response, defined once (docs/decisions/013-security-headers.md).
 * Three places send them: proxy.ts (pages: a per-request nonce in the CSP), next.config.ts
 * `headers()` (static files and route handlers, which the proxy skips) and, self-hosted,
 * `handleNodeRequest` (every request, including the tRPC and health fast paths that never reach
 * Next). No `server-only` here: proxy.ts and next.config.ts import this module.
 */

export interface SecurityHeaderOptions {
  /** The public URL (AUTH_URL). https: HSTS, and browsers upgrade any http:// subresource. */
  publicUrl?: string;
  /** `next dev`: React rebuilds server error stacks with eval, so scripts may use eval there. */
  dev?: boolean;
  /** Where a sign-in form may go on to (an OAuth provider's redirect; Chrome checks form-action on it). */
  formActionOrigins?: readonly string[];
}

/** Paths the proxy does not run on: they get the resource policy from next.config.ts instead. */
export const NON_PAGE_PATHS = [
  "/api/:path*",
  "/_next/static/:path*",
  "/_next/image",
  "/product-images/:path*",
  "/icon.svg",
] as const;

/**
 * For anything that is not a page (JSON, scripts, images, SVG opened on its own): nothing may
 * load, run or frame it. Browsers apply a CSP only to documents and workers.
 */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const isHttps = (url: string | undefined) => url?.startsWith("https://") ?? false;

/** The page policy: scripts only with this request's nonce; see the ADR for each directive. */
export function pageContentSecurityPolicy(nonce: string, options: SecurityHeaderOptions = {}): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts Next's nonce-bearing scripts load (route chunks) may run; 'self'
    // is only the fallback for browsers without CSP 3.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // Radix and React set style attributes and Radix's scroll lock injects <style> without a
    // nonce; a nonce here would switch 'unsafe-inline' off. Styles cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    // Product images may be any https URL an editor pastes (served unoptimized); data:/blob: for previews.
    ["img-src", "'self'", "https:", "data:", "blob:"],
    ["font-src", "'self'"],
    // tRPC, the assistant's streaming fetch to /api/chat, SSE subscriptions (and the dev HMR socket).
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...(options.formActionOrigins ?? [])],
    ["frame-ancestors", "'none'"],
  ];
  if (isHttps(options.publicUrl)) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The headers that do not depend on the request: every response carries them. */
export function baseSecurityHeaders(options: SecurityHeaderOptions = {}): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // frame-ancestors 'none' says the same to every current browser; this is for older ones.
    "X-Frame-Options": "DENY",
    ...(isHttps(options.publicUrl) && { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }),
  };
}

/** A page response: the base headers and the nonce policy. */
export function pageSecurityHeaders(nonce: string, options: SecurityHeaderOptions = {}): Record<string, string> {
  return { ...baseSecurityHeaders(options), "Content-Security-Policy": pageContentSecurityPolicy(nonce, options) };
}

/** Any other response: the base headers and the resource policy. */
export function resourceSecurityHeaders(options: SecurityHeaderOptions = {}): Record<string, string> {
  return { ...baseSecurityHeaders(options), "Content-Security-Policy": RESOURCE_CSP };
}

/** 128 random bits, base64: unguessable, fresh for every page request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The options from validated settings (proxy.ts and the self-hosted server, at run time). */
export function securityHeaderOptions(
  env: Pick<Env, "AUTH_URL" | "NODE_ENV" | "AUTH_GITHUB_ID" | "AUTH_OIDC_ISSUER"> = getEnv(),
): SecurityHeaderOptions {
  return {
    publicUrl: env.AUTH_URL,
    dev: env.NODE_ENV === "development",
    formActionOrigins: [
      ...(env.AUTH_GITHUB_ID ? ["https://github.com"] : []),
      ...(env.AUTH_OIDC_ISSUER ? [new URL(env.AUTH_OIDC_ISSUER).origin] : []),
    ],
  };
}

/**
 * `headers()` of next.config.ts, computed at build time: the base headers everywhere, the
 * resource policy where the proxy does not run. Pages get theirs from the proxy.
 */
export function nextConfigHeaders(publicUrl: string | undefined) {
  const list = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));
  return [
    { source: "/:path*", headers: list(baseSecurityHeaders({ publicUrl })) },
    ...NON_PAGE_PATHS.map((source) => ({ source, headers: list({ "Content-Security-Policy": RESOURCE_CSP }) })),
  ];
}

let nodeHeaders: { env: Env; headers: [string, string][] } | undefined;

/**
 * Self-hosted: every response starts with the resource headers. Next replaces the policy with
 * the page one (router-server sets the proxy's headers with `setHeader`), so a page never carries
 * two policies; the fast paths keep these.
 */
export function setNodeSecurityHeaders(res: ServerResponse) {
  const env = getEnv(); // the same object until settings are reloaded
  if (nodeHeaders?.env !== env)
    nodeHeaders = { env, headers: Object.entries(resourceSecurityHeaders(securityHeaderOptions(env))) };
  for (const [name, value] of nodeHeaders.headers) res.setHeader(name, value);
}
