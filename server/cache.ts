import "server-only";
import { LRUCache } from "lru-cache";
import { getLogger } from "./observability/logger";

/**
 * The in-process cache for hot reads (catalog pages many visitors share), with explicit
 * invalidation by tag on every write.
 *
 * It lives on globalThis because the self-hosted server loads this module twice — once in the
 * Node fast path, once inside Next's bundle — and a write in one must evict what the other
 * cached. Entries also expire after `ttl`, which bounds staleness for writes made by another
 * process (a separate worker, another instance).
 *
 * Pages rendered by Next keep their own tag cache; `onInvalidate` lets the app forward the same
 * tags to Next's `revalidateTag` (see app/_lib/catalog-cache.ts).
 */

type Entry = { value: unknown; tags: readonly string[] };
interface CacheState {
  entries: LRUCache<string, Entry>;
  keysByTag: Map<string, Set<string>>;
  listeners: Set<(tags: readonly string[]) => void>;
}

const STATE = Symbol.for("shopwise.cache");
const globalStore = globalThis as { [STATE]?: CacheState };

function state(): CacheState {
  return (globalStore[STATE] ??= {
    entries: new LRUCache<string, Entry>({
      max: 5_000,
      ttl: 30_000,
      dispose: (entry, key) => forgetKey(key, entry.tags),
    }),
    keysByTag: new Map(),
    listeners: new Set(),
  });
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
  const { entries, keysByTag } = state();
  const hit = entries.get(key);
  if (hit) return hit.value as T;
  const value = await load();
  const tags = typeof tagsOf === "function" ? tagsOf(value) : tagsOf;
  entries.set(key, { value, tags });
  for (const tag of tags) {
    let keys = keysByTag.get(tag);
    if (!keys) keysByTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
  return value;
}

/** Evicts every entry carrying one of `tags` and tells the listeners (Next's tag cache). */
export function invalidate(tags: readonly string[]) {
  const { entries, keysByTag, listeners } = state();
  for (const tag of tags) for (const key of [...(keysByTag.get(tag) ?? [])]) entries.delete(key);
  for (const listener of listeners) {
    try {
      listener(tags);
    } catch (error) {
      // Outside a Next request (a job, the fast path) Next's cache cannot be reached; its
      // entries then expire by their own revalidate time.
      getLogger().debug({ err: error, tags }, "cache listener skipped");
    }
  }
}

export function onInvalidate(listener: (tags: readonly string[]) => void) {
  state().listeners.add(listener);
}

export function clearCache() {
  state().entries.clear();
}
