import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { z } from "zod";
import { getEnv } from "../env";
import { text } from "../inputs";
import { getLogger } from "../observability/logger";
import { listenPostgres, publishPostgres } from "./postgres-transport";
import { closeRedisPublisher, listenRedis, publishRedis } from "./redis-transport";
import type { BusState, Envelope, Listener, TransportKind } from "./transport";

/**
 * The process's publish/subscribe bus: every instance (web servers, workers) hears what any of
 * them publishes. PostgreSQL LISTEN/NOTIFY by default, Redis pub/sub when REDIS_URL is set; one
 * dedicated listening connection per process, reconnected (and re-subscribed) after the database
 * or Redis restarts. Messages carry the publishing process's instance id, so a subscriber can skip
 * what it already applied itself. See docs/decisions/024-invalidation-bus.md.
 *
 * State lives on globalThis: the self-hosted server loads this module twice (the Node fast path and
 * Next's bundle), and both copies must share one connection and one set of subscribers.
 */

/** Every channel and the shape of its payload; messages that do not match are dropped. */
export const busChannels = {
  /** Cache tags a write made stale (server/cache.ts). */
  "cache.invalidate": z.strictObject({ tags: z.array(text({ max: 300 })).min(1) }),
  /** Events for tRPC subscriptions, each checked against its topic (./live.ts). */
  "live.events": z.strictObject({
    events: z
      .array(
        z.strictObject({
          id: text({ max: 19 })
            .regex(/^\d{1,19}$/)
            .nullable(),
          topic: text({ max: 60 }),
          key: text({ max: 100 }),
          data: z.unknown(),
          at: z.iso.datetime(),
        }),
      )
      .min(1),
  }),
};
export type BusChannel = keyof typeof busChannels;
export type BusPayload<C extends BusChannel> = z.infer<(typeof busChannels)[C]>;
export type BusMessage<C extends BusChannel> = { data: BusPayload<C>; origin: string; own: boolean };
type Handler = (message: BusMessage<BusChannel>) => void;

interface BusGlobal {
  instanceId: string;
  /** What messages carry to tell their sender: random per process. */
  origin: string;
  handlers: Map<string, Set<Handler>>;
  resyncHandlers: Set<() => void>;
  state: BusState;
  since: Date;
  transport?: TransportKind;
  listener?: Listener;
  firstListening?: Promise<void>;
}

const STATE = Symbol.for("shopwise.bus");
const globalStore = globalThis as { [STATE]?: BusGlobal };

function bus(): BusGlobal {
  return (globalStore[STATE] ??= {
    instanceId: getEnv().INSTANCE_ID ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    // Always unique, whatever INSTANCE_ID says: replicas sharing one INSTANCE_ID would otherwise
    // take each other's messages for their own echo and skip them.
    origin: randomBytes(12).toString("base64url"),
    handlers: new Map(),
    resyncHandlers: new Set(),
    state: "stopped",
    since: new Date(),
  });
}

/** This process's name on the bus, in logs and readiness (INSTANCE_ID, else host, PID and a random suffix). */
export const instanceId = () => bus().instanceId;

/** What this process's messages carry as their origin (random per process, never configured). */
export const busOrigin = () => bus().origin;

const transportKind = (): TransportKind => (getEnv().REDIS_URL ? "redis" : "postgres");

/** One message to publish: a channel and its payload. */
export type Outgoing = { [C in BusChannel]: { channel: C; data: BusPayload<C> } }[BusChannel];

/**
 * Sends `data` to every subscriber of `channel` in every process (this one included, once its
 * listener runs). Works whether or not this process listens: a job publishes without reading.
 */
export async function publish<C extends BusChannel>(channel: C, data: BusPayload<C>): Promise<void> {
  await publishAll([{ channel, data } as Outgoing]);
}

/** Sends several messages in one round trip; listeners receive them in this order. */
export async function publishAll(messages: readonly Outgoing[]): Promise<void> {
  if (!messages.length) return;
  const origin = bus().origin;
  const envelopes: Envelope[] = messages.map(({ channel, data }) => ({
    channel,
    origin,
    data: busChannels[channel].parse(data),
  }));
  if (transportKind() === "redis") await publishRedis(getEnv().REDIS_URL!, envelopes);
  else await publishPostgres(envelopes);
}

/** Calls `handler` for each message on `channel`; returns the function that unsubscribes. */
export function subscribe<C extends BusChannel>(channel: C, handler: (message: BusMessage<C>) => void) {
  const { handlers } = bus();
  let set = handlers.get(channel);
  if (!set) handlers.set(channel, (set = new Set()));
  set.add(handler as Handler);
  return () => void set.delete(handler as Handler);
}

/**
 * Calls `handler` whenever the listener loses its connection and when it (re)starts listening:
 * messages published meanwhile are lost, so whatever they would have refreshed must be refreshed
 * wholesale.
 */
export function onBusResync(handler: () => void) {
  bus().resyncHandlers.add(handler);
  return () => void bus().resyncHandlers.delete(handler);
}

/** Whether this process hears the bus right now (its cache may then keep entries longer). */
export const busListening = () => bus().state === "listening";

export function busStatus() {
  const { state, since, transport, instanceId } = bus();
  return { state, since: since.toISOString(), transport: transport ?? transportKind(), instanceId };
}

function deliver(envelope: Envelope) {
  // Own keys only: a channel named "constructor" must not reach the prototype.
  const schema = Object.hasOwn(busChannels, envelope.channel) ? busChannels[envelope.channel as BusChannel] : null;
  const parsed = schema?.safeParse(envelope.data);
  if (!parsed?.success) return getLogger().warn({ channel: envelope.channel }, "bus message dropped: unknown shape");
  const message = { data: parsed.data, origin: envelope.origin, own: envelope.origin === bus().origin };
  for (const handler of bus().handlers.get(envelope.channel) ?? []) {
    try {
      handler(message);
    } catch (error) {
      getLogger().error({ err: error, channel: envelope.channel }, "bus subscriber failed");
    }
  }
}

function setState(state: BusState, error?: unknown) {
  const current = bus();
  if (current.state === state) return;
  current.state = state;
  current.since = new Date();
  const fields = { bus: current.transport, instanceId: current.instanceId, ...(error ? { err: error } : {}) };
  if (state === "reconnecting") getLogger().warn(fields, "bus connection lost; reconnecting");
  else getLogger().info(fields, `bus ${state}`);
  // Messages are lost while not listening, and entries cached before the drop would outlive them:
  // refresh wholesale both when the connection drops and when it is back.
  if (state === "listening" || state === "reconnecting")
    for (const handler of current.resyncHandlers) {
      try {
        handler();
      } catch (err) {
        getLogger().error({ err }, "bus resync handler failed");
      }
    }
}

/**
 * Opens this process's listening connection. Resolves once it listens, or after `waitMs` with it
 * still trying (start-up must not hang on Redis; readiness reports the bus meanwhile).
 */
export async function startBus(options: { waitMs?: number } = {}) {
  const current = bus();
  if (!current.listener) {
    current.transport = transportKind();
    setState("connecting");
    let resolveFirst!: () => void;
    current.firstListening = new Promise<void>((resolve) => (resolveFirst = resolve));
    const events = {
      onMessage: deliver,
      onState: (state: BusState, error?: unknown) => {
        setState(state, error);
        if (state === "listening") resolveFirst();
      },
    };
    current.listener =
      current.transport === "redis"
        ? listenRedis(getEnv().REDIS_URL!, events)
        : listenPostgres(getEnv().DATABASE_URL!, events);
  }
  const waited = await Promise.race([
    current.firstListening!.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), options.waitMs ?? 10_000).unref()),
  ]);
  if (!waited) getLogger().warn({ bus: current.transport }, "bus not listening yet; carrying on without it");
}

/** Closes the listening connection (and the Redis publisher); shutdown and tests. */
export async function stopBus() {
  const current = bus();
  const listener = current.listener;
  current.listener = undefined;
  await listener?.close();
  await closeRedisPublisher();
  if (listener) setState("stopped");
}
