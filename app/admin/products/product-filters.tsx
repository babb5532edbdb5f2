"use client";

import { ClearFilters, DateFilter, FilterBar, SearchBox, SelectFilter } from "~/app/_components/admin/filter-bar";
import type { useSearchState } from "~/app/_components/admin/use-search-state";
import type { RouterOutputs } from "~/app/_trpc/react";

type SearchState = ReturnType<typeof useSearchState>;
type Category = RouterOutputs["admin"]["categories"]["list"][number];

export const productFilterKeys = ["q", "active", "category", "from", "to"] as const;

const statusOptions = [
  { value: "", label: "All" },
  { value: "yes", label: "Active" },
  { value: "no", label: "Inactive" },
];

interface ProductFiltersProps {
  params: SearchState[0];
  update: SearchState[1];
  categories: Category[];
}

export function ProductFilters({ params, update, categories }: ProductFiltersProps) {
  const value = (key: (typeof productFilterKeys)[number]) => params.get(key) ?? "";
  const filtered = productFilterKeys.some((key) => params.has(key));
  const categoryOptions = [
    { value: "", label: "All categories" },
    ...categories.map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <FilterBar label="Filter products">
      <SearchBox
        label="Search products"
        placeholder="Name, slug or ID"
        value={value("q")}
        onSearch={(q) => update({ q }, { replace: true })}
      />
      <SelectFilter
        label="Status"
        value={value("active")}
        options={statusOptions}
        onChange={(active) => update({ active })}
      />
      <SelectFilter
        label="Category"
        value={value("category")}
        options={categoryOptions}
        onChange={(category) => update({ category })}
      />
      <DateFilter
        label="Created from"
        value={value("from")}
        max={value("to") || undefined}
        onChange={(from) => update({ from })}
      />
      <DateFilter
        label="Created to"
        value={value("to")}
        min={value("from") || undefined}
        onChange={(to) => update({ to })}
      />
      {filtered && (
        <ClearFilters onClear={() => update(Object.fromEntries(productFilterKeys.map((key) => [key, null])))} />
      )}
    </FilterBar>
  );
}
