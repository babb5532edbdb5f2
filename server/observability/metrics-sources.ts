import "server-only";
import { databasePoolStats, db } from "../db/client";
import { getLogger } from "./logger";
import { getMetrics } from "./metrics";

/**
 * What the metrics read at scrape time: per pg-boss queue (dead-letter queues included) the jobs
 * waiting, running, and the age of the oldest waiting one — from pgboss.job itself, so every
 * process reports the same numbers whoever enqueued them — and this process's pool.
 */
async function queueStats() {
  try {
    const rows = await db.$queryRaw<{ queue: string; queued: number; active: number; oldest: number }[]>`
      SELECT q.name AS queue,
             count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS queued,
             count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
             COALESCE(EXTRACT(EPOCH FROM now() - min(j.created_on) FILTER (WHERE j.state IN ('created', 'retry'))), 0)::float8 AS oldest
        FROM pgboss.queue q
        LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active')
       GROUP BY q.name
       ORDER BY q.name`;
    return rows.map((r) => ({ queue: r.queue, queued: r.queued, active: r.active, oldestQueuedSeconds: r.oldest }));
  } catch (error) {
    // The rest of the scrape still answers; the queue gauges are missing until the database is back.
    getLogger().warn({ err: error }, "metrics: could not read the job queues");
    return [];
  }
}

/** The Prometheus text exposition of this process's metrics. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const metrics = getMetrics();
  metrics.setSources({ queues: queueStats, pool: databasePoolStats });
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
