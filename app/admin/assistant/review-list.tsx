"use client";

import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { LoadMore } from "~/app/_components/load-more";
import { FilterBar, SelectFilter } from "~/app/_components/admin/filter-bar";
import { EmptyState } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { api } from "~/app/_trpc/react";
import { assistantReviewInput } from "./review-params";
import { ReviewItem } from "./review-item";

const filterOptions = [
  { value: "", label: "Refused or rated down" },
  { value: "refused", label: "Refused" },
  { value: "rated-down", label: "Rated down" },
];

/** The answers to review, newest first, a page at a time. */
export function ReviewList() {
  const [params, update] = useSearchState();
  const input = assistantReviewInput(params);
  const list = api.admin.assistant.list.useInfiniteQuery(input, { getNextPageParam: (last) => last.nextCursor });
  const items = list.data?.pages.flatMap((page) => page.items);

  return (
    <div className="grid gap-4">
      <FilterBar label="Filter answers">
        <SelectFilter
          label="Show"
          value={input.filter === "all" ? "" : input.filter}
          options={filterOptions}
          onChange={(filter) => update({ filter })}
        />
      </FilterBar>
      {list.isError && !items && <ApiErrorAlert error={list.error} />}
      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading answers" className="h-40 animate-pulse rounded-xl bg-muted" />
      ) : items?.length ? (
        <ol aria-label="Answers to review" aria-busy={list.isFetching || undefined} className="grid gap-3">
          {items.map((item) => (
            <ReviewItem key={item.id} item={item} />
          ))}
        </ol>
      ) : (
        items && (
          <div className="rounded-xl border bg-card px-3 py-10">
            <EmptyState title="Nothing to review">
              Refused questions and answers shoppers rate down will appear here.
            </EmptyState>
          </div>
        )
      )}
      <LoadMore pages={list} />
    </div>
  );
}
