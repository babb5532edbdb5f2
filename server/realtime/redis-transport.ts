import "server-only";
import { Redis } from "ioredis";
import { getEnv } from "../env";
import { getLogger } from "../observability/logger";
import { parseEnvelope, reconnectDelayMs, type Envelope, type Listener, type ListenerEvents } from "./transport";

/**
 * The bus over Redis pub/sub (REDIS_URL). A subscribed connection can do nothing else, so the
 * listener has its own; publishing uses another, opened on first use. Redis pub/sub ignores the
 * database number, so the channel is named after the app's database: two shops (or staging and
 * production) on one Redis do not hear each other.
 */
export function redisChannel() {
  const database = new URL(getEnv().DATABASE_URL ?? "postgresql://localhost/shopwise").pathname.slice(1);
  return `shopwise:bus:${database || "shopwise"}`;
}

let publisher: { url: string; client: Redis } | undefined;

/** Publishes every envelope in one pipeline (one round trip), in this order. */
export async function publishRedis(url: string, envelopes: readonly Envelope[]) {
  if (publisher?.url !== url) {
    const client = new Redis(url, { commandTimeout: 1000, maxRetriesPerRequest: 1 });
    // Without a listener ioredis prints every reconnect failure to the console.
    client.on("error", (error: Error) => getLogger().debug({ err: error }, "bus publisher (Redis) error"));
    publisher = { url, client };
  }
  const channel = redisChannel();
  const pipeline = publisher.client.pipeline();
  for (const envelope of envelopes) pipeline.publish(channel, JSON.stringify(envelope));
  // exec resolves with each command's [error, result]; the first error is the publish's failure.
  const failed = (await pipeline.exec())?.find(([error]) => error);
  if (failed) throw failed[0];
}

export async function closeRedisPublisher() {
  const open = publisher;
  publisher = undefined;
  await open?.client.quit().catch(() => open.client.disconnect());
}

/**
 * The subscriber connection; ioredis reconnects by itself, and we subscribe again on each ready:
 * ioredis's own re-subscribe is sent after it reports ready, so "listening" (which clears the
 * caches) would come before the subscription holds, and a message in between would be missed.
 */
export function listenRedis(url: string, events: ListenerEvents): Listener {
  const channel = redisChannel();
  let listening = false;
  const subscriber = new Redis(url, {
    autoResubscribe: false,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => reconnectDelayMs(times - 1),
  });
  subscriber.on("error", () => {}); // reported once per state change below
  subscriber.on("message", (from: string, raw: string) => {
    const envelope = from === channel ? parseEnvelope(raw) : null;
    if (envelope) events.onMessage(envelope);
  });
  subscriber.on("close", () => {
    if (!listening) return;
    listening = false;
    events.onState("reconnecting", new Error("Redis connection closed"));
  });
  subscriber.on("ready", () => {
    void subscriber
      .subscribe(channel)
      .then(() => {
        if (listening) return;
        listening = true;
        events.onState("listening");
      })
      .catch(() => {}); // the connection went again: the next ready subscribes
  });
  return {
    async close() {
      listening = false;
      subscriber.removeAllListeners("close");
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
