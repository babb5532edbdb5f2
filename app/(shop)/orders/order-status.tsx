import { cn } from "~/app/_lib/cn";
import type { RouterOutputs } from "~/app/_trpc/react";

export type Order = RouterOutputs["orders"]["byId"];
export type OrderStatus = Order["status"];

export const STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: "Pending payment",
  PAID: "Paid",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
};

const STATUS_TONE: Record<OrderStatus, string> = {
  PENDING: "bg-accent text-accent-foreground ring-1 ring-primary/30",
  PAID: "bg-success/15 text-success",
  SHIPPED: "bg-success/15 text-success",
  DELIVERED: "bg-success/15 text-success",
  CANCELLED: "bg-muted text-muted-foreground",
};

/** The short reference the confirmation mail uses too (last 8 characters of the id). */
export { orderReference } from "~/server/orders/orders.schemas";

export function OrderStatusBadge({ status, className }: { status: OrderStatus; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-fit items-center rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        STATUS_TONE[status],
        className,
      )}
    >
      <span className="sr-only">Status: </span>
      {STATUS_LABEL[status]}
    </span>
  );
}
