"use client";

import { useState } from "react";
import { Badge, type BadgeTone } from "~/app/_components/admin/badge";
import { ChoiceSelect } from "~/app/_components/admin/choice-select";
import { ConfirmDialog } from "~/app/_components/ui/dialog";
import { titleCase } from "~/app/_components/admin/format";
import { messageOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import type { OrderStatus } from "./order-params";

export const statusTones: Record<OrderStatus, BadgeTone> = {
  PENDING: "neutral",
  PAID: "accent",
  SHIPPED: "accent",
  DELIVERED: "success",
  CANCELLED: "danger",
};

interface OrderStatusCellProps {
  order: { id: string; status: OrderStatus; nextStatuses: readonly OrderStatus[] };
  /** Short name for labels, e.g. "order …a1b2c3d4". */
  orderLabel: string;
}

/** The order's status, and a select offering only the statuses it may move to next. */
export function OrderStatusCell({ order, orderLabel }: OrderStatusCellProps) {
  const utils = api.useUtils();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const setStatus = api.admin.orders.setStatus.useMutation({
    // Refused or not, the table should show the order as it now is.
    onSettled: () => void utils.admin.invalidate(),
  });
  const next = order.nextStatuses;

  if (next.length === 0) return <Badge tone={statusTones[order.status]}>{titleCase(order.status)}</Badge>;

  const change = (status: OrderStatus) => setStatus.mutate({ orderId: order.id, status });
  const error = setStatus.error;
  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex items-center gap-2">
        <ChoiceSelect
          label={`Status of ${orderLabel}`}
          value={order.status}
          options={[order.status, ...next].map((status) => ({ value: status, label: titleCase(status) }))}
          disabled={setStatus.isPending}
          onChange={(status) => {
            if (status === order.status) return;
            if (status === "CANCELLED") setConfirmCancel(true);
            else change(status);
          }}
        />
        <span role="status" className="text-xs text-muted-foreground">
          {setStatus.isPending ? "Saving…" : ""}
        </span>
      </div>
      {error && (
        <p role="alert" className="max-w-56 text-xs text-destructive">
          {messageOf(error)}
          {error.data?.code === "CONFLICT" && " The table now shows its current status; choose again."}
        </p>
      )}
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title={`Cancel ${orderLabel}?`}
        description="Its items go back into stock and the customer sees the order as cancelled. This cannot be undone."
        confirmLabel="Cancel order"
        cancelLabel="Keep order"
        destructive
        onConfirm={() => change("CANCELLED")}
      />
    </div>
  );
}
