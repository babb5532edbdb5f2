import "server-only";
import { Prisma, type Db } from "../db/client";
import type { JobState } from "./jobs-console.schemas";

/**
 * The jobs console's read-only queries on pg-boss's own table (columns: node_modules/pg-boss/dist/
 * plans.js, createTableJob), for what its API does not answer: counts by every state, the last
 * hour's outcomes, a page of one state newest first (findJobs has neither a state filter nor
 * paging), and where a job id lives. They only read; every change goes through pg-boss's API.
 */

export const BUCKET_SECONDS = 300;
export const WINDOW_SECONDS = 3600;

export interface QueueCountsRow {
  name: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** When the longest-waiting runnable job (created or retry, due) became runnable. */
  waitingSince: Date | null;
  lastCreatedOn: Date | null;
}

export function queueCounts(db: Db, names: string[]) {
  return db.$queryRaw<QueueCountsRow[]>`
    SELECT name,
      count(*) FILTER (WHERE state = 'created')::int AS created,
      count(*) FILTER (WHERE state = 'retry')::int AS retry,
      count(*) FILTER (WHERE state = 'active')::int AS active,
      count(*) FILTER (WHERE state = 'completed')::int AS completed,
      count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      min(GREATEST(created_on, start_after)) FILTER (
        WHERE state IN ('created', 'retry') AND start_after <= now()
      ) AS "waitingSince",
      max(created_on) AS "lastCreatedOn"
    FROM pgboss.job
    WHERE name = ANY(${names})
    GROUP BY name`;
}

export interface ThroughputRow {
  name: string;
  /** Start of the bucket, seconds since the epoch. */
  bucket: number;
  completed: number;
  failed: number;
}

/** Jobs finished in the last hour by 5-minute bucket: completed, and failed for good. */
export function throughput(db: Db, names: string[]) {
  return db.$queryRaw<ThroughputRow[]>`
    SELECT name,
      (floor(extract(epoch FROM completed_on) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS})::int AS bucket,
      count(*) FILTER (WHERE state = 'completed')::int AS completed,
      count(*) FILTER (WHERE state = 'failed')::int AS failed
    FROM pgboss.job
    WHERE name = ANY(${names})
      AND state IN ('completed', 'failed')
      AND completed_on >= now() - make_interval(secs => ${WINDOW_SECONDS})
    GROUP BY 1, 2`;
}

export interface JobRow {
  id: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  startAfter: Date;
  correlationId: string | null;
  error: string | null;
}

/** One page of a queue's jobs, newest first, optionally of one state. */
export function jobPage(db: Db, input: { queue: string; state?: JobState; offset: number; limit: number }) {
  const state = input.state ? Prisma.sql`AND state = ${input.state}::pgboss.job_state` : Prisma.empty;
  return db.$queryRaw<JobRow[]>`
    SELECT id::text, state::text AS state, retry_count AS "retryCount", retry_limit AS "retryLimit",
      created_on AS "createdOn", started_on AS "startedOn", completed_on AS "completedOn",
      start_after AS "startAfter", data->>'correlationId' AS "correlationId",
      CASE WHEN state IN ('failed', 'retry') THEN left(output->>'message', 300) END AS error
    FROM pgboss.job
    WHERE name = ${input.queue} ${state}
    ORDER BY created_on DESC, id DESC
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}

/** Which of `names` holds the job with this id (null: none). */
export async function queueOfJob(db: Db, names: string[], id: string) {
  const [row] = await db.$queryRaw<{ name: string }[]>`
    SELECT name FROM pgboss.job WHERE name = ANY(${names}) AND id = ${id}::uuid LIMIT 1`;
  return row?.name ?? null;
}

/** Ids of a queue's failed jobs, oldest first, at most `limit`. */
export async function failedJobIds(db: Db | Prisma.TransactionClient, queue: string, limit: number) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM pgboss.job WHERE name = ${queue} AND state = 'failed'
    ORDER BY created_on, id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export interface LatestJobRow {
  name: string;
  id: string;
  state: JobState;
  createdOn: Date;
  completedOn: Date | null;
}

/** The newest job of each queue: a scheduled job's last run (by its schedule or by hand). */
export function latestJobs(db: Db, names: string[]) {
  return db.$queryRaw<LatestJobRow[]>`
    SELECT DISTINCT ON (name) name, id::text, state::text AS state, created_on AS "createdOn",
      completed_on AS "completedOn"
    FROM pgboss.job
    WHERE name = ANY(${names})
    ORDER BY name, created_on DESC`;
}
