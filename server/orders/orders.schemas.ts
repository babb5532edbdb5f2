import { z } from "zod";
import type { Prisma } from "../db/client";
import { cursorPageInput, idInput, moneyOutput, nextCursorOutput, text, textOutput, timeOutput } from "../inputs";

export const orderStatusInput = z.enum(["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"]);
export type OrderStatus = z.infer<typeof orderStatusInput>;

export const orderLineInput = z.strictObject({
  productId: idInput,
  quantity: z.number().int().min(1, { error: "Order at least 1." }).max(99, { error: "Order at most 99 of one item." }),
});

export const createOrderInput = z.strictObject({
  /** A fresh random key per checkout attempt (a UUID): retrying with it never orders twice. */
  idempotencyKey: text({ max: 100 }).regex(/^[A-Za-z0-9_-]{8,100}$/, {
    error: "Use 8–100 letters, digits, '-' or '_' (a UUID works).",
  }),
  lines: z
    .array(orderLineInput)
    .min(1, { error: "Your cart is empty." })
    .max(50, { error: "An order holds at most 50 different items." })
    .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, {
      error: "Each product may appear once; combine the quantities.",
    }),
});
export type CreateOrderInput = z.infer<typeof createOrderInput>;

/** What people call an order: the last 8 characters of its id, upper-cased (mail, pages, support). */
export const orderReference = (orderId: string) => orderId.slice(-8).toUpperCase();

export const orderIdInput = z.strictObject({ orderId: idInput });

export const listMyOrdersInput = cursorPageInput({ defaultLimit: 10, maxLimit: 50 });

/** What a customer (or staff) sees of an order. */
export const orderSelect = {
  id: true,
  userId: true,
  status: true,
  total: true,
  expiresAt: true,
  paidAt: true,
  shippedAt: true,
  deliveredAt: true,
  cancelledAt: true,
  cancelReason: true,
  createdAt: true,
  updatedAt: true,
  items: {
    select: {
      id: true,
      productId: true,
      productName: true,
      unitPrice: true,
      quantity: true,
      product: { select: { slug: true } },
    },
    // A plain array: the `as const` of orderSelect would make it readonly, which Prisma refuses.
    orderBy: [{ productName: "asc" }, { productId: "asc" }] as Prisma.OrderItemOrderByWithRelationInput[],
  },
} as const;

/** An order as `orderSelect` reads it. */
export type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

/** An order as the API returns it (toOrderView): money as 2-decimal strings, `reference` for people. */
export const orderViewOutput = z.object({
  id: textOutput,
  reference: textOutput,
  userId: textOutput,
  status: orderStatusInput,
  total: moneyOutput,
  expiresAt: timeOutput.nullable(),
  paidAt: timeOutput.nullable(),
  shippedAt: timeOutput.nullable(),
  deliveredAt: timeOutput.nullable(),
  cancelledAt: timeOutput.nullable(),
  cancelReason: textOutput.nullable(),
  createdAt: timeOutput,
  updatedAt: timeOutput,
  items: z.array(
    z.object({
      id: textOutput,
      productId: textOutput,
      productSlug: textOutput,
      productName: textOutput,
      unitPrice: moneyOutput,
      quantity: z.number().int(),
      lineTotal: moneyOutput,
    }),
  ),
});

export const orderListOutput = z.object({ items: z.array(orderViewOutput), nextCursor: nextCursorOutput });

/** Orders per page of the shopper's order list (the page prefetches the first). Here, not in the client component: a server page importing a constant from a
 * "use client" module gets a client reference, not the number. */
export const ORDERS_PAGE_SIZE = 10;
