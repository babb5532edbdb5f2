import "server-only";
import { createHash } from "node:crypto";
import { ownedBy, type OwnerAccess } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import { announceProductChanges } from "../catalog/product-changes";
import { Prisma, type Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { afterCursor, cursorPage } from "../db/pagination";
import { getEnv } from "../env";
import { ConflictError, NotFoundError } from "../errors";
import { enqueue } from "../jobs/queue";
import { sendOrderConfirmation } from "../jobs/send-order-confirmation";
import { toMoney } from "../money";
import { type LiveOptions, streamLive } from "../realtime/live";
import type { UserCtx } from "../users/users.service";
import { emitOrderEvents } from "../webhooks/events";
import type { WebhookEventType } from "../webhooks/webhooks.schemas";
import { assertTransition, STATUS_STAMP } from "./order-lifecycle";
import {
  assertWithinOrderLimits,
  configuredOrderLimits,
  lockAccountForCheckout,
  readAccountHoldings,
} from "./order-limits";
import { insertOrder } from "./order-insert";
import { orderReference, orderSelect, type CreateOrderInput, type OrderRow, type OrderStatus } from "./orders.schemas";
import { assertAvailable, releaseStock, reserveStock, type LockedProduct } from "./stock";

type Tx = Prisma.TransactionClient;

/** An order as the API returns it: money as 2-decimal strings. */
export function toOrderView(order: OrderRow) {
  return {
    ...order,
    reference: orderReference(order.id),
    total: toMoney(order.total),
    items: order.items.map(({ product, ...item }) => ({
      ...item,
      productSlug: product.slug,
      unitPrice: toMoney(item.unitPrice),
      lineTotal: toMoney(item.unitPrice.mul(item.quantity)),
    })),
  };
}
export type OrderView = ReturnType<typeof toOrderView>;

const requestHashOf = (input: CreateOrderInput) =>
  createHash("sha256")
    .update(JSON.stringify([...input.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))))
    .digest("hex");

/**
 * Checkout: reserves stock for every line and records the order in one transaction, and
 * enqueues the confirmation mail in the same transaction (sent by a worker, never here).
 * The idempotency key makes retries safe: the same key returns the first order; the same key
 * with a different cart is refused. Per-account limits on unpaid orders (order-limits.ts) are
 * checked under a lock on the account's row, in the same transaction.
 */
export async function createOrder(ctx: UserCtx, input: CreateOrderInput): Promise<OrderView> {
  const requestHash = requestHashOf(input);
  const productIds = input.lines.map((l) => l.productId);
  // Names and prices as the shopper sees them now. Stock is checked here to fail fast, and again
  // under the row locks, which is the check that counts. A retry of an order placed earlier is found
  // in the transaction (or here, when that order took the last units): one query less per checkout.
  const products = await ctx.db.product.findMany({
    where: { id: { in: productIds } },
    select: { id: true, slug: true, name: true, price: true, stock: true, active: true },
    // By name, as the database sorts: the new order's items in the order every later read has them.
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  try {
    assertAvailable(products, input.lines);
  } catch (error) {
    const replay = await findByIdempotencyKey(ctx.db, ctx.user.id, input.idempotencyKey, requestHash);
    if (replay) return replay;
    throw error;
  }
  const items = products.flatMap(({ id: productId, slug: productSlug, name: productName, price: unitPrice }) =>
    input.lines
      .filter((line) => line.productId === productId)
      .map((line) => ({ productId, productSlug, productName, unitPrice, quantity: line.quantity })),
  );
  const total = items.reduce((sum, i) => sum.add(i.unitPrice.mul(i.quantity)), new Prisma.Decimal(0));

  try {
    const { order, replayed, reserved } = await ctx.db.$transaction(
      async (tx) => {
        await lockAccountForCheckout(tx, ctx.user.id);
        const holdings = await readAccountHoldings(tx, ctx.user.id, input.idempotencyKey, productIds);
        // An order with this key exists: a retry, or a parallel request that committed while this one waited.
        if (holdings.winnerId) {
          const winner = await findByIdempotencyKey(tx, ctx.user.id, input.idempotencyKey, requestHash);
          return { order: winner!, replayed: true, reserved: [] };
        }
        assertWithinOrderLimits(holdings, items, configuredOrderLimits());
        const created = await insertOrder(tx, {
          userId: ctx.user.id,
          idempotencyKey: input.idempotencyKey,
          requestHash,
          total,
          expiresAt: new Date(Date.now() + getEnv().ORDER_PAYMENT_TIMEOUT_MINUTES * 60_000),
          items,
        });
        await enqueue(sendOrderConfirmation, { orderId: created.id }, { tx });
        const order = toOrderView(created);
        await emitOrderEvents(tx, "order.created", [order]);
        // Last, so the product row locks are held only for lock, decrement and commit.
        const reserved = await reserveStock(tx, input.lines);
        return { order, replayed: false, reserved };
      },
      // Under a burst, checkouts queue for a connection and the row locks: wait longer than
      // Prisma's 2 s / 5 s defaults before giving up.
      { maxWait: 10_000, timeout: 15_000 },
    );
    if (replayed) return order;
    await announceProductChanges(ctx.db, reserved, {
      events: [{ topic: "orders.new", key: "", data: newOrderNotice(ctx.user, order) }],
    });
    ctx.log.info({ orderId: order.id, total: order.total, lines: order.items.length }, "order created");
    return order;
  } catch (error) {
    // The same key raced in from a parallel request: that one won, return its order. (A pool or
    // lock timeout is 503 DATABASE_BUSY with Retry-After, by server/db/errors.ts, like any other.)
    if (isUniqueViolation(error)) {
      const winner = await findByIdempotencyKey(ctx.db, ctx.user.id, input.idempotencyKey, requestHash);
      if (winner) return winner;
    }
    throw error;
  }
}

async function findByIdempotencyKey(db: Db | Tx, userId: string, key: string, requestHash: string) {
  const existing = await db.order.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
    select: { ...orderSelect, requestHash: true },
  });
  if (!existing) return null;
  if (existing.requestHash !== requestHash)
    throw new ConflictError(
      "IDEMPOTENCY_KEY_REUSED",
      "This checkout key was already used for a different cart; reload the page and check out again.",
      { field: "idempotencyKey" },
    );
  const { requestHash: _hash, ...order } = existing;
  return toOrderView(order);
}

/**
 * The order, if `user` may see it: its owner, or staff when `access` allows. Everyone else
 * gets NOT_FOUND. The one ownership check for orders.
 */
export async function requireOrderOwner(
  db: Db | Tx,
  user: SessionUser,
  orderId: string,
  access: OwnerAccess = "owner-or-staff",
): Promise<OrderRow> {
  const order = await db.order.findFirst({ where: { id: orderId, ...ownedBy(user, access) }, select: orderSelect });
  if (!order) throw new NotFoundError("ORDER_NOT_FOUND", "We could not find this order in your account.");
  return order;
}

/** The order's status changes as they happen, once its owner (or staff) is checked. */
export async function watchOrder(ctx: UserCtx, orderId: string, live: LiveOptions) {
  await requireOrderOwner(ctx.db, ctx.user, orderId);
  return streamLive([{ topic: "order.status", key: orderId }], { ...live, db: ctx.db });
}

export async function getOrderForUser(ctx: UserCtx, orderId: string) {
  return toOrderView(await requireOrderOwner(ctx.db, ctx.user, orderId));
}

export async function listMyOrders(ctx: UserCtx, input: { cursor?: string | null; limit: number }) {
  const rows = await ctx.db.order.findMany({
    where: { userId: ctx.user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: orderSelect,
  });
  const page = cursorPage(rows, input);
  return { ...page, items: page.items.map(toOrderView) };
}

/** The webhook event of entering each status (DELIVERED has none yet). */
const TRANSITION_EVENTS: Partial<Record<OrderStatus, WebhookEventType>> = {
  PAID: "order.paid",
  SHIPPED: "order.shipped",
  CANCELLED: "order.cancelled",
};

/**
 * Moves an order along its lifecycle, emitting its webhook event in the same transaction. The status update is conditional on the status it was
 * read with, so two concurrent changes cannot both apply; cancelling returns the stock.
 */
export async function transitionOrder(
  ctx: UserCtx,
  input: { orderId: string; to: OrderStatus; access: OwnerAccess; reason?: string },
  /** Runs inside the transaction, e.g. to write the audit trail with the change. */
  alsoInTransaction?: (tx: Tx, change: { before: OrderView; after: OrderView }) => Promise<void>,
): Promise<{ before: OrderView; after: OrderView }> {
  let released: LockedProduct[] = [];
  const result = await ctx.db.$transaction(async (tx) => {
    const before = await requireOrderOwner(tx, ctx.user, input.orderId, input.access);
    assertTransition(before.status, input.to);
    if (input.to === "PAID" && before.expiresAt && before.expiresAt <= new Date())
      throw new ConflictError("ORDER_EXPIRED", "This order expired before it was paid; place it again.");
    const { count } = await tx.order.updateMany({
      where: { id: before.id, status: before.status },
      data: {
        status: input.to,
        [STATUS_STAMP[input.to as keyof typeof STATUS_STAMP]]: new Date(),
        expiresAt: null,
        ...(input.to === "CANCELLED" && { cancelReason: input.reason ?? "cancelled" }),
      },
    });
    if (count === 0)
      throw new ConflictError("ORDER_CHANGED", "This order changed a moment ago; reload it and try again.");
    if (input.to === "CANCELLED") released = await releaseStock(tx, before.items);
    const after = await tx.order.findUniqueOrThrow({ where: { id: before.id }, select: orderSelect });
    const change = { before: toOrderView(before), after: toOrderView(after) };
    const event = TRANSITION_EVENTS[input.to];
    if (event) await emitOrderEvents(tx, event, [change.after]);
    await alsoInTransaction?.(tx, change);
    return change;
  });
  await announceProductChanges(ctx.db, released, { events: [statusEvent(result.after)] });
  ctx.log.info({ orderId: input.orderId, from: result.before.status, to: input.to }, "order status changed");
  return result;
}

/**
 * Cancels unpaid orders past their payment window, returns their stock and emits
 * order.cancelled for each, in the same transaction. Run every minute
 * by the expire-unpaid-orders job; safe to run concurrently (locked rows are skipped).
 */
export async function expireUnpaidOrders(ctx: { db: Db; log: UserCtx["log"] }, now = new Date(), batch = 100) {
  let expired = 0;
  const released: LockedProduct[] = [];
  const cancelledOrders: OrderView[] = [];
  for (;;) {
    const done = await ctx.db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Order" WHERE status = 'PENDING' AND "expiresAt" <= ${now}
        ORDER BY "expiresAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      if (!due.length) return true;
      const ids = due.map((o) => o.id);
      await tx.order.updateMany({
        where: { id: { in: ids } },
        data: { status: "CANCELLED", cancelledAt: now, cancelReason: "expired", expiresAt: null },
      });
      const items = await tx.orderItem.findMany({ where: { orderId: { in: ids } } });
      released.push(...(await releaseStock(tx, items)));
      const cancelled = await tx.order.findMany({ where: { id: { in: ids } }, select: orderSelect });
      const views = cancelled.map(toOrderView);
      await emitOrderEvents(tx, "order.cancelled", views);
      cancelledOrders.push(...views);
      expired += ids.length;
      return due.length < batch;
    });
    if (done) break;
  }
  await announceProductChanges(ctx.db, released, { events: cancelledOrders.map(statusEvent) });
  if (expired) ctx.log.info({ expired }, "unpaid orders expired");
  return expired;
}

/** The shopper's order page hears its order's new status (live topic order.status). */
const statusEvent = (order: OrderView) => ({
  topic: "order.status" as const,
  key: order.id,
  data: { orderId: order.id, status: order.status },
});

/** The back office's notice of a new order (live topic orders.new). */
const newOrderNotice = (user: SessionUser, order: OrderView) => ({
  orderId: order.id,
  total: order.total,
  itemCount: order.items.reduce((sum, i) => sum + i.quantity, 0),
  customer: (user.name ?? user.email).slice(0, 200),
});
