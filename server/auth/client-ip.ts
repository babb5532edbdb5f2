/**
 * The caller's IP from X-Forwarded-For. A proxy appends the address it saw to whatever the client
 * sent, so only the right-most hop is the proxy's word; anything left of it is the client's own
 * claim, and believing it would give every request a fresh rate-limit bucket. Self-hosted without
 * TRUST_PROXY the server replaces the header with the peer address; Vercel sets it itself.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
