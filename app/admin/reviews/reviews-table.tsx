"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ClearFilters, FilterBar, SearchBox, SelectFilter } from "~/app/_components/admin/filter-bar";
import { Pagination } from "~/app/_components/admin/pagination";
import { SortableHeader } from "~/app/_components/admin/sortable-header";
import { DataTable, Th } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { api } from "~/app/_trpc/react";
import { reviewListInput } from "./review-params";
import { ReviewRow } from "./review-row";

const visibilityOptions = [
  { value: "", label: "All reviews" },
  { value: "no", label: "Visible" },
  { value: "yes", label: "Hidden" },
];

export function ReviewsTable() {
  const [params, update] = useSearchState();
  const input = reviewListInput(params);
  const list = api.admin.reviews.list.useQuery(input, { placeholderData: keepPreviousData });
  const filtered = params.has("q") || params.has("hidden");

  const sort = { sort: input.sort, direction: input.direction };
  const header = (column: typeof input.sort, label: string) => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      onSort={(next) => update({ sort: next.sort, dir: next.direction })}
      firstDirection="desc"
    />
  );

  return (
    <div className="grid gap-4">
      <FilterBar label="Filter reviews">
        <SearchBox
          label="Search reviews"
          placeholder="Review title or product name"
          value={params.get("q") ?? ""}
          onSearch={(q) => update({ q }, { replace: true })}
        />
        <SelectFilter
          label="Visibility"
          value={params.get("hidden") ?? ""}
          options={visibilityOptions}
          onChange={(hidden) => update({ hidden })}
        />
        {filtered && <ClearFilters onClear={() => update({ q: null, hidden: null })} />}
      </FilterBar>

      <DataTable caption="Reviews" busy={list.isPlaceholderData}>
        <thead>
          <tr>
            <Th>Product</Th>
            <Th>Author</Th>
            {header("rating", "Rating")}
            <Th>Review</Th>
            {header("sentiment", "Sentiment")}
            {header("createdAt", "Written")}
            <Th>Visibility</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={7}
          empty={
            filtered ? (
              <EmptyState title="No reviews match">Try another search, or clear the filters.</EmptyState>
            ) : (
              <EmptyState title="No reviews yet">
                Reviews appear here once customers who bought a product write one.
              </EmptyState>
            )
          }
        >
          {(items) => items.map((review) => <ReviewRow key={review.id} review={review} />)}
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="reviews" onPage={(page) => update({ page })} />}
    </div>
  );
}
