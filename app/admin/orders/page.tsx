import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { orderListInput } from "./order-params";
import { OrdersTable } from "./orders-table";

export const metadata: Metadata = { title: "Orders" };

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  await requireRolePage("STAFF", withQuery("/admin/orders", record));
  void api.admin.orders.list.prefetch(orderListInput(toSearchParams(record)));

  return (
    <>
      <PageHeader
        title="Orders"
        description="Every customer's orders. Move an order along: pending → paid → shipped → delivered, or cancel it."
      />
      <HydrateClient>
        <OrdersTable />
      </HydrateClient>
    </>
  );
}
