"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

type Patch = Record<string, string | number | null | undefined>;

/**
 * A table's state in the URL (shareable, survives a reload, Back steps through it). Updates use
 * the History API, which Next's router observes: the table re-reads its params without a server
 * round trip. Any change other than the page itself starts again at page 1.
 */
export function useSearchState() {
  const params = useSearchParams();
  const pathname = usePathname();

  const update = useCallback(
    (patch: Patch, { replace = false }: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      if (!("page" in patch) || patch.page === 1) next.delete("page");
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  return [params, update] as const;
}
