"use client";

import { useEffect, useRef } from "react";
import { api } from "~/app/_trpc/react";

/** Refetches at most this often however busy the queues are. */
const REFETCH_MS = 1_000;

/**
 * Keeps the jobs console's queries fresh while the page is open, without polling: every event
 * of the `jobs` topic (a queue changed; `queue` limits it to one queue and its dead letters)
 * and every reconnect (the server sends `resync`) refetch what the page shows, throttled.
 */
export function useJobsLive(queue?: string) {
  const utils = api.useUtils();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetch = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void utils.jobs.invalidate();
    }, REFETCH_MS);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const subscription = api.jobs.live.useSubscription(
    {},
    {
      onData: ({ data: message }) => {
        const base = queue?.replace(/\.dead$/, "");
        if ("resync" in message || !base) return refetch();
        if (message.topic === "jobs" && message.data.queue.replace(/\.dead$/, "") === base) refetch();
      },
    },
  );
  // "pending": connected, waiting for events. (The hook re-renders only for fields read on every render.)
  return subscription.status === "pending" ? "live" : "connecting";
}
