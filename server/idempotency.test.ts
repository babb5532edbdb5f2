import { describe, expect, it } from "vitest";
import { db } from "./db/client";
import { renderError } from "./errors";
import {
  claimIdempotencyKey,
  IDEMPOTENCY_LOCK_MS,
  IDEMPOTENCY_TTL_MS,
  isFinalStatus,
  parseIdempotencyKey,
  pruneIdempotencyRecords,
  requestHashOf,
  settleIdempotencyKey,
} from "./idempotency";

const request = (key: string, body = '{"a":1}') => ({
  caller: "key:test-key",
  key,
  method: "POST",
  path: "/api/v1/orders",
  requestHash: requestHashOf("POST", "/api/v1/orders", body),
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => renderError(error, { unprocessableFields: true }),
  );

describe("idempotency keys", () => {
  it("replays a settled answer to the same caller and request, and keeps callers apart", async () => {
    const first = await claimIdempotencyKey(db, request("k-replay"));
    expect(first.kind).toBe("claimed");
    if (first.kind !== "claimed") return;
    await settleIdempotencyKey(db, first.recordId, { status: 201, body: '{"id":"o1"}' });
    expect(await claimIdempotencyKey(db, request("k-replay"))).toEqual({
      kind: "replay",
      response: { status: 201, body: '{"id":"o1"}' },
    });
    // Field order does not make another request; another caller's same key is its own.
    expect(
      (
        await claimIdempotencyKey(db, {
          ...request("k-replay"),
          requestHash: requestHashOf("POST", "/api/v1/orders", '{ "a": 1 }'),
        })
      ).kind,
    ).toBe("replay");
    expect((await claimIdempotencyKey(db, { ...request("k-replay"), caller: "user:someone" })).kind).toBe("claimed");
  });

  it("refuses the same key for another body (422 naming the header)", async () => {
    const first = await claimIdempotencyKey(db, request("k-reuse"));
    if (first.kind === "claimed") await settleIdempotencyKey(db, first.recordId, { status: 200, body: "{}" });
    const refused = await failureOf(claimIdempotencyKey(db, request("k-reuse", '{"a":2}')));
    expect(refused?.status).toBe(422);
    expect(refused?.body.data.appCode).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(Object.keys(refused?.body.data.fieldErrors ?? {})).toEqual(["Idempotency-Key"]);
  });

  it("answers a concurrent retry with 409 and Retry-After; a lapsed lock is taken over", async () => {
    const now = new Date();
    await claimIdempotencyKey(db, request("k-busy"), now);
    const busy = await failureOf(claimIdempotencyKey(db, request("k-busy"), now));
    expect(busy?.status).toBe(409);
    expect(busy?.body.data.appCode).toBe("IDEMPOTENCY_KEY_IN_USE");
    expect(Number(busy?.headers["Retry-After"])).toBeGreaterThan(0);
    const later = new Date(now.getTime() + IDEMPOTENCY_LOCK_MS + 1000);
    expect((await claimIdempotencyKey(db, request("k-busy"), later)).kind).toBe("claimed");
  });

  it("frees the key when the answer is not final (5xx, 429), so a retry runs again", async () => {
    const first = await claimIdempotencyKey(db, request("k-retry"));
    if (first.kind === "claimed") await settleIdempotencyKey(db, first.recordId, { status: 503, body: "{}" });
    expect((await claimIdempotencyKey(db, request("k-retry"))).kind).toBe("claimed");
    expect([200, 201, 400, 404, 422].every(isFinalStatus)).toBe(true);
    expect([401, 403, 409, 429, 500, 503].some(isFinalStatus)).toBe(false);
  });

  it("forgets keys after 24 h: a claim treats them as absent and the prune deletes them", async () => {
    const first = await claimIdempotencyKey(db, request("k-old"));
    if (first.kind === "claimed") await settleIdempotencyKey(db, first.recordId, { status: 200, body: "{}" });
    const dayLater = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 1000);
    expect((await claimIdempotencyKey(db, request("k-old", '{"other":true}'), dayLater)).kind).toBe("claimed");
    expect(await pruneIdempotencyRecords(db, new Date(Date.now() + 2 * IDEMPOTENCY_TTL_MS + 5000))).toBeGreaterThan(0);
    expect(await db.idempotencyRecord.count({ where: { key: "k-old" } })).toBe(0);
  });

  it("takes 1–255 printable characters and refuses anything else with 400", async () => {
    expect(parseIdempotencyKey("a")).toBe("a");
    expect(parseIdempotencyKey("x".repeat(255))).toHaveLength(255);
    for (const bad of ["", "x".repeat(256), "has space", "tab\t", "é"]) {
      const refused = await failureOf(Promise.resolve().then(() => parseIdempotencyKey(bad)));
      expect(refused?.status, JSON.stringify(bad)).toBe(400);
      expect(refused?.body.data.appCode).toBe("IDEMPOTENCY_KEY_INVALID");
    }
  });
});
