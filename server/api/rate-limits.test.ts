import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "../db/client";
import { reloadEnv } from "../env";
import { RateLimitedError } from "../errors";
import { withRequestContext } from "../observability/http";
import { createUser, sessionCookieFor } from "../test/factories";
import { captureLogs } from "../test/logs";
import { createTrpcNodeHandler, handleTrpcFetch } from "./http";
import { enforceRateLimit, forgetStoreFailure, limitKeysOf, rateLimitHeaders } from "./rate-limits";
import { appRouter, createCaller } from "./root";
import { createInnerContext } from "./trpc";

/**
 * The API rate limits with low settings, over both transports: each class counts on its own,
 * per caller identity; past the limit a 429 in the house error shape with Retry-After; the
 * RateLimit-Policy / RateLimit headers on every limited response.
 */
const LIMITS = {
  RATE_LIMIT_READS: "3/60",
  RATE_LIMIT_WRITES: "2/60",
  RATE_LIMIT_CHECKOUT: "1/60",
  RATE_LIMIT_ASSISTANT: "2/60",
};
Object.assign(process.env, LIMITS);
reloadEnv();
afterAll(() => {
  for (const name of Object.keys(LIMITS)) delete process.env[name];
  reloadEnv();
});

const server = createServer(createTrpcNodeHandler());
let nodeBase = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  nodeBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

type Call = (path: string, o: { ip: string; cookie?: string; body?: unknown; accept?: string }) => Promise<Response>;
const headersOf = (o: Parameters<Call>[1]) => ({
  "content-type": "application/json",
  "x-forwarded-for": o.ip,
  ...(o.cookie && { cookie: o.cookie }),
  ...(o.accept && { "trpc-accept": o.accept }),
});
const bodyOf = (o: Parameters<Call>[1]) =>
  o.body === undefined ? {} : { method: "POST", body: JSON.stringify(superjson.serialize(o.body)) };
const nextHandler = withRequestContext((r: Request) => handleTrpcFetch(r, appRouter));
const transports: [string, Call][] = [
  ["node fast path", (path, o) => fetch(`${nodeBase}/api/trpc/${path}`, { headers: headersOf(o), ...bodyOf(o) })],
  [
    "next route handler",
    (path, o) => nextHandler(new Request(`http://localhost/api/trpc/${path}`, { headers: headersOf(o), ...bodyOf(o) })),
  ],
];

// Each test spends a fresh address's (or user's) allowance, so they cannot disturb one another.
// Distinct /64s: addresses of one /64 share a bucket.
const freshIp = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

type ErrorEnvelope = {
  error: { json: { message: string; data: { httpStatus: number; appCode: string; details: unknown } } };
};

describe.each(transports)("rate limits over the %s", (_name, call) => {
  it("reads: headers on every call, then 429 in the house shape with Retry-After", async () => {
    const ip = freshIp();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call("health.ping", { ip });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toBe('"reads";q=3;w=60');
      remaining.push(res.headers.get("ratelimit")!);
    }
    expect(remaining.map((h) => /;r=(\d+);t=(\d+)$/.exec(h)?.[1])).toEqual(["2", "1", "0"]);
    expect(remaining.every((h) => Number(/;t=(\d+)$/.exec(h)![1]) <= 60)).toBe(true);

    const refused = await call("health.ping", { ip });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-policy")).toBe('"reads";q=3;w=60');
    expect(refused.headers.get("ratelimit")).toMatch(/^"reads";r=0;t=\d+$/);
    const body = (await refused.json()) as ErrorEnvelope;
    expect(body.error.json.data).toMatchObject({
      httpStatus: 429,
      appCode: "RATE_LIMITED",
      details: { policy: "reads", limit: 3, windowSeconds: 60, retryAfterSeconds: retryAfter },
    });
    expect(body.error.json.message).toContain("Try again in");
  });

  it("a streamed batch (the browser's link) carries the headers too, and Retry-After once refused", async () => {
    const ip = freshIp();
    const streamed = (n: number) =>
      call(`${Array(n).fill("health.ping").join(",")}?batch=1&input=${encodeURIComponent("{}")}`, {
        ip,
        accept: "application/jsonl",
      });
    const first = await streamed(2);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe('"reads";q=3;w=60');
    expect(first.headers.get("ratelimit")).toMatch(/^"reads";r=1;t=\d+$/);
    await first.text();
    const refused = await streamed(2);
    expect(refused.headers.get("ratelimit")).toMatch(/^"reads";r=0;t=\d+$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toContain("RATE_LIMITED");
  });

  it("writes count on their own, refused calls (bad input) included", async () => {
    const ip = freshIp();
    const signUp = () => call("auth.signUp", { ip, body: {} });
    expect((await signUp()).status).toBe(400);
    const second = await signUp();
    expect(second.status).toBe(400);
    expect(second.headers.get("ratelimit")).toMatch(/^"writes";r=0;t=\d+$/);
    const third = await signUp();
    expect(third.status).toBe(429);
    expect(third.headers.get("ratelimit-policy")).toBe('"writes";q=2;w=60');
    // The same address still has all of its reads.
    expect((await call("health.ping", { ip })).headers.get("ratelimit")).toMatch(/^"reads";r=2;/);
  });

  it("checkout and assistant are classes of their own, counted per user", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user);
    const ip = freshIp();
    const checkout = () => call("orders.create", { ip, cookie, body: {} });
    expect((await checkout()).headers.get("ratelimit-policy")).toBe('"checkout";q=1;w=60');
    const refused = await checkout();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorEnvelope).error.json.data.details).toMatchObject({ policy: "checkout" });
    // Other writes of the same user are untouched by the checkout limit.
    expect((await call("orders.cancel", { ip, cookie, body: {} })).headers.get("ratelimit")).toMatch(/^"writes";r=1;/);

    const list = () =>
      call("conversations.list?input=" + encodeURIComponent(JSON.stringify({ json: {} })), { ip, cookie });
    expect((await list()).status).toBe(200);
    expect((await list()).headers.get("ratelimit")).toMatch(/^"assistant";r=0;/);
    expect((await list()).status).toBe(429);
    expect(
      (await call("orders.list?input=" + encodeURIComponent(JSON.stringify({ json: {} })), { ip, cookie })).status,
    ).toBe(200);
  });

  it("a batch reports each policy it spent, with its tightest remaining", async () => {
    const cookie = await sessionCookieFor(await createUser());
    const input = encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null }, 2: { json: {} } }));
    const res = await call(`health.ping,health.ping,conversations.list?batch=1&input=${input}`, {
      ip: freshIp(),
      cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toBe('"reads";q=3;w=60, "assistant";q=2;w=60');
    expect(res.headers.get("ratelimit")).toMatch(/^"reads";r=1;t=\d+, "assistant";r=1;t=\d+$/);
  });

  it("a signed-in user does not spend the allowance of the address they share", async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) await call("health.ping", { ip });
    expect((await call("health.ping", { ip })).status).toBe(429);
    const cookie = await sessionCookieFor(await createUser());
    const signedIn = await call("health.ping", { ip, cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("ratelimit")).toMatch(/^"reads";r=2;/);
  });
});

describe("caller identity", () => {
  const ctx = (user: { id: string } | null, ip: string | null, apiKey?: { id: string; scopes: string[] }) =>
    Object.assign(
      createInnerContext({
        user: user && { ...user, email: "a@example.com", name: null, role: "CUSTOMER" },
        ip,
        rateLimited: true,
      }),
      {
        apiKey: apiKey ?? null,
      },
    );

  it("is the API key and its owner, else the user, else the address (IPv6 by its /64)", () => {
    expect(limitKeysOf(ctx({ id: "u1" }, "192.0.2.1", { id: "k1", scopes: [] }))).toEqual(["key:k1", "user:u1"]);
    expect(limitKeysOf(ctx({ id: "u1" }, "192.0.2.1"))).toEqual(["user:u1"]);
    expect(limitKeysOf(ctx(null, "192.0.2.1"))).toEqual(["ip:192.0.2.1"]);
    expect(limitKeysOf(ctx(null, "::ffff:192.0.2.1"))).toEqual(["ip:192.0.2.1"]);
    expect(limitKeysOf(ctx(null, "2001:db8:0:12::1"))).toEqual(["ip:2001:db8:0:12::/64"]);
    expect(limitKeysOf(ctx(null, "2001:0db8:0000:0012:abcd:1:2:3"))).toEqual(["ip:2001:db8:0:12::/64"]);
    expect(limitKeysOf(ctx(null, "::1"))).toEqual(["ip:0:0:0:0::/64"]);
    // Callers without an address share one bucket: stricter, never looser.
    expect(limitKeysOf(ctx(null, null))).toEqual(["ip:unknown"]);
  });

  it("an API key spends its owner's allowance too, so more keys do not mean more calls", async () => {
    const user = { id: `u-${randomBytes(4).toString("hex")}` };
    const key = { id: `k-${randomBytes(4).toString("hex")}`, scopes: ["orders:write"] };
    const otherKey = { id: `k-${randomBytes(4).toString("hex")}`, scopes: ["orders:write"] };
    for (let i = 0; i < 2; i++) await enforceRateLimit(ctx(user, null, key), "write");
    await expect(enforceRateLimit(ctx(user, null, key), "write")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(enforceRateLimit(ctx(user, null, otherKey), "write")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(enforceRateLimit(ctx(user, null), "write")).rejects.toBeInstanceOf(RateLimitedError);
    // Another account's key has its own.
    await expect(enforceRateLimit(ctx({ id: `${user.id}-b` }, null, otherKey), "read")).resolves.toBeUndefined();
  });

  it("in-process callers (tests, shared cache fills) are no caller to limit", async () => {
    const anonymous = createCaller(createInnerContext({ user: null }));
    for (let i = 0; i < 6; i++) await expect(anonymous.health.ping()).resolves.toMatchObject({ ok: true });
  });
});

describe("a failing counter store", () => {
  it("fails open to per-process counters, logs it once, and still refuses past the limit", async () => {
    const away = createPrismaClient("postgresql://shop:pw@127.0.0.1:1/shop", { connectionTimeoutMillis: 300 });
    const logs = captureLogs();
    try {
      const ctx = () => ({ ...createInnerContext({ user: null, ip: freshIp(), rateLimited: true }), db: away });
      const one = ctx();
      await enforceRateLimit(one, "write");
      await enforceRateLimit(one, "write");
      expect(one.rateLimits).toMatchObject([
        { policy: "writes", remaining: 1 },
        { policy: "writes", remaining: 0 },
      ]);
      await expect(enforceRateLimit(one, "write")).rejects.toMatchObject({ code: "RATE_LIMITED" });
      const warnings = logs.lines().filter((l) => String(l.msg).startsWith("rate-limit store failed"));
      expect(warnings).toHaveLength(1);
      // While the failure is recent, calls do not wait on the store again.
      const started = performance.now();
      await enforceRateLimit(ctx(), "read");
      expect(performance.now() - started).toBeLessThan(100);
    } finally {
      logs.restore();
      await away.$disconnect();
    }
    // The shared store answering again is the normal path once more (after the retry interval).
    forgetStoreFailure();
    const back = { ...createInnerContext({ user: null, ip: freshIp(), rateLimited: true }), db };
    await enforceRateLimit(back, "read");
    expect(back.rateLimits).toMatchObject([{ policy: "reads", remaining: 2 }]);
  });
});

describe("rateLimitHeaders", () => {
  it("is empty when nothing was counted", () => {
    expect(rateLimitHeaders(null)).toEqual({});
    expect(rateLimitHeaders([])).toEqual({});
  });
});
