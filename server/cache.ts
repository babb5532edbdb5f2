import "server-only";
import { LRUCache } from "lru-cache";
import { getEnv } from "./env";
import { getLogger } from "./observability/logger";
import { busListening, onBusResync, publishAll, subscribe, type Outgoing } from "./realtime/bus";

/**
 * The in-process cache for hot reads (catalog pages many visitors share), with explicit
 * invalidation by tag on every write, in every process: `invalidate` evicts here and publishes
 * the tags on the bus (server/realtime/bus.ts), whose subscriber evicts them in every other
 * instance and worker. Pages read the same cache (docs/decisions/024-invalidation-bus.md).
 *
 * It lives on globalThis because the self-hosted server loads this module twice — once in the
 * Node fast path, once inside Next's bundle — and a write in one must evict what the other
 * cached. Entries also expire: after 30 s while this process hears the bus (a safety net), after
 * 5 s while it does not (a serverless instance, the bus reconnecting), which then bounds how long
 * another process's write can go unseen here.
 */

export const TTL_LISTENING_MS = 30_000;
export const TTL_NOT_LISTENING_MS = 5_000;
/**
 * What the cached values may add up to, as JSON (the heap holds roughly three times that; a value a
 * procedure answers with also keeps its checked copy and its JSON, server/api/cached-output.ts:
 * about as much again).
 */
export const MAX_CACHE_JSON_BYTES = 16 * 1024 * 1024;

function jsonLength(value: unknown): number {
  try {
    return Math.max(1, JSON.stringify(value)?.length ?? 1);
  } catch {
    return 1_000; // a value JSON cannot write (a bigint): count it as a typical entry
  }
}

type Entry = { value: unknown; tags: readonly string[] };
/** A load in flight: every concurrent miss of its key waits on it instead of querying again. */
interface Flight {
  /** The generation it started at, and when (ms). */
  startedAt: number;
  startedMs: number;
  /** Set when it took too long and new callers stopped joining it: its value is not kept. */
  abandoned?: boolean;
  result: Promise<{ value: unknown; staleAfter: number }>;
}
/** A load older than this is not joined (one hung query must not hold every later caller of its key). */
export const MAX_SHARED_LOAD_MS = 5_000;
interface CacheState {
  entries: LRUCache<string, Entry>;
  keysByTag: Map<string, Set<string>>;
  loading: Map<string, Flight>;
  /** Counts evictions; a load notes it when it starts, a caller when it joins one. */
  generation: number;
  /**
   * The evictions since the oldest load in flight began (tags null: everything), oldest first: a
   * load that overlapped one of its value's tags may have read the old row, so it is not kept, and
   * callers that joined it after that eviction load again.
   */
  recentEvictions: { generation: number; tags: ReadonlySet<string> | null }[];
}

// Versioned: a dev server hot-reloading this module keeps the globalThis state of the older shape.
const STATE = Symbol.for("shopwise.cache.v2");
const globalStore = globalThis as { [STATE]?: CacheState };

function state(): CacheState {
  if (!globalStore[STATE]) {
    globalStore[STATE] = {
      entries: new LRUCache<string, Entry>({
        max: 5_000,
        // Bounded by size too: 5,000 search pages of 24 products held ~170 MB of the web process's
        // heap (every uncached search is a new entry). JSON length is the estimate (ADR 030).
        maxSize: MAX_CACHE_JSON_BYTES,
        sizeCalculation: (entry, key) => key.length + jsonLength(entry.value),
        ttl: TTL_LISTENING_MS,
        dispose: (entry, key) => forgetKey(key, entry.tags),
      }),
      keysByTag: new Map(),
      loading: new Map(),
      generation: 0,
      recentEvictions: [],
    };
    // This process evicted its own tags when it published them.
    subscribe("cache.invalidate", ({ data, own }) => {
      if (!own) evict(data.tags);
    });
    // Invalidations sent while the listener was away were missed: start from nothing.
    onBusResync(clearCache);
  }
  return globalStore[STATE];
}

function forgetKey(key: string, tags: readonly string[]) {
  const byTag = state().keysByTag;
  for (const tag of tags) {
    const keys = byTag.get(tag);
    keys?.delete(key);
    if (keys?.size === 0) byTag.delete(tag);
  }
}

/**
 * Returns the cached value of `key`, or loads, stores and returns it. Concurrent misses of one key
 * share one load (run with the first caller's `load`). Errors are not cached, and reach every caller
 * that waited on the load.
 */
export async function cached<T>(
  key: string,
  tagsOf: readonly string[] | ((value: T) => readonly string[]),
  load: () => Promise<T>,
): Promise<T> {
  const cache = state();
  // A caller that joined a load after a write evicted what that load read tries again; after three
  // such tries it loads alone (always fresh for it), so a stream of writes cannot keep it waiting.
  for (let attempt = 0; attempt < 3; attempt++) {
    const hit = cache.entries.get(key);
    if (hit) return hit.value as T;
    const joinedAt = cache.generation;
    let flight = cache.loading.get(key);
    if (flight && performance.now() - flight.startedMs > MAX_SHARED_LOAD_MS) {
      abandon(cache, key, flight);
      flight = undefined;
    }
    flight ??= startLoad(cache, key, tagsOf, load);
    const { value, staleAfter } = await flight.result;
    if (joinedAt < staleAfter) return value as T;
  }
  return load();
}

function startLoad<T>(
  cache: CacheState,
  key: string,
  tagsOf: readonly string[] | ((value: T) => readonly string[]),
  load: () => Promise<T>,
): Flight {
  const flight: Flight = { startedAt: cache.generation, startedMs: performance.now(), result: null! };
  // The flight leaves `loading` in the same step that judges its value: an eviction after that step
  // is then seen by every later caller, which starts a new load instead of joining this one.
  flight.result = load().then(
    (value) => {
      try {
        // Abandoned: the evictions since it started may be forgotten, so only its first caller,
        // whose request overlapped them, takes the value.
        if (flight.abandoned) return { value, staleAfter: flight.startedAt + 1 };
        freezeShared(value);
        const tags = typeof tagsOf === "function" ? tagsOf(value) : tagsOf;
        const staleAfter = firstEvictionOf(cache, tags, flight.startedAt);
        if (staleAfter === Infinity) store(cache, key, value, tags);
        return { value, staleAfter };
      } finally {
        land(cache, key, flight);
      }
    },
    (error: unknown) => {
      land(cache, key, flight);
      throw error;
    },
  );
  cache.loading.set(key, flight);
  return flight;
}

/**
 * Outside production, what the cache hands out is frozen, plain objects and arrays all the way down:
 * one object answers every caller, and its checked copy and JSON are kept with it
 * (server/api/cached-output.ts), so a caller that changed it in place would change every later
 * answer. Tests and development then fail at the change; production skips the walk.
 */
export function freezeShared(value: unknown): void {
  if (getEnv().NODE_ENV !== "production") deepFreeze(value);
}

function deepFreeze(value: unknown) {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Takes a finished flight out of `loading` (unless a newer one replaced it) and forgets what it needed. */
function land(cache: CacheState, key: string, flight: Flight) {
  if (cache.loading.get(key) === flight) cache.loading.delete(key);
  forgetOldEvictions(cache);
}

/** Stops new callers joining a flight that took too long; they start a fresh one. */
function abandon(cache: CacheState, key: string, flight: Flight) {
  flight.abandoned = true;
  land(cache, key, flight);
}

/** The generation of the first eviction after `since` that touched one of `tags`, or Infinity. */
function firstEvictionOf(cache: CacheState, tags: readonly string[], since: number) {
  for (const eviction of cache.recentEvictions)
    if (eviction.generation > since && (!eviction.tags || tags.some((tag) => eviction.tags!.has(tag))))
      return eviction.generation;
  return Infinity;
}

/** Evictions older than every load in flight can no longer matter (`loading` is in start order). */
function forgetOldEvictions(cache: CacheState) {
  const oldest = cache.loading.values().next().value?.startedAt ?? Infinity;
  const keep = cache.recentEvictions.findIndex((e) => e.generation > oldest);
  cache.recentEvictions.splice(0, keep === -1 ? cache.recentEvictions.length : keep);
}

function store(cache: CacheState, key: string, value: unknown, tags: readonly string[]) {
  cache.entries.set(key, { value, tags }, { ttl: busListening() ? TTL_LISTENING_MS : TTL_NOT_LISTENING_MS });
  if (!cache.entries.has(key)) return; // larger than the whole budget: refused, so no tags to index
  for (const tag of tags) {
    let keys = cache.keysByTag.get(tag);
    if (!keys) cache.keysByTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
}

function noteEviction(cache: CacheState, tags: ReadonlySet<string> | null) {
  cache.generation++;
  if (cache.loading.size) cache.recentEvictions.push({ generation: cache.generation, tags });
}

function evict(tags: readonly string[]) {
  const cache = state();
  const { entries, keysByTag } = cache;
  noteEviction(cache, new Set(tags));
  for (const tag of tags) for (const key of [...(keysByTag.get(tag) ?? [])]) entries.delete(key);
}

/**
 * Evicts every entry carrying one of `tags` here, and in every other process through the bus.
 * Call it after the write commits, and await it before answering, so the caller's next read
 * finds fresh data on any instance. Never rejects: if the bus cannot publish, the other processes
 * see the write when their entries expire.
 */
export async function invalidate(tags: readonly string[]): Promise<void> {
  const message = evictHere(tags);
  if (!message) return;
  try {
    await publishAll([message]);
  } catch (error) {
    getLogger().warn({ err: error, tags: tags.length }, "cache invalidation not published; other instances expire it");
  }
}

/**
 * Evicts `tags` in this process only and returns the bus message that evicts them everywhere else,
 * for a caller that publishes it with its other messages (one round trip); null for no tags.
 */
export function evictHere(tags: readonly string[]): Outgoing | null {
  if (!tags.length) return null;
  evict(tags);
  return { channel: "cache.invalidate", data: { tags: [...new Set(tags)] } };
}

export function clearCache() {
  const cache = state();
  noteEviction(cache, null);
  cache.entries.clear();
}
