import "server-only";
import type { JobResult, JobWithMetadata } from "pg-boss";
import type { z } from "zod";
import { getEnv } from "../env";
import { getLogger } from "../observability/logger";
import { declareSchedule } from "./job-schedules";
import { ensureQueue, failureOutput, getBoss, runJob, stopBoss, type JobDefinition } from "./queue";
import { jobs } from "./registry";

/** How one queue is worked in this process: jobs at once, and jobs per fetch. */
export function workPlan(job: Pick<JobDefinition<z.ZodType>, "name" | "concurrency">, cap = Infinity) {
  const env = getEnv();
  // An explicit JOBS_CONCURRENCY wins over the caller's cap, which only bounds the defaults.
  const concurrency = env.JOBS_CONCURRENCY?.[job.name] ?? Math.min(cap, job.concurrency ?? 1);
  const batchSize = Math.min(env.JOBS_BATCH_SIZE, concurrency);
  // Each pg-boss worker loop fetches one batch and runs its jobs side by side.
  return { concurrency, batchSize, loops: Math.ceil(concurrency / batchSize) };
}

/** pg-boss options for a plan: batches whose jobs are settled one by one (see runBatch). */
export function workOptions(plan: ReturnType<typeof workPlan>) {
  return {
    includeMetadata: true,
    perJobResults: true,
    batchSize: plan.batchSize,
    localConcurrency: plan.loops,
    pollingIntervalSeconds: 1,
    // A full batch means a backlog: fetch the next one at once instead of after the poll.
    burstWhenBatchFull: plan.batchSize > 1,
  } as const;
}

/**
 * Runs a fetched batch side by side and settles each job on its own: one job that throws is
 * failed (and retried) alone, its neighbours complete. A throwing batch handler would fail all.
 */
export async function runBatch(job: JobDefinition<z.ZodType>, batch: JobWithMetadata<unknown>[]) {
  return Promise.all(
    batch.map(async (raw): Promise<JobResult> => {
      try {
        await runJob(job, raw);
        return { id: raw.id, status: "completed" };
      } catch (error) {
        return { id: raw.id, status: "failed", output: failureOutput(error) };
      }
    }),
  );
}

/**
 * Starts a worker for every registered job (in-process in dev, or in `npm run worker`).
 * `concurrency` caps every queue's default (the web server's in-process workers, tests).
 */
export async function startWorkers(options: { concurrency?: number } = {}) {
  const unknown = Object.keys(getEnv().JOBS_CONCURRENCY ?? {}).filter((q) => !jobs.some((j) => j.name === q));
  if (unknown.length) throw new Error(`JOBS_CONCURRENCY names unknown queues: ${unknown.join(", ")}`);
  const boss = await getBoss();
  const plans: Record<string, ReturnType<typeof workPlan>> = {};
  for (const job of jobs) {
    await ensureQueue(boss, job);
    // pg-boss keeps one schedule per queue in the database, so every process may (re)declare it,
    // except one an admin paused in the jobs console (./job-schedules.ts).
    if (job.schedule) await declareSchedule(boss, { ...job, schedule: job.schedule });
    const plan = (plans[job.name] = workPlan(job, options.concurrency));
    await boss.work(job.name, workOptions(plan), (batch) => runBatch(job, batch));
  }
  getLogger().info({ queues: plans }, "job workers started");
}

/** Waits for running jobs (bounded); jobs still running then are failed for a retry elsewhere. */
export async function stopWorkers(timeoutMs = 30_000) {
  await stopBoss(timeoutMs);
  getLogger().info("job workers stopped");
}
