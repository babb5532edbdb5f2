"use client";

import { keepPreviousData } from "@tanstack/react-query";
import type { ApiError } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import type { ProductListInput } from "./catalog-filters";

/** Retry only what may pass next time: network failures and our own errors, not bad input. */
export function retryTransient(failures: number, error: ApiError) {
  return failures < 2 && (!error.data || error.data.httpStatus >= 500);
}

/** The catalog list for these filters, a page at a time; old results stay while new ones load. */
export function useProductsQuery(input: ProductListInput) {
  return api.catalog.products.useInfiniteQuery(input, {
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry: retryTransient,
  });
}

export type ProductsQuery = ReturnType<typeof useProductsQuery>;
