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
