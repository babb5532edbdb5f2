/**
 * The caller's IP from proxy headers. Self-hosted behind a proxy and on Vercel the first
 * X-Forwarded-For hop is the client; without a proxy the header is absent.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
