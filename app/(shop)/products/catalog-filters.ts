import type { RouterInputs } from "~/app/_trpc/react";

/**
 * The catalog's state lives in the URL (shareable, and the back button works). One parser for
 * the server page and the browser, so both ask the API the very same question.
 */

export const PAGE_SIZE = 24;

export const SORTS = [
  { value: "relevance", label: "Relevance" },
  { value: "newest", label: "Newest" },
  { value: "price-asc", label: "Price: low to high" },
  { value: "price-desc", label: "Price: high to low" },
] as const;
export type Sort = (typeof SORTS)[number]["value"];

export interface CatalogFilters {
  q: string;
  category: string;
  minPrice: string;
  maxPrice: string;
  inStock: boolean;
  /** "" = the API's default: relevance when searching, newest otherwise. */
  sort: Sort | "";
}

export const NO_FILTERS: CatalogFilters = { q: "", category: "", minPrice: "", maxPrice: "", inStock: false, sort: "" };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function filtersFrom(params: Params): CatalogFilters {
  const sort = param(params, "sort");
  return {
    q: param(params, "q").slice(0, 200),
    category: param(params, "category"),
    minPrice: param(params, "minPrice"),
    maxPrice: param(params, "maxPrice"),
    inStock: param(params, "inStock") === "1",
    sort: SORTS.some((s) => s.value === sort) ? (sort as Sort) : "",
  };
}

/** "?q=lamp&inStock=1", or "" without filters; the order of keys is fixed. */
export function searchOf(filters: CatalogFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.category) params.set("category", filters.category);
  if (filters.minPrice.trim()) params.set("minPrice", filters.minPrice.trim());
  if (filters.maxPrice.trim()) params.set("maxPrice", filters.maxPrice.trim());
  if (filters.inStock) params.set("inStock", "1");
  if (filters.sort) params.set("sort", filters.sort);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** Filters narrowing the list (search and sort are not counted). */
export function activeFilterCount(filters: CatalogFilters): number {
  return [filters.category, filters.minPrice, filters.maxPrice, filters.inStock].filter(Boolean).length;
}

export type ProductListInput = Omit<RouterInputs["catalog"]["products"], "cursor" | "direction">;

/** The API input; values are passed as typed so the API's own messages explain bad ones. */
export function listInputOf(filters: CatalogFilters): ProductListInput {
  return {
    limit: PAGE_SIZE,
    ...(filters.q && { q: filters.q }),
    ...(filters.category && { categorySlug: filters.category }),
    ...(filters.minPrice && { minPrice: filters.minPrice }),
    ...(filters.maxPrice && { maxPrice: filters.maxPrice }),
    ...(filters.inStock && { inStock: true }),
    ...(filters.sort && { sort: filters.sort }),
  };
}
