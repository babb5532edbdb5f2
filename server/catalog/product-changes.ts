import "server-only";
import { evictHere } from "../cache";
import type { Db } from "../db/client";
import { type LiveOptions, type NewLiveEvent, raiseLiveEvents, streamLive } from "../realtime/live";
import { productChangeTags } from "./catalog.schemas";

export interface ChangedProduct {
  id: string;
  slug: string;
  /** Stock and availability after the change, which open product pages and carts are told. */
  stock: number;
  active: boolean;
}

/**
 * After a write to products commits: every instance's cached copies go, and the pages watching
 * them hear their new stock (live topic product.stock). The one way a product change is announced,
 * for checkouts, cancellations and the back office alike.
 */
export async function announceProductChanges(
  db: Db,
  products: readonly ChangedProduct[],
  /** More cache tags the write made stale, and more live events it raises (one round trip for all). */
  also: { tags?: string[]; events?: NewLiveEvent[] } = {},
) {
  const unique = [...new Map(products.map((p) => [p.id, p])).values()];
  const tags = [...(also.tags ?? []), ...unique.flatMap(productChangeTags)];
  const events: NewLiveEvent[] = [
    ...(also.events ?? []),
    ...unique.map((p) => ({
      topic: "product.stock" as const,
      key: p.id,
      data: { productId: p.id, stock: p.stock, active: p.active },
    })),
  ];
  // The invalidation goes first: a page that refetches on the event must find the cache evicted.
  const invalidation = evictHere(tags);
  await raiseLiveEvents(db, events, invalidation ? [invalidation] : []);
}

/** The stock of the products a page shows (a product page, an open cart) as it changes. */
export function watchStock(ctx: { db: Db }, productIds: readonly string[], live: LiveOptions) {
  return streamLive(
    [...new Set(productIds)].map((id) => ({ topic: "product.stock" as const, key: id })),
    { ...live, db: ctx.db },
  );
}
