"use client";

import { useEffect, useRef, useState } from "react";

/** Tries before the shopper is shown the error (each waits for the browser to be online). */
const MAX_ATTEMPTS = 5;

/** How browsers word a connection that dropped (Chromium, Firefox: "fetch"/"network"; Safari: "Load failed"). */
export const isConnectionDrop = (error: Error | undefined) =>
  error instanceof TypeError && /fetch|network|load failed/i.test(error.message);

/**
 * After the connection drops mid-answer, picks the answer up again from the server, which kept
 * writing it (ADR 015): as soon as the browser is back online, retrying a few times with a
 * growing pause. The replay rebuilds the answer from its start, so nothing is shown twice.
 * Only once the answer had begun (`answering`): a question that never reached the server has
 * nothing to resume, and the shopper is told to try again. Returns whether it is still trying
 * (the page says "reconnecting" instead of an error).
 */
export function useResumeAfterDrop(
  error: Error | undefined,
  answering: boolean,
  resumeStream: () => Promise<void>,
): boolean {
  const attempts = useRef(0);
  const [abandoned, setAbandoned] = useState<Error>();
  const dropped = answering && isConnectionDrop(error);

  useEffect(() => {
    if (!error) attempts.current = 0;
    if (!dropped) return;
    const resume = () => {
      if (attempts.current >= MAX_ATTEMPTS) return setAbandoned(error);
      attempts.current += 1;
      void resumeStream();
    };
    const pause = 500 * 2 ** attempts.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const whenOnline = () => (timer = setTimeout(resume, pause));
    if (navigator.onLine) whenOnline();
    else window.addEventListener("online", whenOnline, { once: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", whenOnline);
    };
  }, [error, dropped, resumeStream]);

  return dropped && error !== abandoned;
}
