import type { Metadata } from "next";
import { requireCurrentUser } from "~/app/_lib/session";
import { ORDERS_PAGE_SIZE } from "~/server/orders/orders.schemas";
import { api, HydrateClient } from "~/app/_trpc/server";
import { OrderList } from "./order-list";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

export default async function OrdersPage() {
  await requireCurrentUser("/orders");
  await api.orders.list.prefetchInfinite({ limit: ORDERS_PAGE_SIZE });

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Your orders</h1>
        <p className="text-muted-foreground">Newest first. Open an order to pay for it, follow it or cancel it.</p>
      </div>
      <HydrateClient>
        <OrderList />
      </HydrateClient>
    </div>
  );
}
