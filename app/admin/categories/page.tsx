import type { Metadata } from "next";
import { withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { CategoriesTable } from "./categories-table";

export const metadata: Metadata = { title: "Categories" };

export default async function AdminCategoriesPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requireRolePage("STAFF", withQuery("/admin/categories", await searchParams));
  void api.admin.categories.list.prefetch();

  // The table renders the page's heading too: its "New category" action belongs to the table.
  return (
    <HydrateClient>
      <CategoriesTable />
    </HydrateClient>
  );
}
