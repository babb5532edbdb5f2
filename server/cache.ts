import "server-only";
import { LRUCache } from "lru-cache";
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
/** What the cached values may add up to, as JSON (the heap holds roughly three times that). */
export const MAX_CACHE_JSON_BYTES = 16 * 1024 * 1024;

function jsonLength(value: unknown): number {
  try {
    return Math.max(1, JSON.stringify(value)?.length ?? 1);
  } catch {
    return 1_000; // a value JSON cannot write (a bigint): count it as a typical entry
  }
}

type Entry = { value: unknown; tags: readonly string[] };
interface CacheState {
  entries: LRUCache<string, Entry>;
  keysByTag: Map<string, Set<string>>;
  /** Counts evictions: a load that overlapped one may have read the old row and is not kept. */
  evictions: number;
}

const STATE = Symbol.for("shopwise.cache");
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
      evictions: 0,
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

/** Returns the cached value of `key`, or loads, stores and returns it. Errors are not cached. */
export async function cached<T>(
  key: string,
  tagsOf: readonly string[] | ((value: T) => readonly string[]),
  load: () => Promise<T>,
): Promise<T> {
  const cache = state();
  const { entries, keysByTag } = cache;
  const hit = entries.get(key);
  if (hit) return hit.value as T;
  const evictionsBefore = cache.evictions;
  const value = await load();
  if (cache.evictions !== evictionsBefore) return value;
  const tags = typeof tagsOf === "function" ? tagsOf(value) : tagsOf;
  entries.set(key, { value, tags }, { ttl: busListening() ? TTL_LISTENING_MS : TTL_NOT_LISTENING_MS });
  for (const tag of tags) {
    let keys = keysByTag.get(tag);
    if (!keys) keysByTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
  return value;
}

function evict(tags: readonly string[]) {
  const cache = state();
  const { entries, keysByTag } = cache;
  cache.evictions++;
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
  cache.evictions++;
  cache.entries.clear();
}
