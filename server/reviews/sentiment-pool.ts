import "server-only";
import os from "node:os";
import { Piscina } from "piscina";

/**
 * Sentiment scoring in a worker-thread pool, so a burst of long reviews never blocks the event
 * loop that serves requests and other jobs. One pool per process, created on first use.
 */
let pool: Piscina<string, number> | undefined;

function sentimentPool() {
  pool ??= new Piscina<string, number>({
    // Resolved at run time, not by a bundler: only job workers (plain Node) ever load it. From
    // source (tsx, Vitest) it is the .ts beside this file; `npm run build` bundles it beside the
    // chunk this module lands in (server/build.ts).
    filename: new URL(
      import.meta.url.endsWith(".ts") ? "./sentiment-worker.ts" : "./sentiment-worker.mjs",
      import.meta.url,
    ).href,
    maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
    idleTimeout: 30_000,
  });
  return pool;
}

/** -1 (negative) … 1 (positive). */
export function scoreSentiment(text: string): Promise<number> {
  return sentimentPool().run(text);
}

export async function closeSentimentPool() {
  await pool?.destroy();
  pool = undefined;
}
