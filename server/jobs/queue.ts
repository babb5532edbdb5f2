import "server-only";
import { fromPrisma, PgBoss, type Job, type JobWithMetadata, type Queue } from "pg-boss";
import type { z } from "zod";
import { requireDatabaseUrl, type Prisma } from "../db/client";
import { getLogger, type Logger } from "../observability/logger";
import { recordJobRun } from "../observability/metrics";
import { currentCorrelationId, runWithContext } from "../observability/request-context";
import { contextFromTraceParent, currentTraceParent, SpanKind, withSpan } from "../observability/tracing";
import { isDatabaseUnavailable } from "../db/errors";
import { announceJobChange } from "./jobs-live";
import { createQueueErrorReporter } from "./queue-errors";

/**
 * pg-boss in the application database (schema `pgboss`). Jobs carry the correlation ID of the
 * request that enqueued them, and their handler runs inside that context, so a job's log lines
 * join the request's.
 */

export interface JobDefinition<TSchema extends z.ZodType> {
  name: string;
  schema: TSchema;
  queue: Omit<Queue, "name" | "deadLetter">;
  /** Jobs of this queue running at once in one process (JOBS_CONCURRENCY overrides it). Default 1. */
  concurrency?: number;
  /** Must be idempotent: pg-boss delivers at least once and retries on failure. */
  handle: (
    data: z.infer<TSchema>,
    job: {
      id: string;
      log: Logger;
      retryCount: number;
      retryLimit: number;
      /** Aborted when this attempt is no longer ours (heartbeat lost, shutdown): stop before side effects. */
      signal?: AbortSignal;
    },
  ) => Promise<void>;
  /** A cron expression (UTC) for jobs that run on a schedule rather than on demand. */
  schedule?: string;
  /** Called once retries are exhausted, before the job moves to the dead-letter queue. */
  onExhausted?: (data: z.infer<TSchema>, log: Logger) => Promise<void>;
}

export function defineJob<TSchema extends z.ZodType>(job: JobDefinition<TSchema>) {
  return job;
}

/** `traceparent`: the enqueuing request's trace, which the job's span continues. */
type Envelope<T> = { payload: T; correlationId?: string; traceparent?: string };

/** How often pg-boss's monitor looks for expired jobs and stale heartbeats. */
const SUPERVISE_SECONDS = 5;
/**
 * Heartbeat of every job: the worker (or the cron drain) refreshes it every 5 s; a job not
 * refreshed for this long was orphaned by a crash and is failed and retried. pg-boss's minimum is 10.
 */
export const HEARTBEAT_SECONDS = 10;
/** Mail jobs mostly wait on SMTP and the database, so many run at once per process. */
export const MAIL_CONCURRENCY = 128;

/** The queue of every mail job: retried with backoff for about an hour, heartbeat against crashes. */
export const MAIL_QUEUE = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 120,
} as const;

let bossPromise: Promise<PgBoss> | undefined;
let bossState: "stopped" | "starting" | "running" | "stopping" = "stopped";
/** Set at the stop signal: the queue may keep running a while (requests drain first), but a database going away now is expected. */
let stopSignalled = false;

/** The process is stopping: database errors the queue meets from now on are not alarms. */
export function expectQueueStop() {
  stopSignalled = true;
}
/** Queues this process has created or checked since the queue started. */
const ensured: Record<string, Promise<void>> = {};
let queueErrors: ReturnType<typeof createQueueErrorReporter> | undefined;

/** The process's pg-boss instance, started on first use (installs/updates its schema). */
export function getBoss(): Promise<PgBoss> {
  bossPromise ??= (async () => {
    bossState = "starting";
    const boss = new PgBoss({
      connectionString: requireDatabaseUrl(),
      schema: "pgboss",
      application_name: "shopwise-jobs",
      // Maintenance and schedules run in every instance: pg-boss coordinates them through the
      // database, so whichever process starts the queue first cannot leave it unsupervised.
      // The monitor fails jobs whose heartbeat stopped (a killed worker): at the 60 s defaults an
      // orphaned job waited up to two minutes more; every 5 s it is retried within ~20 s.
      superviseIntervalSeconds: SUPERVISE_SECONDS,
      monitorIntervalSeconds: SUPERVISE_SECONDS,
    });
    const errors = (queueErrors = createQueueErrorReporter({
      log: getLogger,
      stopping: () => stopSignalled || bossState === "stopping" || bossState === "stopped",
      probe: () => boss.getDb().executeSql("SELECT 1"),
    }));
    boss.on("error", errors.report);
    await boss.start();
    bossState = "running";
    return boss;
  })().catch((error: unknown) => {
    bossPromise = undefined;
    bossState = "stopped";
    throw error;
  });
  return bossPromise;
}

export function queueState() {
  return bossState;
}

export async function stopBoss(timeoutMs = 30_000) {
  if (!bossPromise) return;
  // Before any await: errors of connections closing from now on are expected, not alarms.
  bossState = "stopping";
  const boss = await bossPromise;
  // graceful: waits for running jobs to finish (up to the timeout) before closing the pool.
  await boss.stop({ graceful: true, timeout: timeoutMs });
  bossPromise = undefined;
  queueErrors?.reset(); // no reconnection probe outlives the queue
  for (const name of Object.keys(ensured)) delete ensured[name];
  bossState = "stopped";
}

const deadLetterOf = (name: string) => `${name}.dead`;

/**
 * Creates the job's queue and its dead-letter queue, or updates the options of existing ones (so a
 * deployment's new retry, expiry or heartbeat settings reach queues an older one made). Every queue
 * has a heartbeat unless its job sets one: a job orphaned by a killed worker is retried within
 * about 20 s instead of after its expiry (up to 15 min for ingestion).
 */
export async function ensureQueue(boss: PgBoss, job: JobDefinition<z.ZodType>) {
  const dead = deadLetterOf(job.name);
  if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { retentionSeconds: 14 * 24 * 3600 });
  const options = { heartbeatSeconds: HEARTBEAT_SECONDS, ...job.queue, deadLetter: dead };
  // The policy and the partitioning are fixed when a queue is created; the rest can change.
  const { policy: _policy, partition: _partition, ...updatable } = options;
  if (await boss.getQueue(job.name)) await boss.updateQueue(job.name, updatable);
  else await boss.createQueue(job.name, options);
}

/**
 * Enqueues a job. Pass the Prisma transaction client as `tx` to enqueue atomically with the
 * rows it refers to: the job exists only if the transaction commits. `startAfterSeconds` delays it.
 */
export async function enqueue<TSchema extends z.ZodType>(
  job: JobDefinition<TSchema>,
  data: z.input<TSchema>,
  options: { tx?: Prisma.TransactionClient; singletonKey?: string; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const payload = job.schema.parse(data);
  const boss = await getBoss();
  // A failed check (the database blinked) is not remembered: the next enqueue tries again.
  await (ensured[job.name] ??= ensureQueue(boss, job).catch((error: unknown) => {
    delete ensured[job.name];
    throw error;
  }));
  const envelope: Envelope<unknown> = {
    payload,
    correlationId: currentCorrelationId(),
    traceparent: currentTraceParent(),
  };
  return boss.send(job.name, envelope, {
    ...(options.singletonKey && { singletonKey: options.singletonKey }),
    ...(options.startAfterSeconds && { startAfter: options.startAfterSeconds }),
    ...(options.tx && { db: fromPrisma(options.tx) }),
  });
}

/**
 * Runs one job inside the correlation context of the request that enqueued it, in a span that
 * continues that request's trace.
 */
export async function runJob<TSchema extends z.ZodType>(
  job: JobDefinition<TSchema>,
  raw: Pick<Job<unknown>, "id" | "data"> | JobWithMetadata<unknown>,
) {
  const envelope = raw.data as Envelope<unknown>;
  const correlationId = envelope.correlationId ?? `job-${raw.id}`;
  const span = {
    kind: SpanKind.CONSUMER,
    parent: contextFromTraceParent(envelope.traceparent),
    attributes: {
      "messaging.system": "pg-boss",
      "messaging.destination.name": job.name,
      "messaging.message.id": raw.id,
    },
  };
  return runWithContext({ correlationId }, () =>
    withSpan(`job ${job.name}`, span, () => handleJob(job, raw, envelope)),
  );
}

async function handleJob<TSchema extends z.ZodType>(
  job: JobDefinition<TSchema>,
  raw: Pick<Job<unknown>, "id" | "data"> | JobWithMetadata<unknown>,
  envelope: Envelope<unknown>,
) {
  const log = getLogger().child({ job: job.name, jobId: raw.id });
  const retryCount = "retryCount" in raw ? raw.retryCount : 0;
  const retryLimit = "retryLimit" in raw ? raw.retryLimit : 0;
  const started = performance.now();
  // The jobs console hears every start and finish (throttled per queue; see ./jobs-live.ts).
  announceJobChange(job.name);
  const data = job.schema.parse(envelope.payload);
  try {
    const signal = "signal" in raw ? raw.signal : undefined;
    await job.handle(data, { id: raw.id, log, retryCount, retryLimit, signal });
    recordJobRun(job.name, "completed");
    log.info({ durationMs: Math.round(performance.now() - started) }, "job completed");
  } catch (error) {
    announceJobChange(job.name);
    const exhausted = retryCount >= retryLimit;
    // A database away (an outage, or PostgreSQL stopping with us) is logged once by the queue;
    // a job it interrupts will be retried, so its failure is a warning.
    const databaseAway = isDatabaseUnavailable(error);
    const level = databaseAway && !exhausted ? "warn" : "error";
    recordJobRun(job.name, "failed");
    log[level]({ err: error, retryCount, retryLimit, exhausted }, "job failed");
    if (exhausted) await job.onExhausted?.(data, log);
    throw error;
  }
  announceJobChange(job.name);
}

/** What a failed attempt stores as the job's output: the jobs console shows the message and stack. */
export function failureOutput(error: unknown) {
  const err = error instanceof Error ? error : new Error(String(error));
  return { name: err.name, message: err.message, stack: err.stack?.slice(0, 8_000) };
}
