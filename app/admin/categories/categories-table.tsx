"use client";

import { useState } from "react";
import { formatCount, formatMoney } from "~/app/_components/admin/format";
import { PageHeader } from "~/app/_components/admin/page-header";
import { readSort } from "~/app/_components/admin/search-params";
import { SortableHeader } from "~/app/_components/admin/sortable-header";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { Alert } from "~/app/_components/ui/alert";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { CategoryDialog } from "./category-dialog";

type Category = RouterOutputs["admin"]["categories"]["list"][number];
const sorts = ["name", "slug", "productCount", "activeCount", "averagePrice"] as const;
type SortColumn = (typeof sorts)[number];

/** Every category is one short list, so it is sorted here rather than by the server. */
function compare(a: Category, b: Category, column: SortColumn) {
  if (column === "name" || column === "slug") return a[column].localeCompare(b[column]);
  if (column === "averagePrice") return Number(a.averagePrice ?? -1) - Number(b.averagePrice ?? -1);
  return a[column] - b[column];
}

export function CategoriesTable() {
  const [params, update] = useSearchState();
  const sort = readSort(params, sorts, { sort: "name", direction: "asc" });
  const categories = api.admin.categories.list.useQuery();
  const [notice, setNotice] = useState<string | null>(null);
  const sorted = categories.data && {
    items: [...categories.data].sort((a, b) => compare(a, b, sort.sort) * (sort.direction === "asc" ? 1 : -1)),
  };

  const header = (column: SortColumn, label: string, numeric = false) => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      onSort={(next) => update({ sort: next.sort, dir: next.direction })}
      firstDirection={numeric ? "desc" : "asc"}
      align={numeric ? "right" : "left"}
    />
  );

  return (
    <div className="grid gap-4">
      <PageHeader
        title="Categories"
        description="How the catalog is organised, with each category's product count and average price of active products."
        actions={<CategoryDialog onSaved={(name) => setNotice(`“${name}” is created.`)} />}
      />
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {categories.data ? `${formatCount(categories.data.length)} categories` : "Loading categories…"}
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <DataTable caption="Categories" busy={categories.isFetching && !categories.isPending}>
        <thead>
          <tr>
            {header("name", "Name")}
            {header("slug", "Slug")}
            {header("productCount", "Products", true)}
            {header("activeCount", "Active", true)}
            {header("averagePrice", "Average price", true)}
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <TableBody
          query={{
            data: sorted,
            isPending: categories.isPending,
            error: categories.error,
            refetch: categories.refetch,
          }}
          columns={6}
          empty={<EmptyState title="No categories yet">Create the first one with “New category”.</EmptyState>}
        >
          {(items) =>
            items.map((category) => (
              <Tr key={category.id}>
                <Td className="font-medium">{category.name}</Td>
                <Td className="text-muted-foreground">{category.slug}</Td>
                <Td className="text-right tabular-nums">{formatCount(category.productCount)}</Td>
                <Td className="text-right tabular-nums">{formatCount(category.activeCount)}</Td>
                <Td className="text-right tabular-nums">
                  {category.averagePrice ? (
                    formatMoney(category.averagePrice)
                  ) : (
                    <span className="text-muted-foreground">No active products</span>
                  )}
                </Td>
                <Td className="text-right">
                  <CategoryDialog category={category} onSaved={(name) => setNotice(`“${name}” is saved.`)} />
                </Td>
              </Tr>
            ))
          }
        </TableBody>
      </DataTable>
    </div>
  );
}
