import type { OrderStatus } from "./orders.schemas";
import { ConflictError } from "../errors";

/** PENDING → PAID → SHIPPED → DELIVERED; unpaid or paid-but-unshipped orders may be cancelled. */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ["PAID", "CANCELLED"],
  PAID: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

/** Statuses whose items count as bought (the customer may review them). */
export const PURCHASED_STATUSES = ["PAID", "SHIPPED", "DELIVERED"] as const satisfies readonly OrderStatus[];

export function assertTransition(from: OrderStatus, to: OrderStatus) {
  if (!ORDER_TRANSITIONS[from].includes(to))
    throw new ConflictError(
      "INVALID_ORDER_TRANSITION",
      `An order that is ${from.toLowerCase()} cannot become ${to.toLowerCase()}.`,
      { field: "status", from, to, allowed: ORDER_TRANSITIONS[from] },
    );
}

/** The timestamp column each status stamps when an order enters it. */
export const STATUS_STAMP = {
  PAID: "paidAt",
  SHIPPED: "shippedAt",
  DELIVERED: "deliveredAt",
  CANCELLED: "cancelledAt",
} as const satisfies Partial<Record<OrderStatus, string>>;
