import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { lookup as lookupCallback } from "node:dns";
import ipaddr from "ipaddr.js";

/**
 * SSRF guard of webhook URLs. Unless WEBHOOK_ALLOW_PRIVATE_URLS is on, an endpoint may not point
 * at loopback, private, link-local (cloud metadata at 169.254.169.254), shared, multicast or
 * reserved addresses, nor at an IPv6 form that carries such an IPv4 address (NAT64, 6to4, Teredo,
 * IPv4-mapped or -compatible). Checked when the URL is saved and again at every delivery, on the
 * address the connection actually uses (`guardedLookup`), so a DNS answer that changes after the
 * check (rebinding) cannot reach the inside either.
 */

const blockedV4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blockedV4.addSubnet(network, prefix, "ipv4");

/**
 * IPv6 forms that carry an IPv4 address a gateway or relay would forward to: each is judged by
 * the IPv4 address(es) inside (NAT64 64:ff9b::a9fe:a9fe is 169.254.169.254). Teredo carries two:
 * the server's, and the client's with its bits inverted.
 */
const EMBEDDED_V4: Partial<Record<string, (parts: number[]) => number[][]>> = {
  rfc6052: (p) => [[p[6]!, p[7]!]],
  "6to4": (p) => [[p[1]!, p[2]!]],
  teredo: (p) => [
    [p[2]!, p[3]!],
    [p[6]! ^ 0xffff, p[7]! ^ 0xffff],
  ],
};

const toV4 = ([high, low]: number[]) => `${high! >> 8}.${high! & 0xff}.${low! >> 8}.${low! & 0xff}`;

/** 64:ff9b:1::/48, local-use NAT64 (RFC 8215): where the IPv4 sits inside is the operator's choice. */
const LOCAL_USE_NAT64 = ipaddr.IPv6.parseCIDR("64:ff9b:1::/48");

function isPrivateV6(address: string) {
  const ip = ipaddr.IPv6.parse(address);
  const { parts } = ip;
  // IPv4-mapped (::ffff:0:0/96), RFC 6145's ::ffff:0:0:0/96, IPv4-compatible (::/96, with :: and
  // ::1) and local-use NAT64: no public service is reached through these, so each is refused whole.
  if (ip.isIPv4MappedAddress() || ip.range() === "rfc6145" || ip.match(LOCAL_USE_NAT64)) return true;
  if (parts.slice(0, 6).every((p) => p === 0)) return true;
  const embedded = EMBEDDED_V4[ip.range()];
  if (embedded) return embedded(parts).some((v4) => blockedV4.check(toV4(v4), "ipv4"));
  // Everything else that is not global unicast: loopback, unspecified, link-local, unique-local
  // (fc00::/7), multicast, site-local, discard, documentation, benchmarking, ORCHID and the like.
  return ip.range() !== "unicast";
}

/** Whether `address` (an IP literal) is one a webhook may not reach. Not an IP at all: refused too. */
export function isPrivateAddress(address: string) {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? blockedV4.check(address, "ipv4") : isPrivateV6(address);
}

/** The host of a parsed URL without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused: the URL resolves to a private or reserved address (${address})`);
    this.name = "PrivateAddressError";
  }
}

/** Every address `url`'s host stands for; throws PrivateAddressError when one is private. */
export async function assertPublicHost(url: URL) {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const inside = addresses.find(isPrivateAddress);
  if (inside) throw new PrivateAddressError(inside);
  return addresses;
}

/** A `lookup` for http.request that refuses private answers: the check is on the address it connects to. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) return callback(new PrivateAddressError(inside.address), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
