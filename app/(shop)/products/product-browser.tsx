"use client";

import { useCallback, useMemo } from "react";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { listInputOf, NO_FILTERS } from "./catalog-filters";
import { FiltersPanel, type CategoryOption } from "./filters-panel";
import { ProductResults } from "./product-results";
import { SearchBox } from "./search-box";
import { useCatalogUrl } from "./use-catalog-url";
import { useProductsQuery } from "./use-products-query";

/** Search, filters and results, all driven by the URL. */
export function ProductBrowser({ categories }: { categories: CategoryOption[] }) {
  const { filters, navigate } = useCatalogUrl();
  const input = useMemo(() => listInputOf(filters), [filters]);
  const query = useProductsQuery(input);
  const fieldErrors = fieldErrorsOf(query.error);
  const onSearch = useCallback((q: string, mode: "push" | "replace") => navigate({ q }, mode), [navigate]);

  return (
    <div className="grid gap-6">
      <SearchBox value={filters.q} errors={fieldErrors.q} onSearch={onSearch} />
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start">
        <FiltersPanel filters={filters} categories={categories} fieldErrors={fieldErrors} onChange={navigate} />
        <ProductResults
          query={query}
          filters={filters}
          onSortChange={(sort) => navigate({ sort })}
          onClearAll={() => navigate({ ...NO_FILTERS, sort: filters.sort === "relevance" ? "" : filters.sort })}
        />
      </div>
    </div>
  );
}
