import "server-only";
import { getLogger } from "../observability/logger";
import { ensureQueue, getBoss, runJob, stopBoss } from "./queue";
import { jobs } from "./registry";

/** Starts a worker for every registered job (in-process in dev, or in `npm run worker`). */
export async function startWorkers(options: { concurrency?: number } = {}) {
  const boss = await getBoss();
  for (const job of jobs) {
    await ensureQueue(boss, job);
    // pg-boss keeps one schedule per queue in the database, so every process may (re)declare it.
    if (job.schedule) await boss.schedule(job.name, job.schedule, { payload: {} }, { tz: "UTC" });
    await boss.work(
      job.name,
      { includeMetadata: true, batchSize: 1, localConcurrency: options.concurrency ?? 2, pollingIntervalSeconds: 1 },
      async ([raw]) => {
        if (raw) await runJob(job, raw);
      },
    );
  }
  getLogger().info({ queues: jobs.map((j) => j.name) }, "job workers started");
}

/** Waits for running jobs to finish (bounded), then closes the queue's connections. */
export async function stopWorkers(timeoutMs = 30_000) {
  await stopBoss(timeoutMs);
  getLogger().info("job workers stopped");
}
