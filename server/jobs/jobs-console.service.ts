import "server-only";
import type { JobWithMetadata } from "pg-boss";
import { ADMIN_PAGE_SIZE, pageOf } from "../admin/admin.schemas";
import { NotFoundError } from "../errors";
import type { UserCtx } from "../users/users.service";
import {
  CANCELLABLE_STATES,
  DEAD_LETTER_SUFFIX,
  JOB_STATES,
  type JobRefInput,
  type JobState,
  type ListJobsInput,
} from "./jobs-console.schemas";
import { BUCKET_SECONDS, jobPage, queueCounts, queueOfJob, throughput, WINDOW_SECONDS } from "./jobs-console.sql";
import { getBoss } from "./queue";
import { redactSecrets, redactText } from "./redact";
import { jobs } from "./registry";

/**
 * The jobs console's reads (docs/decisions/027-jobs-console.md): every queue of the registry and
 * its dead-letter queue, with counts by state, the last hour's outcomes and the oldest wait; a
 * queue's jobs page by page; one job in full, its secrets redacted.
 */

type JobsCtx = Pick<UserCtx, "db" | "user">;

/** Every queue the console shows: each registered job's, then its dead letters'. */
export function consoleQueueNames() {
  return jobs.flatMap((job) => [job.name, `${job.name}${DEAD_LETTER_SUFFIX}`]);
}

export const isDeadLetterQueue = (name: string) => name.endsWith(DEAD_LETTER_SUFFIX);

/** The queue by name, or 404 naming the field: only our own queues are reachable here. */
export function requireConsoleQueue(name: string) {
  if (!consoleQueueNames().includes(name))
    throw new NotFoundError("QUEUE_NOT_FOUND", `There is no queue called “${name}”.`, { field: "queue", queue: name });
  return name;
}

const emptyCounts = (): Record<JobState, number> => ({
  created: 0,
  retry: 0,
  active: 0,
  completed: 0,
  cancelled: 0,
  failed: 0,
});

/** Every queue with its counts, its last hour in 5-minute buckets and how long its oldest job has waited. */
export async function getJobsOverview(ctx: JobsCtx) {
  const names = consoleQueueNames();
  const boss = await getBoss();
  const [queues, counts, finished] = await Promise.all([
    boss.getQueues(names),
    queueCounts(ctx.db, names),
    throughput(ctx.db, names),
  ]);
  const now = Date.now();
  const firstBucket = Math.floor((now / 1000 - WINDOW_SECONDS) / BUCKET_SECONDS + 1) * BUCKET_SECONDS;
  const bucketStarts = Array.from(
    { length: WINDOW_SECONDS / BUCKET_SECONDS },
    (_, i) => firstBucket + i * BUCKET_SECONDS,
  );
  return {
    bucketSeconds: BUCKET_SECONDS,
    queues: names.map((name) => {
      const meta = queues.find((q) => q.name === name);
      const row = counts.find((c) => c.name === name);
      const buckets = bucketStarts.map((start) => {
        const hit = finished.find((f) => f.name === name && f.bucket === start);
        return { start: new Date(start * 1000), completed: hit?.completed ?? 0, failed: hit?.failed ?? 0 };
      });
      const completed = buckets.reduce((sum, b) => sum + b.completed, 0);
      const failed = buckets.reduce((sum, b) => sum + b.failed, 0);
      return {
        name,
        deadLetter: isDeadLetterQueue(name),
        /** False until a worker (or the cron drain) has created it. */
        exists: Boolean(meta),
        // A plain string: pg-boss's types stay out of what the typed client sees.
        policy: (meta?.policy ?? null) as string | null,
        retryLimit: meta?.retryLimit ?? null,
        counts: row ? { ...emptyCounts(), ...pickCounts(row) } : emptyCounts(),
        oldestWaitingSeconds: row?.waitingSince
          ? Math.max(0, Math.round((now - row.waitingSince.getTime()) / 1000))
          : null,
        lastHour: {
          completed,
          failed,
          failureRate: completed + failed ? failed / (completed + failed) : null,
          buckets,
        },
      };
    }),
  };
}

function pickCounts(row: Record<JobState, number>) {
  return Object.fromEntries(JOB_STATES.map((state) => [state, row[state]])) as Record<JobState, number>;
}

/** One page of a queue's jobs, newest first, optionally of one state. */
export async function listQueueJobs(ctx: JobsCtx, input: ListJobsInput) {
  const queue = requireConsoleQueue(input.queue);
  const [items, [row]] = await Promise.all([
    jobPage(ctx.db, {
      queue,
      state: input.state,
      offset: (input.page - 1) * ADMIN_PAGE_SIZE,
      limit: ADMIN_PAGE_SIZE,
    }),
    queueCounts(ctx.db, [queue]),
  ]);
  const counts = row ? pickCounts(row) : emptyCounts();
  const total = input.state ? counts[input.state] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    ...pageOf(
      items.map((j) => ({ ...j, error: j.error && redactText(j.error) })),
      total,
      input.page,
    ),
    counts,
  };
}

/** The queue a job id belongs to (the console's search box), or null. */
export async function findJobQueue(ctx: JobsCtx, input: { jobId: string }) {
  const queue = await queueOfJob(ctx.db, consoleQueueNames(), input.jobId);
  return queue ? { queue, jobId: input.jobId } : null;
}

type Envelope = { payload?: unknown; correlationId?: string; traceparent?: string };

/** The job as pg-boss keeps it, or 404. */
export async function requireJobRecord(ctx: JobsCtx, input: JobRefInput) {
  const queue = requireConsoleQueue(input.queue);
  const boss = await getBoss();
  const [job] = await boss.findJobs<Envelope>(queue, { id: input.jobId });
  if (!job)
    throw new NotFoundError(
      "JOB_NOT_FOUND",
      "This job does not exist (any more): finished jobs are deleted after a while.",
      {
        field: "jobId",
      },
    );
  return job;
}

/** A failed attempt's output as stored by the runner (server/jobs/queue.ts failureOutput). */
function errorOf(output: unknown) {
  if (typeof output !== "object" || output === null || !("message" in output)) return null;
  const { message, stack, name } = output as { message?: unknown; stack?: unknown; name?: unknown };
  return {
    name: typeof name === "string" ? name : "Error",
    message: redactText(String(message)),
    stack: typeof stack === "string" ? redactText(stack) : null,
  };
}

/** One job in full: payload and output with secrets redacted, attempts, timings, correlation ID. */
export async function getJobDetail(ctx: JobsCtx, input: JobRefInput) {
  const job = await requireJobRecord(ctx, input);
  return presentJob(job);
}

function presentJob(job: JobWithMetadata<Envelope>) {
  const envelope = job.data ?? {};
  const failed = job.state === "failed" || job.state === "retry";
  return {
    id: job.id,
    queue: job.name,
    state: job.state,
    deadLetter: isDeadLetterQueue(job.name),
    priority: job.priority,
    policy: (job.policy ?? null) as string | null,
    singletonKey: job.singletonKey,
    attempts: {
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelay,
      retryBackoff: job.retryBackoff,
    },
    timings: {
      createdOn: job.createdOn,
      startAfter: job.startAfter,
      startedOn: job.startedOn ?? null,
      completedOn: job.completedOn,
      keepUntil: job.keepUntil,
    },
    correlationId: envelope.correlationId ?? null,
    traceparent: envelope.traceparent ?? null,
    payload: redactSecrets("payload" in envelope ? envelope.payload : envelope),
    output: redactSecrets(job.output ?? null),
    error: failed ? errorOf(job.output) : null,
    source: job.sourceName
      ? {
          queue: job.sourceName,
          jobId: job.sourceId,
          createdOn: job.sourceCreatedOn,
          retryCount: job.sourceRetryCount,
          error: errorOf(job.sourceOutput),
        }
      : null,
    can: {
      retry: job.state === "failed",
      cancel: CANCELLABLE_STATES.includes(job.state),
    },
  };
}
