import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcNodeHandler } from "./api/http";
import { createSignInThrottle } from "./auth/sign-in-throttle";
import { createSignUpThrottle } from "./auth/sign-up-throttle";
import { db } from "./db/client";
import { freePort } from "./db/embedded-postgres";
import { reloadEnv } from "./env";
import { RateLimitedError } from "./errors";
import { closeLimiterStore, limiterStoreKind } from "./rate-limit";
import { sleep } from "./test/processes";

/**
 * With REDIS_URL set every limiter counts in Redis: a real redis-server (Debian's, started here
 * on a free loopback port and stopped by its PID), the API limits over HTTP, the sign-in and
 * sign-up throttles, and the API's fail-open when Redis goes away.
 */
const REDIS_SERVER = "/usr/bin/redis-server";
let redisProcess: ChildProcess | undefined;
let inspect: Redis;
const server = createServer(createTrpcNodeHandler());
let base = "";

beforeAll(async () => {
  const port = await freePort();
  redisProcess = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  // No reconnects of its own: a refused attempt while redis-server starts leaves it closed, so the
  // loop below may connect again (an auto-reconnecting client refuses a second connect()).
  inspect = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused connections while redis-server starts (and after the last test stops it) are expected.
  inspect.on("error", () => {});
  for (let i = 0; ; i++) {
    try {
      await inspect.connect();
      break;
    } catch (error) {
      if (i > 50) throw error;
      await sleep(100);
    }
  }
  Object.assign(process.env, { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_READS: "2/60" });
  reloadEnv();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.close();
  await closeLimiterStore();
  inspect.disconnect();
  if (redisProcess?.pid && redisProcess.exitCode === null && redisProcess.signalCode === null)
    process.kill(redisProcess.pid, "SIGKILL");
  delete process.env.REDIS_URL;
  delete process.env.RATE_LIMIT_READS;
  reloadEnv();
});

const ip = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const ping = (address: string) => fetch(`${base}/api/trpc/health.ping`, { headers: { "x-forwarded-for": address } });

describe("rate limits in Redis (REDIS_URL)", () => {
  it("count API calls in Redis, not in PostgreSQL, and refuse past the limit", async () => {
    expect(limiterStoreKind()).toBe("redis");
    const address = ip();
    expect((await ping(address)).headers.get("ratelimit")).toMatch(/^"reads";r=1;t=\d+$/);
    expect((await ping(address)).status).toBe(200);
    const refused = await ping(address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await inspect.get(`api:read:ip:${address}`)).toBe("3");
    expect(await db.rateLimit.count({ where: { key: { contains: address } } })).toBe(0);
  });

  it("keep the sign-up and sign-in throttles working on the same store", async () => {
    const address = ip();
    const signUp = createSignUpThrottle(db, { maxPerIp: 1, windowSeconds: 60 });
    await signUp.consume(address);
    await expect(signUp.consume(address)).rejects.toMatchObject({ code: "SIGN_UP_THROTTLED" });
    expect(await inspect.exists(`signup:ip:${address}`)).toBe(1);

    const email = `redis-${randomBytes(3).toString("hex")}@example.com`;
    const signIn = createSignInThrottle(db, { maxFailures: 2, lockSeconds: 60 });
    await signIn.assertAllowed(email, address);
    await signIn.recordFailure(email, address);
    await signIn.recordFailure(email, address);
    await expect(signIn.assertAllowed(email, address)).rejects.toBeInstanceOf(RateLimitedError);
    await signIn.recordSuccess(email);
    await expect(signIn.assertAllowed(email, address)).resolves.toBeUndefined();
  });

  it("fail open to per-process counters when Redis goes away", async () => {
    const pid = redisProcess!.pid!;
    process.kill(pid, "SIGKILL");
    await once(redisProcess!, "exit");
    const address = ip();
    const first = await ping(address);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit")).toMatch(/^"reads";r=1;/);
    await ping(address);
    expect((await ping(address)).status).toBe(429);
    // The throttles cannot fall back (their counts guard accounts): 503, not 500.
    await expect(createSignUpThrottle(db, { maxPerIp: 5, windowSeconds: 60 }).consume(ip())).rejects.toMatchObject({
      code: "RATE_LIMIT_STORE_UNAVAILABLE",
    });
  });
});
