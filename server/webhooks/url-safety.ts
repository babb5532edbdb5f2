import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { lookup as lookupCallback } from "node:dns";

/**
 * SSRF guard of webhook URLs. Unless WEBHOOK_ALLOW_PRIVATE_URLS is on, an endpoint may not point
 * at loopback, private, link-local (cloud metadata at 169.254.169.254), shared, multicast or
 * reserved addresses. Checked when the URL is saved and again at every delivery, on the address
 * the connection actually uses (`guardedLookup`), so a DNS answer that changes after the check
 * (rebinding) cannot reach the inside either.
 */

// Two lists: one BlockList matches IPv4 addresses against its IPv6 rules as IPv4-mapped, so the
// ::ffff:0:0/96 rule would refuse every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blockedV4.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  // IPv4-mapped (::ffff:127.0.0.1) and IPv4-compatible forms would smuggle an IPv4 address past the list.
  ["::ffff:0:0", 96],
  ["::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  blockedV6.addSubnet(network, prefix, "ipv6");

/** Whether `address` (an IP literal) is one a webhook may not reach. Not an IP at all: refused too. */
export function isPrivateAddress(address: string) {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? blockedV4.check(address, "ipv4") : blockedV6.check(address, "ipv6");
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
