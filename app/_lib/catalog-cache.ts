import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";
import superjson from "superjson";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import { onInvalidate } from "~/server/cache";
import { catalogTags } from "~/server/catalog/catalog.schemas";
import { catalogCacheScope } from "~/server/catalog/catalog.service";

/**
 * Catalog reads that every visitor shares, kept in Next's tag cache for pages. Every catalog
 * write (server/cache.ts `invalidate`) is forwarded here to `revalidateTag` with `expire: 0`,
 * so the next request after an edit renders fresh data. Writes made outside a Next request (a
 * job) cannot reach Next's cache; `revalidate` bounds how long those stay stale.
 */
onInvalidate((tags) => {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
});

const REVALIDATE_SECONDS = 60;

// The cached functions run without the visitor's request: they call the public procedures as
// an anonymous caller, so no per-user data can end up in a shared entry.
const anonymous = () => createCaller(createInnerContext({ user: null }));

/**
 * unstable_cache stores JSON; superjson keeps Dates as Dates. Keys start with the database's
 * scope: the cache survives restarts and rebuilds, a database may not (a reset, the e2e run).
 */
async function sharedCache<T>(load: () => Promise<T>, key: string[], tags: string[]): Promise<T> {
  const scope = await catalogCacheScope(createInnerContext({ user: null }));
  const cachedJson = unstable_cache(async () => superjson.stringify(await load()), [scope, ...key], {
    tags,
    revalidate: REVALIDATE_SECONDS,
  });
  return superjson.parse<T>(await cachedJson());
}

/** An active product by slug (throws the procedure's NOT_FOUND for unknown or inactive ones). */
export function getCachedProduct(slug: string) {
  return sharedCache(
    () => anonymous().catalog.productBySlug({ slug }),
    ["catalog", "product", slug],
    [catalogTags.all, catalogTags.productSlug(slug)],
  );
}

/** Categories with product count, active count and average price. */
export function getCachedCategoryStats() {
  return sharedCache(
    () => anonymous().catalog.categories(),
    ["catalog", "categories"],
    [catalogTags.all, catalogTags.categories],
  );
}
