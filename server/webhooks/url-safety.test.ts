import { once } from "node:events";
import { createServer } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { postWebhook } from "./post-webhook";
import { isPrivateAddress } from "./url-safety";

describe("private address check", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "not-an-ip",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  // IPv6 forms a gateway or relay turns into an IPv4 address: judged by that address, or refused whole.
  it.each([
    ["64:ff9b::a9fe:a9fe", "NAT64 of 169.254.169.254 (cloud metadata)"],
    ["64:ff9b::169.254.169.254", "NAT64, dotted"],
    ["64:ff9b::7f00:1", "NAT64 of 127.0.0.1"],
    ["64:ff9b::a00:1", "NAT64 of 10.0.0.1"],
    ["64:ff9b:1::808:808", "local-use NAT64 (whole /48)"],
    ["64:ff9b:1:ffff::1", "local-use NAT64, elsewhere in the /48"],
    ["2002:a9fe:a9fe::1", "6to4 of 169.254.169.254"],
    ["2002:7f00:1::", "6to4 of 127.0.0.1"],
    ["2002:c0a8:101::1", "6to4 of 192.168.1.1"],
    ["2001:0:a9fe:a9fe::f7f7:f7f7", "Teredo with a link-local server"],
    ["2001:0:808:808::80ff:fffe", "Teredo whose client is 127.0.0.1 (bits inverted)"],
    ["::ffff:0:a9fe:a9fe", "RFC 6145 ::ffff:0:0:0/96"],
    ["::ffff:0:808:808", "RFC 6145, even of a public address"],
    ["::a9fe:a9fe", "IPv4-compatible ::/96"],
    ["::8.8.8.8", "IPv4-compatible, even of a public address"],
    ["::ffff:8.8.8.8", "IPv4-mapped, even of a public address"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped, hex"],
    ["fc00::1", "unique local fc00::/7"],
    ["fdff:ffff::1", "unique local, upper half"],
    ["fe80::1%eth0", "link-local with a zone"],
    ["febf:ffff::1", "link-local fe80::/10, last block"],
    ["fec0::1", "site-local (deprecated)"],
    ["ff02::1", "multicast"],
    ["ff0e::101", "global multicast"],
    ["0:0:0:0:0:0:0:0", "unspecified, long form"],
    ["0:0:0:0:0:0:0:1", "loopback, long form"],
    ["2001:db8::1", "documentation"],
    ["100::1", "discard"],
  ])("refuses %s (%s)", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    ["64:ff9b::808:808", "NAT64 of 8.8.8.8"],
    ["2002:808:808::1", "6to4 of 8.8.8.8"],
    ["2001:0:808:808::f7f7:f7f7", "Teredo, public server and client (8.8.8.8)"],
    ["2a00:1450:4001:82a::200e", "global unicast"],
  ])("allows %s (%s)", (address) => expect(isPrivateAddress(address)).toBe(false));
});

// A loopback receiver whose answer each test chooses.
let answer: (res: import("node:http").ServerResponse) => void = (res) => res.end("ok");
let hits = 0;
const receiver = createServer((req, res) => {
  hits++;
  req.resume();
  req.on("end", () => answer(res));
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const port = (receiver.address() as { port: number }).port;
afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

describe("postWebhook", () => {
  it("refuses a private address, literal or resolved, before sending anything", async () => {
    hits = 0;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`]) {
      const outcome = await postWebhook(url, "{}", { headers: {}, allowPrivate: false });
      expect(outcome).toMatchObject({ ok: false, permanent: true, statusCode: null });
      expect(outcome.error).toMatch(/private or reserved address/);
    }
    expect(hits).toBe(0);
  });

  it("does not follow redirects: a 3xx is a failed attempt", async () => {
    answer = (res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    hits = 0;
    const outcome = await postWebhook(`http://127.0.0.1:${port}/hook`, "{}", { headers: {}, allowPrivate: true });
    expect(outcome).toMatchObject({ ok: false, permanent: false, statusCode: 302, error: "HTTP 302" });
    expect(hits).toBe(1);
  });

  it("gives up after the timeout, and reads only the start of a long answer", async () => {
    answer = () => {}; // never answers
    const slow = await postWebhook(`http://127.0.0.1:${port}/hook`, "{}", {
      headers: {},
      allowPrivate: true,
      timeoutMs: 200,
    });
    expect(slow).toMatchObject({ ok: false, statusCode: null, error: "timed out" });
    expect(slow.durationMs).toBeGreaterThanOrEqual(150);

    answer = (res) => {
      res.writeHead(500);
      res.write("x".repeat(10_000));
    }; // and never ends
    const long = await postWebhook(`http://127.0.0.1:${port}/hook`, "{}", { headers: {}, allowPrivate: true });
    expect(long.statusCode).toBe(500);
    expect(long.error).toBe(`HTTP 500: ${"x".repeat(200)}`);
  });

  it("reports a refused connection as a retryable failure", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const free = (closed.address() as { port: number }).port;
    closed.close();
    const outcome = await postWebhook(`http://127.0.0.1:${free}/`, "{}", { headers: {}, allowPrivate: true });
    expect(outcome).toMatchObject({ ok: false, permanent: false, statusCode: null });
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });
});
