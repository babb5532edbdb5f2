import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startBus, stopBus, subscribe } from "./bus";
import {
  closeLiveStreams,
  liveInput,
  type LiveMessage,
  livePosition,
  liveStreamCount,
  raiseLive,
  raiseLiveEvents,
  recordLive,
  streamLive,
} from "./live";

/**
 * Live streams on this file's database and bus: events reach the streams of their topic and key,
 * a stream resumed with its last event id replays what it missed (durable topics) or asks for a
 * refetch (the others), and a rolled-back write raises nothing. Real PostgreSQL, no doubles.
 */

beforeAll(() => startBus());
afterAll(() => stopBus());

type Yielded = [id: string, message: LiveMessage];

/** A stream read in the background: what it yielded so far, and a way to end it. */
function open(targets: Parameters<typeof streamLive>[0], lastEventId?: string) {
  const controller = new AbortController();
  const received: Yielded[] = [];
  const done = (async () => {
    try {
      for await (const value of streamLive(targets, { lastEventId, signal: controller.signal }))
        received.push([value[0], value[1]] as Yielded);
      return "returned";
    } catch (error) {
      return (error as Error).name;
    }
  })();
  return { received, done, close: () => controller.abort() };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const status = (orderId: string, s: string) => ({ orderId, status: s });
const dataOf = (y: Yielded) => ("resync" in y[1] ? "resync" : (y[1].data as { status?: string }).status);

describe("live streams", () => {
  it("delivers an event to the streams of its topic and key only", async () => {
    const [a, b] = [
      open([{ topic: "order.status", key: "order-a" }]),
      open([{ topic: "order.status", key: "order-b" }]),
    ];
    await until(() => liveStreamCount() >= 2);
    await raiseLive("order.status", "order-a", status("order-a", "SHIPPED"));
    await until(() => a.received.length === 1);
    expect(a.received[0]![1]).toMatchObject({
      topic: "order.status",
      key: "order-a",
      data: status("order-a", "SHIPPED"),
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(b.received).toEqual([]);
    a.close();
    b.close();
    // Ending throws AbortError (not a return), so tRPC's client reconnects instead of finishing.
    expect(await a.done).toBe("AbortError");
    await b.done;
  });

  it("replays what a reconnecting stream missed, in order, then carries on live", async () => {
    const first = open([{ topic: "order.status", key: "order-r" }]);
    await until(() => liveStreamCount() >= 1);
    await raiseLive("order.status", "order-r", status("order-r", "PAID"));
    await until(() => first.received.length === 1);
    first.close();
    await first.done;
    const lastEventId = first.received[0]![0];

    // Missed while disconnected, with another key's event between them.
    await raiseLive("order.status", "order-r", status("order-r", "SHIPPED"));
    await raiseLive("order.status", "order-x", status("order-x", "PAID"));
    await raiseLive("order.status", "order-r", status("order-r", "DELIVERED"));

    const resumed = open([{ topic: "order.status", key: "order-r" }], lastEventId);
    await until(() => resumed.received.length === 2);
    await raiseLive("order.status", "order-r", status("order-r", "CANCELLED"));
    await until(() => resumed.received.length === 3);
    expect(resumed.received.map(dataOf)).toEqual(["SHIPPED", "DELIVERED", "CANCELLED"]);
    // Each value's id is the stream's position: resuming from the last one replays nothing twice.
    const ids = resumed.received.map(([id]) => BigInt(id));
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    resumed.close();
    await resumed.done;

    const again = open([{ topic: "order.status", key: "order-r" }], resumed.received[2]![0]);
    await until(() => liveStreamCount() >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.received).toEqual([]);
    again.close();
    await again.done;
  });

  it("a page's stream from the position it was rendered at also gets what was raised while it loaded", async () => {
    await raiseLive("order.status", "order-p", status("order-p", "PAID")); // before the render: not replayed
    const renderedAt = await livePosition();
    await raiseLive("order.status", "order-p", status("order-p", "SHIPPED")); // while the page loads
    const page = open([{ topic: "order.status", key: "order-p" }], renderedAt);
    await until(() => page.received.length === 1);
    await raiseLive("order.status", "order-p", status("order-p", "DELIVERED"));
    await until(() => page.received.length === 2);
    expect(page.received.map(dataOf)).toEqual(["SHIPPED", "DELIVERED"]);
    page.close();
    await page.done;
  });

  it("asks a resumed stream of a non-durable topic to refetch, and keeps no rows for it", async () => {
    const before = await db.liveEvent.count({ where: { topic: "knowledge.document" } });
    const stream = open([{ topic: "knowledge.document", key: "" }], "1");
    await until(() => stream.received.length === 1);
    expect(stream.received[0]![1]).toEqual({ resync: true });
    await raiseLive("knowledge.document", "", { documentId: "d1", status: "INDEXING", progress: 40 });
    await until(() => stream.received.length === 2);
    expect(stream.received[1]![1]).toMatchObject({ id: null, data: { documentId: "d1", progress: 40 } });
    expect(await db.liveEvent.count({ where: { topic: "knowledge.document" } })).toBe(before);
    stream.close();
    await stream.done;
  });

  it("records nothing for a write that rolls back, and refuses an event of the wrong shape", async () => {
    const before = await db.liveEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordLive(tx, [{ topic: "order.status", key: "order-t", data: status("order-t", "PAID") }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.liveEvent.count()).toBe(before);
    await expect(
      recordLive(db, [{ topic: "order.status", key: "k", data: { orderId: "k" } as never }]),
    ).rejects.toThrow();
  });

  it("publishes a write's other bus messages before its events, and even when its events fail", async () => {
    const heard: string[] = [];
    const unsubscribe = [
      subscribe("cache.invalidate", ({ data }) => heard.push(`cache ${data.tags.join()}`)),
      subscribe("live.events", ({ data }) => heard.push(`live ${data.events.map((e) => e.key).join()}`)),
    ];
    const invalidation = (tag: string) => ({ channel: "cache.invalidate" as const, data: { tags: [tag] } });
    await raiseLiveEvents(
      db,
      [{ topic: "order.status", key: "order-o", data: status("order-o", "PAID") }],
      [invalidation("product:o")],
    );
    // An event of the wrong shape is not recorded; the invalidation still goes out.
    await raiseLiveEvents(db, [{ topic: "order.status", key: "k", data: {} as never }], [invalidation("product:k")]);
    await until(() => heard.length === 3);
    expect(heard).toEqual(["cache product:o", "live order-o", "cache product:k"]);
    unsubscribe.forEach((stop) => stop());
  });

  it("cuts off a reader that stopped reading once it is 1,000 events behind", async () => {
    const stream = streamLive([{ topic: "order.status", key: "order-slow" }], {});
    const first = stream.next(); // starts the stream; it parks at its first yield
    await until(() => liveStreamCount() >= 1);
    const events = Array.from({ length: 1_001 }, (_, i) => ({
      topic: "order.status" as const,
      key: "order-slow",
      data: status("order-slow", `S${i}`),
    }));
    await raiseLive("order.status", "order-slow", status("order-slow", "FIRST"));
    expect((await first).value?.[1]).toMatchObject({ data: { status: "FIRST" } });
    // Parked at that yield, nobody reading: the next 1,001 arrive.
    await raiseLiveEvents(db, events);
    await new Promise((r) => setTimeout(r, 500));
    await expect(stream.next()).rejects.toThrow("fell behind");
    expect(liveStreamCount()).toBe(0);
  });

  it("accepts only ids it could have sent as lastEventId", () => {
    expect(liveInput.safeParse({ lastEventId: "42" }).success).toBe(true);
    expect(liveInput.safeParse({}).success).toBe(true);
    for (const bad of ["-1", "abc", "1".repeat(20), "9223372036854775808"])
      expect(liveInput.safeParse({ lastEventId: bad }).success).toBe(false);
  });

  it("ends every open stream at shutdown, as an abort its client reconnects from", async () => {
    const stream = open([{ topic: "product.stock", key: "p1" }]);
    await until(() => liveStreamCount() >= 1);
    closeLiveStreams();
    expect(await stream.done).toBe("AbortError");
    expect(liveStreamCount()).toBe(0);
  });
});
