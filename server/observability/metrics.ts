import client from "prom-client";

/**
 * Prometheus metrics of this process (GET /api/metrics): tRPC calls by procedure and outcome,
 * their latency, jobs run, and — read at scrape time — queue depth and oldest waiting job per
 * pg-boss queue and the database pool. One registry per process on globalThis: Next's bundle and
 * the self-hosted fast path hold separate copies of this module but must count into one.
 */

export interface ScrapeSources {
  queues: () => Promise<{ queue: string; queued: number; active: number; oldestQueuedSeconds: number }[]>;
  pool: () => { total: number; idle: number; waiting: number } | null;
}

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let sources: ScrapeSources | undefined;
  const metrics = {
    registry,
    setSources: (s: ScrapeSources) => void (sources = s),
    procedureCalls: new client.Counter({
      name: "shopwise_trpc_requests_total",
      help: "tRPC procedure calls by procedure, type and outcome (OK or the tRPC error code).",
      labelNames: ["procedure", "type", "status"],
      registers,
    }),
    procedureErrors: new client.Counter({
      name: "shopwise_trpc_errors_total",
      help: "tRPC procedure calls that failed, by procedure and tRPC error code.",
      labelNames: ["procedure", "code"],
      registers,
    }),
    procedureSeconds: new client.Histogram({
      name: "shopwise_trpc_request_duration_seconds",
      help: "tRPC procedure call duration in seconds, by procedure and outcome.",
      labelNames: ["procedure", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobRuns: new client.Counter({
      name: "shopwise_jobs_total",
      help: "Jobs this process ran, by queue and outcome (completed, failed).",
      labelNames: ["queue", "status"],
      registers,
    }),
  };
  // The three queue gauges share one query per scrape: prom-client collects them concurrently.
  type Queues = Awaited<ReturnType<ScrapeSources["queues"]>>;
  let queuesInFlight: Promise<Queues> | undefined;
  const queuesOnce = () =>
    (queuesInFlight ??= (sources?.queues() ?? Promise.resolve([])).finally(() => (queuesInFlight = undefined)));
  const queueGauge = (name: string, help: string, pick: (q: Queues[number]) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ["queue"],
      registers,
      async collect() {
        this.reset();
        for (const q of await queuesOnce()) this.set({ queue: q.queue }, pick(q));
      },
    });
  queueGauge("shopwise_job_queue_depth", "Jobs waiting to run (created or retry), per queue.", (q) => q.queued);
  queueGauge("shopwise_job_queue_active", "Jobs running now, per queue.", (q) => q.active);
  queueGauge(
    "shopwise_job_queue_oldest_age_seconds",
    "Age of the oldest waiting job, per queue (0 when none waits).",
    (q) => q.oldestQueuedSeconds,
  );
  new client.Gauge({
    name: "shopwise_db_pool_connections",
    help: "This process's database pool: total, idle, and queries waiting for a connection.",
    labelNames: ["state"],
    registers,
    collect() {
      const pool = sources?.pool();
      if (!pool) return;
      for (const state of ["total", "idle", "waiting"] as const) this.set({ state }, pool[state]);
    },
  });
  return metrics;
}

const global = globalThis as unknown as { shopwiseMetrics?: ReturnType<typeof createMetrics> };

export function getMetrics() {
  return (global.shopwiseMetrics ??= createMetrics());
}

export function recordProcedureCall(call: { procedure: string; type: string; status: string; seconds: number }) {
  const m = getMetrics();
  m.procedureCalls.inc({ procedure: call.procedure, type: call.type, status: call.status });
  m.procedureSeconds.observe({ procedure: call.procedure, status: call.status }, call.seconds);
  if (call.status !== "OK") m.procedureErrors.inc({ procedure: call.procedure, code: call.status });
}

export function recordJobRun(queue: string, status: "completed" | "failed") {
  getMetrics().jobRuns.inc({ queue, status });
}
