import { randomBytes } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { createPrismaClient, db } from "./db/client";
import { createLimiter } from "./rate-limit";
import { BatchedLimiter } from "./rate-limit-batched";
import { startTcpProxy } from "./test/processes";

/** The batched limiter over the real PostgreSQL store: fewer store writes, the same limit. */

const options = (points: number) => ({ keyPrefix: `batched-${randomBytes(4).toString("hex")}`, points, duration: 60 });

async function admitted(limiter: BatchedLimiter, key: string, calls: number) {
  const results = await Promise.all(
    Array.from({ length: calls }, () =>
      limiter.consume(key).then(
        () => true,
        (reason: unknown) => {
          if (reason instanceof RateLimiterRes) return false;
          throw reason;
        },
      ),
    ),
  );
  return results.filter(Boolean).length;
}

const storedPoints = async (prefix: string, key: string) =>
  (await db.rateLimit.findUnique({ where: { key: `${prefix}:${key}` } }))?.points ?? 0;

describe("BatchedLimiter", () => {
  it("pays for calls far from the limit ahead, and admits those without the store", async () => {
    const opts = options(10_000);
    const limiter = new BatchedLimiter(createLimiter(db, opts));
    await limiter.consume("caller"); // learns the shared count
    const outcomes = [];
    for (let i = 0; i < 200; i++) outcomes.push(await limiter.consume("caller"));
    // One store call paid for itself and the next 500 (5 % of the allowance): the store counted
    // them before they were admitted, and the outcome reports what was spent.
    expect(await storedPoints(opts.keyPrefix, "caller")).toBe(1 + 1 + 500);
    expect(outcomes.at(-1)).toMatchObject({ consumedPoints: 201, remainingPoints: 10_000 - 201 });
  });

  it("keeps what fits of a payment the store refused, when another instance spent more than it knew", async () => {
    const opts = options(100); // the last 20 exact, 5 paid ahead before that
    const [first, second] = [new BatchedLimiter(createLimiter(db, opts)), new BatchedLimiter(createLimiter(db, opts))];
    await first.consume("caller"); // first knows a count of 1
    expect(await admitted(second, "caller", 97)).toBe(97); // second spends up to 98 behind first's back
    // first pays 1 + 5 with 2 points of room: its call and 1 point ahead are admitted, no more.
    expect(await admitted(first, "caller", 3)).toBe(2);
    expect(await admitted(second, "caller", 1)).toBe(0);
  });

  it("spends what a batch paid ahead, and never reports more than the allowance as used", async () => {
    const opts = options(100);
    const limiter = new BatchedLimiter(createLimiter(db, opts));
    const spend = (points: number) =>
      limiter.consume("caller", points).then(
        (res) => res,
        (reason: unknown) => (reason instanceof RateLimiterRes ? null : Promise.reject(reason)),
      );
    expect((await spend(30))?.consumedPoints).toBe(30); // exact: learns the count
    expect((await spend(30))?.consumedPoints).toBe(60); // pays 5 ahead
    expect((await spend(30))?.consumedPoints).toBe(90); // near the limit: exact
    expect(await spend(30)).toBeNull(); // refused (the store counted it: 125)
    // The 5 paid ahead are this window's: admitted, reported as the allowance used up.
    expect(await spend(5)).toMatchObject({ consumedPoints: 100, remainingPoints: 0 });
    expect(await spend(1)).toBeNull();
  });

  it("fails the calls waiting on a payment with the store's error, at once", async () => {
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    const store = createPrismaClient(viaProxy.toString(), { connectionTimeoutMillis: 2_000 });
    try {
      const limiter = new BatchedLimiter(createLimiter(store, options(100)));
      for (let i = 0; i < 7; i++) await limiter.consume("caller"); // 1 exact, 1 + 5 paid ahead, 5 spent
      proxy.cut();
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.consume("caller")));
      const reasons = outcomes.map((o) => (o.status === "rejected" ? (o.reason as unknown) : o.value));
      // One store call failed; the four waiting on it got its error, not a turn of their own.
      expect(reasons.every((r) => r instanceof Error && !(r instanceof RateLimiterRes))).toBe(true);
      expect(new Set(reasons).size).toBe(1);
    } finally {
      await store.$disconnect().catch(() => {});
      await proxy.close();
    }
  });

  it("is exact near the limit: a small allowance admits exactly its points", async () => {
    const opts = options(5);
    const limiter = new BatchedLimiter(createLimiter(db, opts));
    expect(await admitted(limiter, "caller", 8)).toBe(5);
    expect(await storedPoints(opts.keyPrefix, "caller")).toBe(8);
  });

  it("holds the limit across two processes sharing the store", async () => {
    const opts = options(200);
    const first = new BatchedLimiter(createLimiter(db, opts));
    const second = new BatchedLimiter(createLimiter(db, opts));
    let total = 0;
    // Both learn the window, then spend it in interleaved bursts from either side.
    for (let round = 0; round < 30; round++) {
      total += await admitted(first, "shared", 10);
      total += await admitted(second, "shared", 10);
    }
    expect(total).toBe(200);
  });

  it("starts a new window once the store's has ended", async () => {
    const opts = { ...options(3), duration: 1 };
    const limiter = new BatchedLimiter(createLimiter(db, opts));
    expect(await admitted(limiter, "caller", 5)).toBe(3);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await admitted(limiter, "caller", 5)).toBe(3);
  });
});
