import "server-only";
import { fromPrisma, type PgBoss } from "pg-boss";
import { recordAudit, type AuditEntry } from "../admin/audit";
import type { Prisma } from "../db/client";
import { ConflictError, ValidationError } from "../errors";
import type { UserCtx } from "../users/users.service";
import { CANCELLABLE_STATES, type JobRefInput } from "./jobs-console.schemas";
import { isDeadLetterQueue, requireConsoleQueue, requireJobRecord } from "./jobs-console.service";
import { failedJobIds } from "./jobs-console.sql";
import { announceJobChange } from "./jobs-live";
import { getBoss } from "./queue";

/**
 * The jobs console's writes (admins only, checked by the router's adminProcedure). Each runs
 * pg-boss's own command on the Prisma transaction that records its audit entry (`fromPrisma`),
 * so a job changes exactly when the audit log says it did.
 */

/** Jobs one "retry all" or "move back" call handles; the button says when more remain. */
export const BULK_LIMIT = 1_000;

/** pg-boss's command result at run time (its type declares no fields). */
type Affected = { affected: number };

async function audited<T>(
  ctx: UserCtx,
  queue: string,
  change: (boss: PgBoss, conn: { db: ReturnType<typeof fromPrisma> }, tx: Prisma.TransactionClient) => Promise<T>,
  audit: (result: T) => AuditEntry[],
) {
  const boss = await getBoss();
  const result = await ctx.db.$transaction(async (tx) => {
    const outcome = await change(boss, { db: fromPrisma(tx) }, tx);
    await recordAudit(tx, ctx, audit(outcome));
    return outcome;
  });
  announceJobChange(queue);
  return result;
}

const changedMeanwhile = () =>
  new ConflictError("JOB_CHANGED", "This job changed meanwhile (another worker or admin got there first); reload it.");

/** Retries a failed job now (pg-boss grants it one more attempt). */
export async function retryJob(ctx: UserCtx, input: JobRefInput) {
  const job = await requireJobRecord(ctx, input);
  if (job.state !== "failed")
    throw new ConflictError("JOB_NOT_FAILED", `Only a failed job can be retried; this one is ${job.state}.`, {
      state: job.state,
    });
  return audited(
    ctx,
    job.name,
    async (boss, conn) => {
      const { affected } = (await boss.retry(job.name, job.id, conn)) as Affected;
      if (!affected) throw changedMeanwhile();
      return { queue: job.name, jobId: job.id, state: "retry" as const };
    },
    () => [auditJob("job.retry", job, "retry")],
  );
}

/** Cancels a job that has not finished: queued, waiting for a retry, or running. */
export async function cancelJob(ctx: UserCtx, input: JobRefInput) {
  const job = await requireJobRecord(ctx, input);
  if (!CANCELLABLE_STATES.includes(job.state))
    throw new ConflictError("JOB_FINISHED", `This job is ${job.state}; only an unfinished job can be cancelled.`, {
      state: job.state,
    });
  return audited(
    ctx,
    job.name,
    async (boss, conn) => {
      const { affected } = (await boss.cancel(job.name, job.id, conn)) as Affected;
      if (!affected) throw changedMeanwhile();
      return { queue: job.name, jobId: job.id, state: "cancelled" as const };
    },
    () => [auditJob("job.cancel", job, "cancelled")],
  );
}

/** Deletes a job for good, whatever its state. */
export async function deleteJob(ctx: UserCtx, input: JobRefInput) {
  const job = await requireJobRecord(ctx, input);
  return audited(
    ctx,
    job.name,
    async (boss, conn) => {
      const { affected } = (await boss.deleteJob(job.name, job.id, conn)) as Affected;
      if (!affected) throw changedMeanwhile();
      return { queue: job.name, jobId: job.id, deleted: true };
    },
    () => [auditJob("job.delete", job, null)],
  );
}

function auditJob(
  action: string,
  job: { id: string; name: string; state: string; retryCount: number },
  to: string | null,
) {
  return {
    action,
    entity: "Job",
    entityId: job.id,
    before: { queue: job.name, state: job.state, retryCount: job.retryCount },
    after: to === null ? undefined : { queue: job.name, state: to },
  };
}

/** Retries a queue's failed jobs, oldest first, up to BULK_LIMIT per call. */
export async function retryFailedJobs(ctx: UserCtx, input: { queue: string }) {
  const queue = requireConsoleQueue(input.queue);
  return audited(
    ctx,
    queue,
    async (boss, conn, tx) => {
      const ids = await failedJobIds(tx, queue, BULK_LIMIT + 1);
      const batch = ids.slice(0, BULK_LIMIT);
      const { affected } = batch.length ? ((await boss.retry(queue, batch, conn)) as Affected) : { affected: 0 };
      return { queue, retried: affected, more: ids.length > BULK_LIMIT };
    },
    (r) =>
      r.retried
        ? [{ action: "queue.retry-failed", entity: "Queue", entityId: queue, after: { retried: r.retried } }]
        : [],
  );
}

function requireDeadLetterQueue(name: string) {
  const queue = requireConsoleQueue(name);
  if (!isDeadLetterQueue(queue))
    throw new ValidationError(
      "NOT_A_DEAD_LETTER_QUEUE",
      "Only a dead-letter queue (….dead) has jobs to move back.",
      "queue",
    );
  return queue;
}

/** What "move back" would do: how many dead letters, and to which queues. */
export async function previewRedrive(_ctx: Pick<UserCtx, "db">, input: { queue: string }) {
  const queue = requireDeadLetterQueue(input.queue);
  return { queue, ...(await (await getBoss()).previewRedrive(queue)) };
}

/** Moves dead letters back to the queues they failed on, as new jobs (up to BULK_LIMIT a call). */
export async function redriveDeadLetters(ctx: UserCtx, input: { queue: string }) {
  const queue = requireDeadLetterQueue(input.queue);
  const result = await audited(
    ctx,
    queue,
    async (boss, conn) => {
      const moved = await boss.redrive(queue, { ...conn, limit: BULK_LIMIT });
      const left = (await boss.previewRedrive(queue, conn)).total;
      return { queue, moved, left };
    },
    (r) => (r.moved ? [{ action: "queue.redrive", entity: "Queue", entityId: queue, after: { moved: r.moved } }] : []),
  );
  announceJobChange(queue.slice(0, -".dead".length));
  return result;
}
