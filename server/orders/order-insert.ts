import "server-only";
import cuid from "@bugsnag/cuid";
import type { Prisma } from "../db/client";
import { orderSelect, type OrderRow } from "./orders.schemas";

type Tx = Prisma.TransactionClient;

export interface NewOrder {
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  total: Prisma.Decimal;
  expiresAt: Date;
  /** In the order `orderSelect` reads them back: by product name as the database sorts, then product id. */
  items: { productId: string; productSlug: string; productName: string; unitPrice: Prisma.Decimal; quantity: number }[];
}

/**
 * Writes a new order and its items in two statements and returns it as `orderSelect` reads it,
 * without reading it back. Prisma's nested create takes three (the order, the items, a read back,
 * even when only the id is selected), and its createMany compiles a fresh plan on every call
 * (ADR 032); this is every checkout's path (ADR 034). Item ids are cuids, as the schema's
 * `@default(cuid())` makes them (Prisma generates those with this same library): a change of that
 * default must change this too.
 */
export async function insertOrder(tx: Tx, order: NewOrder): Promise<OrderRow> {
  const { items: _items, ...columns } = orderSelect;
  const { items: lines, ...data } = order;
  const created = await tx.order.create({ data, select: columns }); // one INSERT … RETURNING
  const items = lines.map(({ productSlug, ...line }) => ({ id: cuid(), ...line, product: { slug: productSlug } }));
  await tx.$executeRaw`
    INSERT INTO "OrderItem" (id, "orderId", "productId", "productName", "unitPrice", quantity)
    SELECT line.id, ${created.id}, line."productId", line."productName", line."unitPrice", line.quantity
    FROM unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.productId)}::text[],
                ${items.map((i) => i.productName)}::text[], ${items.map((i) => i.unitPrice.toFixed(2))}::numeric[],
                ${items.map((i) => i.quantity)}::int[])
      AS line(id, "productId", "productName", "unitPrice", quantity)`;
  return { ...created, items };
}
