import "server-only";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";

/**
 * Catalog reads that every visitor shares, for pages. They call the public procedures, whose
 * results sit in the in-process cache (server/cache.ts) that every write invalidates in every
 * instance over the bus, so a page renders what the API answers: one cache, not two
 * (docs/decisions/024-invalidation-bus.md). React's `cache` lets the page and its metadata share
 * one call per request.
 */

// An anonymous caller: no per-user data can end up in a shared entry.
const anonymous = () => createCaller(createInnerContext({ user: null }));

/** An active product by slug (throws the procedure's NOT_FOUND for unknown or inactive ones). */
export const getCachedProduct = cache((slug: string) => anonymous().catalog.productBySlug({ slug }));

/** Categories with product count, active count and average price. */
export const getCachedCategoryStats = cache(() => anonymous().catalog.categories());
