"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { retryTransient } from "~/app/_components/catalog/retry";
import { api } from "~/app/_trpc/react";
import type { ProductListInput } from "./catalog-filters";

/** The catalog list for these filters, a page at a time; old results stay while new ones load. */
export function useProductsQuery(input: ProductListInput) {
  return api.catalog.products.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry: retryTransient,
  });
}

export type ProductsQuery = ReturnType<typeof useProductsQuery>;
