"use client";

import { ORDERS_PAGE_SIZE } from "~/server/orders/orders.schemas";
import { ChevronRight, Package } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { LoadMore } from "~/app/_components/load-more";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { formatMoney } from "~/app/_components/catalog/money";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";
import { OrderStatusBadge, orderReference } from "./order-status";

export function OrderList() {
  const orders = api.orders.list.useInfiniteQuery(
    { limit: ORDERS_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];

  if (orders.isPending)
    return <Card aria-busy="true" aria-label="Loading your orders" className="h-48 animate-pulse bg-muted" />;
  if (orders.isError && !orders.data)
    return (
      <div className="grid justify-items-start gap-3">
        <ApiErrorAlert error={orders.error} className="w-full" />
        <Button variant="outline" onClick={() => void orders.refetch()}>
          Try again
        </Button>
      </div>
    );
  if (items.length === 0)
    return (
      <Card>
        <CardContent className="grid justify-items-center gap-3 py-14 text-center">
          <Package aria-hidden className="size-10 text-muted-foreground" />
          <h2 className="text-lg font-semibold">No orders yet</h2>
          <p className="max-w-sm text-sm text-muted-foreground">When you check out, your orders show up here.</p>
          <Button asChild>
            <Link href="/products">Start shopping</Link>
          </Button>
        </CardContent>
      </Card>
    );

  return (
    <div className="grid gap-4">
      <ul aria-label="Orders" className="grid gap-3">
        {items.map((order) => {
          const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
          return (
            <li key={order.id}>
              <Link
                href={`/orders/${order.id}` as Route}
                className="flex items-center gap-4 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-muted/50"
              >
                <div className="grid min-w-0 flex-1 gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">Order {orderReference(order.id)}</span>
                    <OrderStatusBadge status={order.status} />
                  </div>
                  <p className="text-sm text-muted-foreground">
                    <LocalTime value={order.createdAt} options={{ dateStyle: "medium" }} /> ·{" "}
                    {count === 1 ? "1 item" : `${count} items`}
                  </p>
                </div>
                <span className="font-semibold tabular-nums">{formatMoney(order.total)}</span>
                <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
              </Link>
            </li>
          );
        })}
      </ul>
      <LoadMore pages={orders} />
    </div>
  );
}
