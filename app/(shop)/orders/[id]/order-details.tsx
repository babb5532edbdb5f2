"use client";

import type { Route } from "next";
import Link from "next/link";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { formatMoney } from "~/app/_components/catalog/money";
import { Card, CardContent, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";
import { OrderStatusBadge, orderReference, type Order } from "../order-status";
import { OrderActions } from "./order-actions";
import { OrderTimeline } from "./order-timeline";

export function OrderDetails({ initialOrder }: { initialOrder: Order }) {
  const { data: order } = api.orders.byId.useQuery({ orderId: initialOrder.id }, { initialData: initialOrder });
  // Staff ship it, the payment window closes: the page follows without a reload. On (re)connect it
  // refetches too, for a change made before the stream was open.
  const utils = api.useUtils();
  const refresh = () => void utils.orders.byId.invalidate({ orderId: initialOrder.id });
  api.orders.live.useSubscription({ orderId: initialOrder.id }, { onStarted: refresh, onData: refresh });

  return (
    <>
      <div className="grid gap-2">
        <Link href="/orders" className="w-fit text-sm text-muted-foreground hover:text-foreground">
          ← Your orders
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-semibold tracking-tight">Order {orderReference(order.id)}</h1>
          {/* A live region: paying or cancelling here is announced. */}
          <p role="status" aria-label="Order status">
            <OrderStatusBadge status={order.status} className="text-sm" />
          </p>
        </div>
        <p className="text-sm text-muted-foreground">
          Placed <LocalTime value={order.createdAt} />
        </p>
      </div>

      <OrderActions order={order} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] lg:items-start">
        <Card aria-labelledby="order-items-heading">
          <CardHeader>
            <CardTitle id="order-items-heading">Items</CardTitle>
          </CardHeader>
          <CardContent>
            <ul aria-label="Order items" className="divide-y">
              {order.items.map((item) => (
                <li key={item.id} className="flex items-start justify-between gap-4 py-3 first:pt-0">
                  <div className="grid min-w-0 gap-0.5">
                    <Link
                      href={`/products/${item.productSlug}` as Route}
                      className="font-medium break-words underline-offset-4 hover:underline"
                    >
                      {item.productName}
                    </Link>
                    <span className="text-sm text-muted-foreground tabular-nums">
                      {item.quantity} × {formatMoney(item.unitPrice)}
                    </span>
                  </div>
                  <span className="font-medium tabular-nums">{formatMoney(item.lineTotal)}</span>
                </li>
              ))}
            </ul>
            <dl className="mt-2 flex items-baseline justify-between border-t pt-4">
              <dt className="font-medium">Total</dt>
              <dd className="text-xl font-semibold tabular-nums">{formatMoney(order.total)}</dd>
            </dl>
          </CardContent>
        </Card>

        <Card aria-labelledby="order-status-heading">
          <CardHeader>
            <CardTitle id="order-status-heading">Progress</CardTitle>
          </CardHeader>
          <CardContent>
            <OrderTimeline order={order} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
