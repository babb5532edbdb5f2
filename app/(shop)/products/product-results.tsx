"use client";

import { PackageSearch } from "lucide-react";
import { useCallback, useEffect, useRef } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { ProductCard } from "~/app/_components/catalog/product-card";
import { SelectField } from "~/app/_components/catalog/select";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { cn } from "~/app/_lib/cn";
import { SORTS, type CatalogFilters, type Sort } from "./catalog-filters";
import type { ProductsQuery } from "./use-products-query";

interface ProductResultsProps {
  query: ProductsQuery;
  filters: CatalogFilters;
  onSortChange: (sort: Sort) => void;
  onClearAll: () => void;
}

const gridClasses = "grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 xl:grid-cols-4";

export function ProductResults({ query, filters, onSortChange, onClearAll }: ProductResultsProps) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = Boolean(filters.q);
  const sort = query.data?.pages[0]?.sort ?? (filters.sort || (searching ? "relevance" : "newest"));
  // No product contained the words, so the server matched names that look alike (typos).
  const similarOnly = query.data?.pages[0]?.matchedBy === "similar";
  const stale = query.isPlaceholderData && query.isFetching;
  const loadMore = useAutoLoad(query.hasNextPage && !query.isFetchingNextPage && !query.isError, () => {
    void query.fetchNextPage();
  });
  const inputErrors = Object.keys(fieldErrorsOf(query.error)).length > 0;

  return (
    <section aria-labelledby="results-heading" className="grid min-w-0 content-start gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="results-heading" className="text-lg font-semibold">
            {!searching ? "All products" : similarOnly ? `Similar to “${filters.q}”` : `Results for “${filters.q}”`}
          </h2>
          {similarOnly && items.length > 0 && (
            <p className="text-sm text-muted-foreground">No exact matches; showing names that look alike.</p>
          )}
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {statusText(query, items.length)}
          </p>
        </div>
        <SelectField
          label="Sort by"
          className="w-full sm:w-52"
          value={sort}
          onChange={(event) => onSortChange(event.target.value as Sort)}
        >
          {SORTS.filter((s) => searching || s.value !== "relevance").map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>

      {query.isError && !query.data ? (
        inputErrors ? (
          <Alert tone="error" title="Some filters need attention.">
            Correct the highlighted fields, or clear the filters to see every product.
          </Alert>
        ) : (
          <div className="grid justify-items-start gap-3">
            <ApiErrorAlert error={query.error} className="w-full" />
            <Button variant="outline" onClick={() => void query.refetch()}>
              Try again
            </Button>
          </div>
        )
      ) : query.isPending ? (
        <ResultsSkeleton />
      ) : items.length === 0 ? (
        <EmptyResults q={filters.q} onClearAll={onClearAll} />
      ) : (
        <ul
          aria-label="Products"
          aria-busy={stale}
          className={cn(gridClasses, stale && "opacity-60 transition-opacity")}
        >
          {items.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} />
            </li>
          ))}
        </ul>
      )}

      {query.isFetchNextPageError && <ApiErrorAlert error={query.error} />}
      {query.hasNextPage && (
        // Never the scroll anchor: the browser would keep it in view as pages are added above it,
        // and it would load page after page on its own.
        <div ref={loadMore} className="grid justify-items-center pt-2 [overflow-anchor:none]">
          <Button variant="outline" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading more…" : query.isFetchNextPageError ? "Try again" : "Load more"}
          </Button>
        </div>
      )}
    </section>
  );
}

function statusText(query: ProductsQuery, count: number) {
  if (query.isPending) return "Loading products…";
  if (query.isError && !query.data) return "The products could not be loaded.";
  if (count === 0) return "No products found.";
  const noun = count === 1 ? "product" : "products";
  return query.hasNextPage ? `Showing the first ${count} ${noun}` : `${count} ${noun}`;
}

/**
 * Calls `load` when the element comes near the viewport (while `enabled`). Only on coming
 * into view: an element that stays in view after a page loaded waits for the next scroll, so a
 * tall screen never pulls the whole catalog in by itself.
 */
function useAutoLoad(enabled: boolean, load: () => void) {
  const latest = useRef({ enabled, load });
  useEffect(() => {
    latest.current = { enabled, load };
  });
  return useCallback((node: HTMLElement | null) => {
    if (!node || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && latest.current.enabled) latest.current.load();
      },
      { rootMargin: "400px 0px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
}

function ResultsSkeleton() {
  return (
    <ul aria-busy="true" aria-label="Loading products" className={gridClasses}>
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i} className="grid animate-pulse gap-3 rounded-xl border bg-card p-3">
          <div className="aspect-square rounded-lg bg-muted" />
          <div className="h-3 w-1/3 rounded bg-muted" />
          <div className="h-4 w-4/5 rounded bg-muted" />
          <div className="h-4 w-1/4 rounded bg-muted" />
        </li>
      ))}
    </ul>
  );
}

function EmptyResults({ q, onClearAll }: { q: string; onClearAll: () => void }) {
  return (
    <Card>
      <CardContent className="grid justify-items-center gap-3 py-12 text-center">
        <PackageSearch aria-hidden className="size-10 text-muted-foreground" />
        <h3 className="font-semibold">{q ? `No products match “${q}”` : "No products match these filters"}</h3>
        <p className="max-w-sm text-sm text-muted-foreground">
          Try fewer words, another spelling or a wider price range, or clear the filters to see everything.
        </p>
        <Button variant="outline" size="sm" onClick={onClearAll}>
          Clear filters
        </Button>
      </CardContent>
    </Card>
  );
}
