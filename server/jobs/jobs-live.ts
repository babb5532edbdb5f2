import "server-only";
import { getLogger } from "../observability/logger";
import { raiseLive, streamLive } from "../realtime/live";

/**
 * The jobs console's live feed: "something changed in queue X" (topic `jobs`, not durable: a
 * console that reconnects refetches). A busy queue runs hundreds of jobs a second, so each process
 * sends at most one event per queue per THROTTLE_MS; the change that arrives meanwhile is folded
 * into one trailing event, so the last state is always announced.
 */
const THROTTLE_MS = 1_000;
/**
 * A worker's batch is settled by pg-boss after its handler returns: an event sent at once would
 * make the console refetch a job still marked active. This short delay lets the settle land first.
 */
const SETTLE_MS = 300;

const queues = new Map<string, { lastSent: number; timer: NodeJS.Timeout | null }>();

export function announceJobChange(queue: string) {
  let entry = queues.get(queue);
  if (!entry) queues.set(queue, (entry = { lastSent: 0, timer: null }));
  if (entry.timer) return; // an event for this queue is already due and will cover this change
  const due = Math.max(Date.now() + SETTLE_MS, entry.lastSent + THROTTLE_MS);
  const current = entry;
  current.timer = setTimeout(() => {
    current.timer = null;
    current.lastSent = Date.now();
    // raiseLive logs a bus failure itself; a bad name must not fail the job that announced it.
    raiseLive("jobs", "", { queue }).catch((err: unknown) => getLogger().warn({ err, queue }, "job event not raised"));
  }, due - Date.now());
  current.timer.unref();
}

/** The console's stream: every queue's changes, resumed (with a refetch) after a reconnect. */
export function streamJobEvents(options: { lastEventId?: string | null; signal?: AbortSignal }) {
  return streamLive([{ topic: "jobs", key: "" }], options);
}
