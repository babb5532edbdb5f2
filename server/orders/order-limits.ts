import "server-only";
import type { Prisma } from "../db/client";
import { getEnv } from "../env";
import { ConflictError, ValidationError } from "../errors";

type Tx = Prisma.TransactionClient;

export interface OrderLimits {
  /** Unpaid orders one account may have at once. */
  maxPendingOrders: number;
  /** Units of one product one account may hold in unpaid orders, this one included. */
  maxUnitsPerProduct: number;
}

export const configuredOrderLimits = (): OrderLimits => ({
  maxPendingOrders: getEnv().ORDER_MAX_PENDING_PER_USER,
  maxUnitsPerProduct: getEnv().ORDER_MAX_UNITS_PER_PRODUCT,
});

/** An order still holding stock: unpaid and not past its payment window. */
const holdingStock = (now: Date): Prisma.OrderWhereInput => ({
  status: "PENDING",
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

/**
 * Locks the account's row for the rest of the checkout transaction, so two checkouts of one account
 * run one after the other and cannot both pass the counts below. Every checkout takes this lock
 * before its product locks (stock.ts), always in that order: no deadlock.
 */
export async function lockAccountForCheckout(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
}

/**
 * One account cannot hold a product's stock with unpaid orders: at most `maxPendingOrders` of them,
 * and at most `maxUnitsPerProduct` units of any product across them. Call inside the checkout
 * transaction after lockAccountForCheckout. CONFLICT TOO_MANY_PENDING_ORDERS, or BAD_REQUEST
 * QUANTITY_LIMIT on `lines` naming the product.
 */
export async function assertWithinOrderLimits(
  tx: Tx,
  userId: string,
  lines: readonly { productId: string; productName: string; quantity: number }[],
  limits: OrderLimits,
  now = new Date(),
) {
  const pending = await tx.order.count({ where: { userId, ...holdingStock(now) } });
  if (pending >= limits.maxPendingOrders)
    throw new ConflictError(
      "TOO_MANY_PENDING_ORDERS",
      `You have ${pending} orders waiting for payment. Pay for or cancel one of them to place another.`,
      { pendingOrders: pending, maxPendingOrders: limits.maxPendingOrders },
    );

  const held = await tx.orderItem.groupBy({
    by: ["productId"],
    where: { productId: { in: lines.map((l) => l.productId) }, order: { userId, ...holdingStock(now) } },
    _sum: { quantity: true },
  });
  const heldBy = new Map(held.map((h) => [h.productId, h._sum.quantity ?? 0]));
  for (const line of lines) {
    const already = heldBy.get(line.productId) ?? 0;
    if (already + line.quantity <= limits.maxUnitsPerProduct) continue;
    const max = limits.maxUnitsPerProduct;
    throw new ValidationError(
      "QUANTITY_LIMIT",
      already === 0
        ? `You can order at most ${max} of “${line.productName}” at a time; lower the quantity to continue.`
        : `You can hold at most ${max} of “${line.productName}” in unpaid orders and ${already} are already waiting for payment; pay for that order or lower the quantity.`,
      "lines",
      { productId: line.productId, maxUnitsPerProduct: max, alreadyPending: already, requested: line.quantity },
    );
  }
}
