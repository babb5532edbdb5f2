import { randomBytes } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { db } from "./db/client";
import { createLimiter } from "./rate-limit";
import { BatchedLimiter } from "./rate-limit-batched";

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

  it("gives back what it paid ahead when another instance spent more than it knew", async () => {
    const opts = options(100); // headroom 20, 5 paid ahead
    const [first, second] = [new BatchedLimiter(createLimiter(db, opts)), new BatchedLimiter(createLimiter(db, opts))];
    await first.consume("caller"); // first knows a count of 1
    expect(await admitted(second, "caller", 97)).toBe(97); // second spends up to 98 behind first's back
    // first asks for 1 + 5 ahead: 2 points of room, so it keeps 1 ahead and gives 4 back.
    expect(await admitted(first, "caller", 3)).toBe(2);
    expect(await admitted(second, "caller", 1)).toBe(0);
    expect(await storedPoints(opts.keyPrefix, "caller")).toBe(100 + 1 + 1);
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
