"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { PageHeader } from "~/app/_components/admin/page-header";
import { Pagination } from "~/app/_components/admin/pagination";
import { SelectAllCheckbox, useRowSelection } from "~/app/_components/admin/row-selection";
import { SortableHeader } from "~/app/_components/admin/sortable-header";
import { DataTable, Th } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { api } from "~/app/_trpc/react";
import { BulkActions, bulkResultMessage } from "./bulk-actions";
import { NewProductDialog } from "./new-product-dialog";
import { ProductFilters, productFilterKeys } from "./product-filters";
import { productListInput } from "./product-params";
import { ProductRow, type ProductPatch } from "./product-row";

export function ProductsTable() {
  const [params, update] = useSearchState();
  const input = productListInput(params);
  const utils = api.useUtils();
  const list = api.admin.products.list.useQuery(input, { placeholderData: keepPreviousData });
  const categories = api.admin.categories.list.useQuery();
  const selection = useRowSelection(JSON.stringify(input));
  const [notice, setNotice] = useState<string | null>(null);

  const updateProduct = api.admin.products.update.useMutation();
  const bulk = api.admin.products.bulkSetActive.useMutation({
    onSuccess: (result, { active }) => {
      setNotice(bulkResultMessage(result, active));
      selection.clear();
      void utils.admin.invalidate();
    },
  });

  /** One inline edit: the row shows the saved product at once, then every admin view refreshes. */
  async function save(patch: ProductPatch) {
    const saved = await updateProduct.mutateAsync(patch);
    utils.admin.products.list.setData(
      input,
      (page) => page && { ...page, items: page.items.map((p) => (p.id === saved.id ? saved : p)) },
    );
    void utils.admin.invalidate();
  }

  const items = list.data?.items ?? [];
  const sort = { sort: input.sort, direction: input.direction };
  const onSort = (next: typeof sort) => update({ sort: next.sort, dir: next.direction });
  const header = (column: typeof input.sort, label: string, numeric = false) => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      onSort={onSort}
      firstDirection={numeric ? "desc" : "asc"}
    />
  );

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Products"
        description="Everything in the catalog. Click a price or a stock level to change it; Enter saves, Escape cancels."
        actions={
          <NewProductDialog
            categories={categories.data ?? []}
            onCreated={(product) => {
              setNotice(`“${product.name}” is created; it is the first row while the table shows newest first.`);
              update({ ...Object.fromEntries(productFilterKeys.map((key) => [key, null])), sort: null, dir: null });
            }}
          />
        }
      />
      <ProductFilters params={params} update={update} categories={categories.data ?? []} />

      {notice && (
        <Alert tone="success" className="items-center">
          <div className="flex flex-wrap items-center justify-between gap-2">
            {notice}
            <Button variant="ghost" size="sm" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          </div>
        </Alert>
      )}
      {bulk.error && <ApiErrorAlert error={bulk.error} />}
      <BulkActions
        count={selection.ids.size}
        pending={bulk.isPending}
        onSetActive={(active) => bulk.mutate({ ids: [...selection.ids], active })}
        onClear={selection.clear}
      />

      <DataTable caption="Products" busy={list.isPlaceholderData}>
        <thead>
          <tr>
            <Th className="w-10">
              <SelectAllCheckbox selection={selection} pageIds={items.map((p) => p.id)} />
            </Th>
            {header("name", "Name")}
            {header("category", "Category")}
            {header("price", "Price", true)}
            {header("stock", "Stock", true)}
            {header("active", "Active", true)}
            {header("createdAt", "Created", true)}
            <Th>Updated</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={8}
          empty={
            productFilterKeys.some((key) => params.has(key)) ? (
              <EmptyState title="No products match these filters">
                Try another search, or clear the filters to see every product.
              </EmptyState>
            ) : (
              <EmptyState title="No products yet">Add the first one with “New product”.</EmptyState>
            )
          }
        >
          {(rows) => rows.map((p) => <ProductRow key={p.id} product={p} selection={selection} onSave={save} />)}
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="products" onPage={(page) => update({ page })} />}
    </div>
  );
}
