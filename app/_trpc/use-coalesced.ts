"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Returns a function that runs `fn` at most once per `ms`: the first call runs at once, calls
 * within the window fold into one more run at its end. For live events that each mean "refetch":
 * a burst of them costs two requests, not one per event.
 */
export function useCoalesced(fn: () => void, ms: number) {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return useCallback(() => {
    if (timer.current) {
      pending.current = true;
      return;
    }
    latest.current();
    const tick = () => {
      if (!pending.current) return void (timer.current = null);
      pending.current = false;
      latest.current();
      timer.current = setTimeout(tick, ms);
    };
    timer.current = setTimeout(tick, ms);
  }, [ms]);
}
