import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { CategoriesTable } from "./categories-table";

export const metadata: Metadata = { title: "Categories" };

export default async function AdminCategoriesPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requireRolePage("STAFF", withQuery("/admin/categories", await searchParams));
  void api.admin.categories.list.prefetch();

  return (
    <>
      <PageHeader
        title="Categories"
        description="How the catalog is organised, with each category's product count and average price of active products."
      />
      <HydrateClient>
        <CategoriesTable />
      </HydrateClient>
    </>
  );
}
