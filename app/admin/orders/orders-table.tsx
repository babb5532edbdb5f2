"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ClearFilters, FilterBar, SearchBox, SelectFilter } from "~/app/_components/admin/filter-bar";
import { formatMoment, formatMoney, plural, titleCase } from "~/app/_components/admin/format";
import { Pagination } from "~/app/_components/admin/pagination";
import { SortableHeader } from "~/app/_components/admin/sortable-header";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { orderListInput, orderStatuses } from "./order-params";
import { OrderStatusCell } from "./order-status-cell";

type AdminOrder = RouterOutputs["admin"]["orders"]["list"]["items"][number];

const statusOptions = [
  { value: "", label: "All statuses" },
  ...orderStatuses.map((status) => ({ value: status, label: titleCase(status) })),
];

export function OrdersTable() {
  const [params, update] = useSearchState();
  const input = orderListInput(params);
  const list = api.admin.orders.list.useQuery(input, { placeholderData: keepPreviousData });
  const filtered = params.has("q") || params.has("status");

  const sort = { sort: input.sort, direction: input.direction };
  const header = (column: typeof input.sort, label: string, align: "left" | "right" = "left") => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      onSort={(next) => update({ sort: next.sort, dir: next.direction })}
      firstDirection={column === "status" ? "asc" : "desc"}
      align={align}
    />
  );

  return (
    <div className="grid gap-4">
      <FilterBar label="Filter orders">
        <SearchBox
          label="Search orders"
          placeholder="Order ID, its last characters, or customer email"
          value={params.get("q") ?? ""}
          onSearch={(q) => update({ q }, { replace: true })}
        />
        <SelectFilter
          label="Status"
          value={params.get("status") ?? ""}
          options={statusOptions}
          onChange={(status) => update({ status })}
        />
        {filtered && <ClearFilters onClear={() => update({ q: null, status: null })} />}
      </FilterBar>

      <DataTable caption="Orders" busy={list.isPlaceholderData}>
        <thead>
          <tr>
            <Th>Order</Th>
            <Th>Customer</Th>
            {header("createdAt", "Created")}
            {header("status", "Status")}
            {header("total", "Total", "right")}
            <Th className="text-right">Items</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={6}
          empty={
            filtered ? (
              <EmptyState title="No orders match">Check the order ID or email, or clear the filters.</EmptyState>
            ) : (
              <EmptyState title="No orders yet">Orders appear here as soon as customers check out.</EmptyState>
            )
          }
        >
          {(items) => items.map((order) => <OrderRow key={order.id} order={order} />)}
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="orders" onPage={(page) => update({ page })} />}
    </div>
  );
}

function OrderRow({ order }: { order: AdminOrder }) {
  const shortId = order.id.slice(-8);
  const quantity = order.itemCount;
  return (
    <Tr>
      <Td className="font-mono text-xs whitespace-nowrap" title={order.id}>
        <span className="sr-only">Order ID </span>…{shortId}
      </Td>
      <Td className="max-w-64">
        <p className="truncate">{order.customer.email}</p>
        {order.customer.name && <p className="truncate text-xs text-muted-foreground">{order.customer.name}</p>}
      </Td>
      <Td className="whitespace-nowrap text-muted-foreground">
        <time dateTime={order.createdAt.toISOString()}>{formatMoment(order.createdAt)}</time>
      </Td>
      <Td>
        <OrderStatusCell order={order} orderLabel={`order …${shortId}`} />
      </Td>
      <Td className="text-right font-medium whitespace-nowrap tabular-nums">{formatMoney(order.total)}</Td>
      <Td
        className="text-right whitespace-nowrap"
        title={order.items.map((i) => `${i.quantity} × ${i.productName}`).join("\n")}
      >
        {plural(quantity, "item")}
      </Td>
    </Tr>
  );
}
