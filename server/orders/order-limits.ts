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

/**
 * Locks the account's row for the rest of the checkout transaction, so two checkouts of one account
 * run one after the other and cannot both pass the counts below. Every checkout takes this lock
 * before its product locks (stock.ts), always in that order: no deadlock.
 */
export async function lockAccountForCheckout(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
}

/** What the account holds in unpaid orders, read under its lock, with this checkout's earlier order. */
export interface AccountHoldings {
  /** The order an earlier request with this idempotency key placed, if one committed. */
  winnerId: string | null;
  /** Unpaid orders still holding stock (not past their payment window). */
  pendingOrders: number;
  /** Units of each requested product held by those orders. */
  heldUnits: Map<string, number>;
}

/**
 * One statement, after lockAccountForCheckout and not merged into it: under READ COMMITTED a statement
 * sees what committed before it began, so only a statement that starts once the lock is ours sees
 * the orders of the checkout that held it.
 */
export async function readAccountHoldings(
  tx: Tx,
  userId: string,
  idempotencyKey: string,
  productIds: readonly string[],
  now = new Date(),
): Promise<AccountHoldings> {
  const [row] = await tx.$queryRaw<
    { winnerId: string | null; pendingOrders: number; heldUnits: Record<string, number> }[]
  >`
    WITH holding AS (
      SELECT id FROM "Order"
      WHERE "userId" = ${userId} AND status = 'PENDING' AND ("expiresAt" IS NULL OR "expiresAt" > ${now}))
    SELECT
      (SELECT id FROM "Order" WHERE "userId" = ${userId} AND "idempotencyKey" = ${idempotencyKey}) AS "winnerId",
      (SELECT count(*)::int FROM holding) AS "pendingOrders",
      (SELECT coalesce(json_object_agg(h."productId", h.units), '{}'::json) FROM (
        SELECT i."productId", sum(i.quantity)::int AS units FROM "OrderItem" i JOIN holding o ON o.id = i."orderId"
        WHERE i."productId" = ANY(${[...productIds]}::text[]) GROUP BY i."productId") h) AS "heldUnits"`;
  return {
    winnerId: row!.winnerId,
    pendingOrders: row!.pendingOrders,
    heldUnits: new Map(Object.entries(row!.heldUnits)),
  };
}

/**
 * One account cannot hold a product's stock with unpaid orders: at most `maxPendingOrders` of them,
 * and at most `maxUnitsPerProduct` units of any product across them, given what it holds
 * (readAccountHoldings). CONFLICT TOO_MANY_PENDING_ORDERS, or BAD_REQUEST QUANTITY_LIMIT on `lines`
 * naming the product.
 */
export function assertWithinOrderLimits(
  holdings: Pick<AccountHoldings, "pendingOrders" | "heldUnits">,
  lines: readonly { productId: string; productName: string; quantity: number }[],
  limits: OrderLimits,
) {
  const pending = holdings.pendingOrders;
  if (pending >= limits.maxPendingOrders)
    throw new ConflictError(
      "TOO_MANY_PENDING_ORDERS",
      `You have ${pending} orders waiting for payment. Pay for or cancel one of them to place another.`,
      { pendingOrders: pending, maxPendingOrders: limits.maxPendingOrders },
    );

  for (const line of lines) {
    const already = holdings.heldUnits.get(line.productId) ?? 0;
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
