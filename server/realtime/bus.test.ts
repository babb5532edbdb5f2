import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { cached, invalidate } from "../cache";
import { db } from "../db/client";
import { freePort } from "../db/embedded-postgres";
import { readiness } from "../observability/health";
import { sleep, startTcpProxy } from "../test/processes";
import { busOrigin, busStatus, instanceId, publish, publishAll, startBus, stopBus, subscribe } from "./bus";
import { listenPostgres, MAX_NOTIFY_BYTES, PG_CHANNEL } from "./postgres-transport";
import { listenRedis, publishRedis, closeRedisPublisher } from "./redis-transport";
import type { Envelope, Listener } from "./transport";

/**
 * The bus on this file's database: messages reach every listener with their origin, large ones by
 * reference, and a listener that loses its connection reconnects and LISTENs again. Real
 * PostgreSQL (and Debian's redis-server for the Redis transport), no doubles.
 */

const listeners: Listener[] = [];
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
  await stopBus();
});

function recorder(url = process.env.DATABASE_URL!) {
  const received: Envelope[] = [];
  const states: string[] = [];
  const listener = listenPostgres(url, {
    onMessage: (e) => received.push(e),
    onState: (s) => states.push(s),
  });
  listeners.push(listener);
  return { received, states, listener };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await sleep(10);
  }
}

describe("event bus over PostgreSQL LISTEN/NOTIFY", () => {
  it("delivers a message to every listener, with the publisher's origin", async () => {
    const [one, two] = [recorder(), recorder()];
    await until(() => one.states.includes("listening") && two.states.includes("listening"));
    await publish("cache.invalidate", { tags: ["product:p1"] });
    await until(() => one.received.length === 1 && two.received.length === 1);
    expect(one.received[0]).toEqual({
      channel: "cache.invalidate",
      origin: busOrigin(),
      data: { tags: ["product:p1"] },
    });
    expect(two.received).toEqual(one.received);
  });

  it("sends a message over NOTIFY's 8000 bytes by reference, whole and in order", async () => {
    const one = recorder();
    await until(() => one.states.includes("listening"));
    const tags = Array.from({ length: 400 }, (_, i) => `product:${"x".repeat(24)}${i}`);
    expect(JSON.stringify(tags).length).toBeGreaterThan(MAX_NOTIFY_BYTES);
    await publish("cache.invalidate", { tags });
    await publish("cache.invalidate", { tags: ["after"] });
    await until(() => one.received.length === 2);
    expect(one.received.map((e) => (e.data as { tags: string[] }).tags.length)).toEqual([400, 1]);
    expect(await db.busMessage.count()).toBeGreaterThanOrEqual(1);
  });

  it("publishes several messages in one statement, in order, a large one by reference among them", async () => {
    const one = recorder();
    await until(() => one.states.includes("listening"));
    const large = Array.from({ length: 400 }, (_, i) => `product:${"y".repeat(24)}${i}`);
    const event = { id: null, topic: "product.stock", key: "p1", data: { stock: 1 }, at: new Date().toISOString() };
    await publishAll([
      { channel: "cache.invalidate", data: { tags: ["first"] } },
      { channel: "cache.invalidate", data: { tags: large } },
      { channel: "live.events", data: { events: [event] } },
    ]);
    await until(() => one.received.length === 3);
    expect(one.received.map((e) => e.channel)).toEqual(["cache.invalidate", "cache.invalidate", "live.events"]);
    expect(one.received[0]?.data).toEqual({ tags: ["first"] });
    expect((one.received[1]?.data as { tags: string[] }).tags).toEqual(large);
    expect(one.received[2]?.data).toEqual({ events: [event] });
  });

  it("ignores notifications that are not envelopes", async () => {
    const one = recorder();
    await until(() => one.states.includes("listening"));
    await db.$executeRaw`SELECT pg_notify(${PG_CHANNEL}, 'not json'), pg_notify(${PG_CHANNEL}, '{"ref":"999999"}')`;
    await publish("cache.invalidate", { tags: ["real"] });
    await until(() => one.received.length === 1);
    expect(one.received[0]?.data).toEqual({ tags: ["real"] });
  });

  it("reconnects and LISTENs again after losing its connection", async () => {
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    const one = recorder(viaProxy.toString());
    await until(() => one.states.includes("listening"));
    proxy.cut();
    await until(() => one.states.includes("reconnecting"));
    await publish("cache.invalidate", { tags: ["while-away"] }); // lost: nobody listens through the proxy
    proxy.restore();
    await until(() => one.states.filter((s) => s === "listening").length === 2);
    await publish("cache.invalidate", { tags: ["back"] });
    await until(() => one.received.length === 1);
    expect(one.states).toEqual(["listening", "reconnecting", "listening"]);
    expect(one.received[0]?.data).toEqual({ tags: ["back"] });
    await proxy.close();
  });
});

describe("the process's bus and the cache", () => {
  it("evicts this process's cache entries on another instance's invalidation, skips its own", async () => {
    await startBus();
    expect(busStatus()).toMatchObject({ state: "listening", transport: "postgres", instanceId: instanceId() });
    const { body } = await readiness();
    expect(body.checks.bus).toMatchObject({ status: "ok", detail: expect.stringMatching(/^listening \(postgres\)/) });
    expect(body.instance).toBe(instanceId());

    const own: boolean[] = [];
    const unsubscribe = subscribe("cache.invalidate", ({ own: mine }) => own.push(mine));
    let loads = 0;
    const read = () => cached("bus-test", ["product:bus"], async () => ++loads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1); // cached
    await invalidate(["product:bus"]); // evicted here at once; our own echo is skipped
    expect(await read()).toBe(2);
    await until(() => own.length === 1);
    expect(await read()).toBe(2);

    // Another instance's write: the same message with a foreign origin.
    const envelope = { channel: "cache.invalidate", origin: "other-instance", data: { tags: ["product:bus"] } };
    await db.$executeRaw`SELECT pg_notify(${PG_CHANNEL}, ${JSON.stringify(envelope)})`;
    await until(() => own.length === 2);
    expect(own).toEqual([true, false]);
    expect(await read()).toBe(3);
    unsubscribe();
  });
});

const REDIS_SERVER = "/usr/bin/redis-server";

describe("event bus over Redis pub/sub", () => {
  it("delivers to every subscriber and re-subscribes after Redis restarts", { timeout: 30_000 }, async () => {
    const port = await freePort();
    const startRedis = () =>
      spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: "ignore",
      });
    let redis = startRedis();
    const url = `redis://127.0.0.1:${port}`;
    const received: Envelope[][] = [[], []];
    const statesOf: string[][] = [[], []];
    received.forEach((inbox, i) =>
      listeners.push(listenRedis(url, { onMessage: (e) => inbox.push(e), onState: (s) => statesOf[i]!.push(s) })),
    );
    const states = statesOf[0]!;
    const allListening = (times: number) =>
      statesOf.every((st) => st.filter((s) => s === "listening").length === times);
    await until(() => allListening(1));
    const envelope = { channel: "cache.invalidate", origin: "a", data: { tags: ["t"] } };
    await publishRedis(url, [envelope]);
    await until(() => received.every((inbox) => inbox.length === 1));
    expect(received[1]).toEqual([envelope]);
    const batch = ["x", "y", "z"].map((tag) => ({ ...envelope, data: { tags: [tag] } }));
    await publishRedis(url, batch);
    await until(() => received.every((inbox) => inbox.length === 4));
    expect(received[0]!.slice(1)).toEqual(batch);

    redis.kill("SIGKILL");
    await until(() => states.includes("reconnecting"));
    redis = startRedis();
    await until(() => allListening(2));
    await publishRedis(url, [{ ...envelope, origin: "b" }]);
    await until(() => received[0]!.length === 5);
    expect(states).toEqual(["listening", "reconnecting", "listening"]);
    await closeRedisPublisher();
    redis.kill("SIGKILL");
  });
});
