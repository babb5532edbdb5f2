import "server-only";
import { EventEmitter } from "node:events";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { db as defaultDb, type Db, type Prisma } from "../db/client";
import { text } from "../inputs";
import { getLogger } from "../observability/logger";
import { onBusResync, publish, publishAll, startBus, subscribe, type Outgoing } from "./bus";
import { liveTopics, type LiveEventOf, type LivePayload, type LiveTopic } from "./live-topics";

export { liveTopics, type LiveEventOf, type LivePayload, type LiveTopic } from "./live-topics";

/**
 * Live events for tRPC subscriptions (docs/decisions/029-live-subscriptions.md).
 *
 * Raising: `raiseLive(topic, key, data)` after the write commits, or `recordLive(tx, …)` inside the
 * write's transaction and `publishLive(events)` after it commits. A durable topic's event is a
 * LiveEvent row first; every event then goes over the bus, so subscribers on every instance get it.
 *
 * Subscribing: a `.subscription()` procedure authorises like a query, then returns
 * `streamLive(targets, { lastEventId, signal })`. Each yielded value is `tracked(id, event)`: the
 * client sends the last id back when it reconnects, and a durable topic replays what it missed
 * from the table. A non-durable topic (high volume, e.g. job progress) replays nothing and yields
 * `{ resync: true }` instead, telling the client to refetch what it shows. The same happens while
 * the bus reconnects: durable streams catch up from the table, others ask for a refetch.
 */

export type LiveTarget = { topic: LiveTopic; key: string };
/** What a stream yields: an event of one of its targets, or a request to refetch wholesale. */
export type LiveMessage<T extends LiveTopic = LiveTopic> = LiveEventOf<T> | { resync: true };

/** Where a subscriber resumes (its last event id) and when it leaves (tRPC's signal). */
export type LiveOptions = { lastEventId?: string | null; signal?: AbortSignal };

/**
 * The input field every live subscription accepts: tRPC fills `lastEventId` in when it reconnects.
 * `liveInput` is the whole input of a subscription that needs nothing else.
 */
export const liveInputShape = {
  lastEventId: text({ max: 19 })
    .refine((id) => /^\d{1,19}$/.test(id) && BigInt(id) <= 2n ** 63n - 1n, "lastEventId must be an id this server sent")
    .nullish(),
};
export const liveInput = z.strictObject(liveInputShape).default({});

/** A slow reader that falls this far behind is disconnected; its reconnect replays from the table. */
const MAX_BUFFERED = 1_000;
/** At most this many events replayed per catch-up query. */
const REPLAY_PAGE = 500;

interface LiveGlobal {
  emitter: EventEmitter;
  listening: boolean;
  /** Aborted at shutdown: every open stream ends so its client reconnects elsewhere. */
  shutdown: AbortController;
}
const STATE = Symbol.for("shopwise.live");
const globalStore = globalThis as { [STATE]?: LiveGlobal };
function live(): LiveGlobal {
  return (globalStore[STATE] ??= {
    emitter: new EventEmitter().setMaxListeners(0),
    listening: false,
    shutdown: new AbortController(),
  });
}

const channelOf = (topic: string, key: string) => `${topic}\u0000${key}`;

function parseEvent(raw: { id: string | null; topic: string; key: string; data: unknown; at: string }) {
  const def = Object.hasOwn(liveTopics, raw.topic) ? liveTopics[raw.topic as LiveTopic] : null;
  const parsed = def?.schema.safeParse(raw.data);
  if (!parsed?.success) {
    getLogger().warn({ topic: raw.topic }, "live event dropped: unknown shape");
    return null;
  }
  return { ...raw, data: parsed.data } as LiveEventOf<LiveTopic>;
}

/** Hears the bus once per process and fans its live events out to this process's streams. */
function ensureListening() {
  const state = live();
  if (state.listening) return;
  state.listening = true;
  subscribe("live.events", ({ data }) => {
    for (const raw of data.events) {
      const event = parseEvent(raw);
      if (event) state.emitter.emit(channelOf(event.topic, event.key), event);
    }
  });
  // The web server starts the bus at boot; `next start` alone (Vercel) starts it on first use.
  void startBus({ waitMs: 0 }).catch((err: unknown) => getLogger().warn({ err }, "bus did not start"));
}

export type NewLiveEvent = { [T in LiveTopic]: { topic: T; key: string; data: LivePayload<T> } }[LiveTopic];

/** Writes durable events inside the caller's transaction; publish them after it commits. */
export async function recordLive(tx: Prisma.TransactionClient | Db, events: NewLiveEvent[]): Promise<LiveEventOf[]> {
  const checked = events.map((e) => ({ ...e, data: liveTopics[e.topic].schema.parse(e.data) as object }));
  const durable = checked.filter((e) => liveTopics[e.topic].durable);
  // Raw, not createManyAndReturn: Prisma compiles a createMany afresh on every call (its plan cache
  // skips them), which cost more than the insert on every checkout. Rows return in input order.
  const rows = durable.length
    ? await tx.$queryRaw<{ id: bigint; createdAt: Date }[]>`
        INSERT INTO "LiveEvent" (topic, key, data, "createdAt")
        SELECT e.topic, e.key, e.data, now() AT TIME ZONE 'UTC' -- UTC, as Prisma writes timestamps
        FROM unnest(${durable.map((e) => e.topic)}::text[], ${durable.map((e) => e.key)}::text[],
          ${durable.map((e) => JSON.stringify(e.data))}::jsonb[]) AS e(topic, key, data)
        RETURNING id, "createdAt"`
    : [];
  let row = 0;
  return checked.map((e) => {
    if (!liveTopics[e.topic].durable) return { ...e, id: null, at: new Date().toISOString() } as LiveEventOf;
    const { id, createdAt } = rows[row++]!;
    return { ...e, id: id.toString(), at: createdAt.toISOString() } as LiveEventOf;
  });
}

/**
 * Sends recorded events to every instance. A failure is logged, not thrown: the write it follows
 * has committed, and durable events reach subscribers anyway when they reconnect.
 */
export async function publishLive(events: readonly LiveEventOf[]) {
  if (!events.length) return;
  await publish("live.events", { events: [...events] }).catch((err: unknown) =>
    getLogger().warn({ err, topic: events[0]!.topic }, "live events not published; subscribers catch up on reconnect"),
  );
}

/**
 * Records and publishes events after the write they report has committed, after `first` (other bus
 * messages of the same write, such as its cache invalidation) in the same round trip. Never throws:
 * the write's caller must not see an error for a change that happened (a lost event is logged, and
 * pages refetch when they reconnect).
 */
export async function raiseLiveEvents(db: Db, events: NewLiveEvent[], first: Outgoing[] = []) {
  let recorded: LiveEventOf[] = [];
  try {
    if (events.length) recorded = await recordLive(db, events);
  } catch (err) {
    getLogger().warn({ err, topic: events[0]!.topic }, "live events not recorded; subscribers refetch on reconnect");
  }
  const messages: Outgoing[] = recorded.length
    ? [...first, { channel: "live.events", data: { events: recorded } }]
    : first;
  const lost = "bus message not published; other instances expire their caches, subscribers catch up on reconnect";
  try {
    await publishAll(messages);
  } catch (err) {
    const channels = messages.map((m) => m.channel);
    // A single message was just tried alone; several are tried again one by one, so that the
    // others (a cache invalidation) may still go: a large event batch is what fails most.
    if (messages.length < 2) return void getLogger().warn({ err, channels }, lost);
    getLogger().warn({ err, channels }, "bus messages not published; trying each alone");
    await Promise.all(
      messages.map((message) =>
        publishAll([message]).catch((error: unknown) =>
          getLogger().warn({ err: error, channel: message.channel }, lost),
        ),
      ),
    );
  }
}

/** One event, as raiseLiveEvents. */
export async function raiseLive<T extends LiveTopic>(topic: T, key: string, data: LivePayload<T>, db: Db = defaultDb) {
  await raiseLiveEvents(db, [{ topic, key, data } as NewLiveEvent]);
}

async function replay(db: Db, targets: readonly LiveTarget[], after: bigint): Promise<LiveEventOf[]> {
  const durable = targets.filter((t) => liveTopics[t.topic].durable);
  if (!durable.length) return [];
  const rows = await db.liveEvent.findMany({
    where: { id: { gt: after }, OR: durable.map((t) => ({ topic: t.topic, key: t.key })) },
    orderBy: { id: "asc" },
    take: REPLAY_PAGE,
  });
  return rows.flatMap((r) => {
    const event = parseEvent({
      id: r.id.toString(),
      topic: r.topic,
      key: r.key,
      data: r.data,
      at: r.createdAt.toISOString(),
    });
    return event ? [event] : [];
  });
}

/** The id of the newest durable event, the cursor a stream without a last event id starts after. */
async function latestId(db: Db): Promise<bigint> {
  const newest = await db.liveEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return newest?.id ?? 0n;
}

/**
 * Where the live streams stand now, as a `lastEventId`: a page rendered with it subscribes from
 * there, so the durable events raised between its render and its subscription are replayed, not
 * missed while it loads.
 */
export async function livePosition(db: Db = defaultDb): Promise<string> {
  return (await latestId(db)).toString();
}

const RESYNC = Symbol("resync");
const abortError = () => new DOMException("The live stream ended", "AbortError");

/**
 * Streams the targets' events until `signal` aborts (the client left, or the server is stopping).
 *
 * Each value is tracked with the stream's position (the newest durable event id it has passed),
 * which the client sends back as `lastEventId` when it reconnects: the stream then replays the
 * durable events after it, and asks for a refetch if it has non-durable targets. Ending throws an
 * AbortError rather than returning: tRPC then closes the response without its "return" event, and
 * the client reconnects instead of giving up.
 */
export async function* streamLive<T extends LiveTopic>(
  targets: readonly { topic: T; key: string }[],
  options: LiveOptions & { db?: Db },
) {
  const db = options.db ?? defaultDb;
  const durable = targets.some((t) => liveTopics[t.topic].durable);
  const ephemeral = targets.some((t) => !liveTopics[t.topic].durable);
  ensureListening();
  const state = live();
  const signal = AbortSignal.any([state.shutdown.signal, ...(options.signal ? [options.signal] : [])]);
  const buffer: (LiveEventOf | typeof RESYNC)[] = [];
  let wake: (() => void) | null = null;
  // A reader that stops reading leaves the stream parked at a yield: past the cap its buffer is
  // dropped and the stream ends when it resumes (its reconnect replays from the table).
  let overflowed = false;
  const push = (item: LiveEventOf | typeof RESYNC) => {
    if (overflowed) return;
    if (buffer.length >= MAX_BUFFERED) {
      overflowed = true;
      buffer.length = 0;
    } else buffer.push(item);
    wake?.();
  };
  const onEvent = (event: LiveEventOf) => push(event);
  for (const t of targets) state.emitter.on(channelOf(t.topic, t.key), onEvent);
  const offResync = onBusResync(() => push(RESYNC));
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);

  // Ids already yielded, so a live copy of an event a catch-up read (or the reverse) is skipped.
  const yielded = new Set<string>();
  let cursor = 0n;
  const position = () => cursor.toString();
  const pass = (event: LiveEventOf) => {
    if (event.id === null) return true;
    if (yielded.has(event.id)) return false;
    yielded.add(event.id);
    if (yielded.size > MAX_BUFFERED) yielded.delete(yielded.values().next().value!);
    if (BigInt(event.id) > cursor) cursor = BigInt(event.id);
    return true;
  };
  try {
    if (options.lastEventId) {
      cursor = BigInt(options.lastEventId);
      buffer.unshift(RESYNC); // before anything heard meanwhile: the replay comes first
    } else if (durable) cursor = await latestId(db);
    while (!signal.aborted) {
      if (overflowed) throw new Error("live subscriber fell behind; it reconnects and replays");
      const item = buffer.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if (item !== RESYNC) {
        if (pass(item)) yield tracked(position(), item as LiveMessage<T>);
        continue;
      }
      for (let page = await replay(db, targets, cursor); page.length; page = await replay(db, targets, cursor))
        for (const event of page) if (pass(event)) yield tracked(position(), event as LiveMessage<T>);
      if (ephemeral) yield tracked(position(), { resync: true } as LiveMessage<T>);
    }
    throw abortError();
  } finally {
    for (const t of targets) state.emitter.off(channelOf(t.topic, t.key), onEvent);
    offResync();
    signal.removeEventListener("abort", onAbort);
  }
}

/** How long durable events stay replayable: a client away longer refetches what it shows. */
export const LIVE_EVENT_RETENTION_MS = 24 * 3600_000;

export async function pruneLiveEvents(db: Db): Promise<number> {
  const { count } = await db.liveEvent.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - LIVE_EVENT_RETENTION_MS) } },
  });
  return count;
}

/** Ends every open stream (shutdown): their clients reconnect, to another instance or to this one restarted. */
export function closeLiveStreams() {
  live().shutdown.abort();
}

/** Open streams in this process (readiness, the bench). */
export function liveStreamCount() {
  const { emitter } = live();
  return emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0);
}
