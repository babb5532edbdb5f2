"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** True once running in the browser (false during server render and hydration). */
export function useHydrated() {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

interface LocalTimeProps {
  value: Date;
  options?: Intl.DateTimeFormatOptions;
}

/**
 * A time in the reader's own zone. The server does not know that zone, so the server render
 * (and hydration) shows UTC, and the browser switches to local time right after.
 */
export function LocalTime({ value, options = { dateStyle: "medium", timeStyle: "short" } }: LocalTimeProps) {
  const hydrated = useHydrated();
  const text = new Intl.DateTimeFormat("en-US", hydrated ? options : { ...options, timeZone: "UTC" }).format(value);
  return (
    <time dateTime={value.toISOString()}>
      {text}
      {!hydrated && options.timeStyle && " UTC"}
    </time>
  );
}
