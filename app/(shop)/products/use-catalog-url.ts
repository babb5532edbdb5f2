"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { filtersFrom, searchOf, type CatalogFilters } from "./catalog-filters";

/**
 * The filters in the URL, and a way to change them. Changes go through the History API, which
 * Next's router follows (useSearchParams updates) without asking the server to render again:
 * the results come from the client's query. The router applies the new URL in a transition, so
 * the change is also kept locally until it does; controls never flick back to the old value.
 */
export function useCatalogUrl() {
  const params = useSearchParams();
  const fromUrl = useMemo(() => filtersFrom(params), [params]);
  const [pending, setPending] = useState<CatalogFilters | null>(null);
  const [seenParams, setSeenParams] = useState(params);
  if (seenParams !== params) {
    setSeenParams(params);
    setPending(null);
  }

  const navigate = useCallback((change: Partial<CatalogFilters>, mode: "push" | "replace" = "push") => {
    const { pathname, search } = window.location;
    const next = { ...filtersFrom(new URLSearchParams(search)), ...change };
    const url = `${pathname}${searchOf(next)}`;
    if (url === `${pathname}${search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
    setPending(next);
  }, []);

  return { filters: pending ?? fromUrl, navigate };
}

/**
 * A field's own state that follows the URL when the URL changes from elsewhere (back button,
 * "Clear filters"), while typing stays local until the field is applied.
 */
export function useUrlField(urlValue: string) {
  const [value, setValue] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  if (seen !== urlValue) {
    setSeen(urlValue);
    setValue(urlValue);
  }
  return [value, setValue] as const;
}
