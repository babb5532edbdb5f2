"use client";

import { useEffect, useRef } from "react";

/**
 * Calls `mark` once per newest message while the page is visible (now, or when the tab comes back):
 * a reply read on screen is not mailed to the shopper, and does not stay unread for staff.
 */
export function useMarkSeen(newestId: string | null | undefined, mark: () => void) {
  const marked = useRef<string | null>(null);
  const latest = useRef(mark);
  useEffect(() => {
    latest.current = mark;
  });
  useEffect(() => {
    if (!newestId) return;
    const markIfVisible = () => {
      if (document.visibilityState !== "visible" || marked.current === newestId) return;
      marked.current = newestId;
      latest.current();
    };
    markIfVisible();
    document.addEventListener("visibilitychange", markIfVisible);
    return () => document.removeEventListener("visibilitychange", markIfVisible);
  }, [newestId]);
}
