import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { reviewListInput } from "./review-params";
import { ReviewsTable } from "./reviews-table";

export const metadata: Metadata = { title: "Reviews" };

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  await requireRolePage("STAFF", withQuery("/admin/reviews", record));
  void api.admin.reviews.list.prefetch(reviewListInput(toSearchParams(record)));

  return (
    <>
      <PageHeader
        title="Reviews"
        description="What customers wrote. Hidden reviews stay stored but leave the product page and its rating."
      />
      <HydrateClient>
        <ReviewsTable />
      </HydrateClient>
    </>
  );
}
