import "server-only";
import type { Prisma } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";

type Tx = Prisma.TransactionClient;

export interface LockedProduct {
  id: string;
  slug: string;
  name: string;
  price: Prisma.Decimal;
  stock: number;
  active: boolean;
}

/**
 * Takes `quantity` of each product out of stock, inside the caller's transaction. The rows are
 * locked (see lockProducts) in id order, so two checkouts that share products always lock them
 * in the same order and cannot deadlock; a concurrent checkout waits, then sees the stock this
 * one left. Throws CONFLICT naming the first product that is short.
 */
export async function reserveStock(tx: Tx, lines: readonly { productId: string; quantity: number }[]) {
  const locked = await lockProducts(tx, lines);
  assertAvailable(locked, lines);
  return adjustStock(tx, locked, lines, -1);
}

/** Every line's product is sold and has the quantity; else NOT_FOUND / CONFLICT naming it. */
export function assertAvailable(
  products: readonly Pick<LockedProduct, "id" | "name" | "stock" | "active">[],
  lines: readonly { productId: string; quantity: number }[],
) {
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const line of lines) {
    const product = byId.get(line.productId);
    if (!product || !product.active)
      throw new NotFoundError(
        "PRODUCT_UNAVAILABLE",
        "A product in your cart is no longer sold; remove it to continue.",
        {
          productId: line.productId,
        },
      );
    if (product.stock < line.quantity)
      throw new ConflictError(
        "OUT_OF_STOCK",
        product.stock === 0
          ? `“${product.name}” is out of stock; remove it to continue.`
          : `Only ${product.stock} of “${product.name}” left; lower the quantity to continue.`,
        { productId: product.id, productName: product.name, available: product.stock, requested: line.quantity },
      );
  }
}

/** Puts the items of a cancelled or expired order back into stock (same lock order). */
export async function releaseStock(tx: Tx, items: readonly { productId: string; quantity: number }[]) {
  const locked = await lockProducts(tx, items);
  return adjustStock(tx, locked, items, +1);
}

/**
 * Every stock change locks its rows here first, always in id order (no deadlocks). The FOR
 * UPDATE variant is NO KEY UPDATE: it still excludes every other stock change, but not the
 * KEY SHARE lock a new order item's foreign key takes on its product — plain FOR UPDATE would
 * deadlock two checkouts that each inserted their items before locking.
 */
function lockProducts(tx: Tx, lines: readonly { productId: string }[]) {
  const ids = [...new Set(lines.map((l) => l.productId))].sort();
  return tx.$queryRaw<LockedProduct[]>`
    SELECT id, slug, name, price, stock, active FROM "Product"
    WHERE id = ANY(${ids}::text[]) ORDER BY id FOR NO KEY UPDATE`;
}

/** Applies the lines to the locked rows; returns those rows with the stock they now hold. */
async function adjustStock(
  tx: Tx,
  locked: LockedProduct[],
  lines: readonly { productId: string; quantity: number }[],
  sign: 1 | -1,
): Promise<LockedProduct[]> {
  // One delta per product: UPDATE … FROM applies only one joined row to each target row.
  const deltas = new Map<string, number>();
  for (const line of lines) deltas.set(line.productId, (deltas.get(line.productId) ?? 0) + sign * line.quantity);
  await tx.$executeRaw`
    UPDATE "Product" p SET stock = p.stock + v.delta
    FROM (SELECT unnest(${[...deltas.keys()]}::text[]) AS id, unnest(${[...deltas.values()]}::int[]) AS delta) v
    WHERE p.id = v.id`;
  return locked.map((p) => ({ ...p, stock: p.stock + (deltas.get(p.id) ?? 0) }));
}
