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

/**
 * The bucket an address counts in: an IPv4 address itself, an IPv6 one by its /64 (one subscriber
 * gets a whole /64, so counting single addresses would let one client count as 2^64 callers).
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail] = ip.split("%")[0]!.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
