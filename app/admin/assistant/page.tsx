import { BookOpen } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { Button } from "~/app/_components/ui/button";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { assistantReviewInput } from "./review-params";
import { ReviewList } from "./review-list";

export const metadata: Metadata = { title: "Assistant" };

export default async function AdminAssistantPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  await requireRolePage("STAFF", withQuery("/admin/assistant", record));
  void api.admin.assistant.list.prefetchInfinite(assistantReviewInput(toSearchParams(record)));

  return (
    <>
      <PageHeader
        title="Assistant"
        description="Questions the assistant could not answer, and answers shoppers rated down, with the help passages it found. Add what is missing to the knowledge base; a refused question that today's content answers shows as answered now."
        actions={
          <Button asChild variant="outline">
            <Link href="/admin/knowledge">
              <BookOpen aria-hidden /> Knowledge base
            </Link>
          </Button>
        }
      />
      <HydrateClient>
        <ReviewList />
      </HydrateClient>
    </>
  );
}
