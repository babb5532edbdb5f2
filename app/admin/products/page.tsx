import type { Metadata } from "next";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { productListInput } from "./product-params";
import { ProductsTable } from "./products-table";

export const metadata: Metadata = { title: "Products" };

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  await requireRolePage("STAFF", withQuery("/admin/products", record));
  void api.admin.products.list.prefetch(productListInput(toSearchParams(record)));
  void api.admin.categories.list.prefetch();

  // The table renders the page's heading too: its "New product" action belongs to the table.
  return (
    <HydrateClient>
      <ProductsTable />
    </HydrateClient>
  );
}
