import "server-only";
import type { PgBoss } from "pg-boss";
import type { z } from "zod";
import { recordAudit } from "../admin/audit";
import { db as defaultDb, type Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { UserCtx } from "../users/users.service";
import { latestJobs } from "./jobs-console.sql";
import { announceJobChange } from "./jobs-live";
import { enqueue, getBoss, type JobDefinition } from "./queue";
import { jobs } from "./registry";

/**
 * Scheduled jobs (those with `schedule` in their definition) and their pause.
 *
 * A pause is a JobSchedulePause row plus the removal of pg-boss's schedule. The row is what makes
 * it last: every worker re-declares the schedules at start-up (declareSchedule), and skips, and
 * removes again, a paused one; the cron route (Vercel) skips it too. Pausing commits the row first
 * and then removes the schedule, and a starting worker checks the row again after declaring, so a
 * worker that starts during a pause cannot leave the schedule behind (ADR 027).
 */

const SCHEDULE_TIME_ZONE = "UTC";

type ScheduledJob = JobDefinition<z.ZodType> & { schedule: string };

const scheduledJobs = () =>
  (jobs as JobDefinition<z.ZodType>[]).filter((job): job is ScheduledJob => Boolean(job.schedule));

export function requireScheduledJob(name: string): ScheduledJob {
  const job = scheduledJobs().find((j) => j.name === name);
  if (!job)
    throw new NotFoundError("SCHEDULE_NOT_FOUND", `No scheduled job is called “${name}”.`, {
      field: "queue",
      queue: name,
    });
  return job;
}

export async function isSchedulePaused(db: Db, name: string) {
  return (await db.jobSchedulePause.count({ where: { queue: name } })) > 0;
}

/** A worker's start-up: (re)declares the job's pg-boss schedule unless an admin paused it. */
export async function declareSchedule(boss: PgBoss, job: { name: string; schedule: string }, db: Db = defaultDb) {
  if (!(await isSchedulePaused(db, job.name)))
    await boss.schedule(job.name, job.schedule, { payload: {} }, { tz: SCHEDULE_TIME_ZONE });
  // Paused while this process declared it: the pause removed the schedule before we re-added it.
  if (await isSchedulePaused(db, job.name)) await boss.unschedule(job.name);
}

/** Every scheduled job: cron, time zone, paused or not, last run and next run. */
export async function listSchedules(ctx: Pick<UserCtx, "db">) {
  const defined = scheduledJobs();
  const names = defined.map((j) => j.name);
  const boss = await getBoss();
  const [registered, pauses, latest] = await Promise.all([
    boss.getSchedules(),
    ctx.db.jobSchedulePause.findMany({ where: { queue: { in: names } } }),
    latestJobs(ctx.db, names),
  ]);
  return defined.map((job) => {
    const row = registered.find((s) => s.name === job.name);
    const pause = pauses.find((p) => p.queue === job.name);
    const cron = row?.cron ?? job.schedule;
    const timezone = row?.timezone ?? SCHEDULE_TIME_ZONE;
    const last = latest.find((l) => l.name === job.name);
    return {
      queue: job.name,
      cron,
      timezone,
      paused: Boolean(pause),
      pausedAt: pause?.pausedAt ?? null,
      /** Declared in pg-boss (a worker has started); on Vercel the cron route runs it instead. */
      registered: Boolean(row),
      lastRun: last
        ? { jobId: last.id, state: last.state, createdOn: last.createdOn, completedOn: last.completedOn }
        : null,
      nextRun: pause ? null : (boss.previewSchedule(cron, { tz: timezone, count: 1 })[0] ?? null),
    };
  });
}

/** Stops a schedule until resumed, across restarts and deploys. */
export async function pauseSchedule(ctx: UserCtx, input: { queue: string }) {
  const job = requireScheduledJob(input.queue);
  await ctx.db.$transaction(async (tx) => {
    const existing = await tx.jobSchedulePause.findUnique({ where: { queue: job.name } });
    if (existing) throw new ConflictError("SCHEDULE_PAUSED", "This schedule is paused already.");
    await tx.jobSchedulePause.create({ data: { queue: job.name, pausedById: ctx.user.id } });
    await recordAudit(tx, ctx, [
      {
        action: "schedule.pause",
        entity: "JobSchedule",
        entityId: job.name,
        before: { paused: false },
        after: { paused: true },
      },
    ]);
  });
  // After the commit: a worker declaring schedules from now on sees the row (declareSchedule).
  await (await getBoss()).unschedule(job.name);
  announceJobChange(job.name);
  return { queue: job.name, paused: true };
}

export async function resumeSchedule(ctx: UserCtx, input: { queue: string }) {
  const job = requireScheduledJob(input.queue);
  const boss = await getBoss();
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.jobSchedulePause.deleteMany({ where: { queue: job.name } });
    if (!count) throw new ConflictError("SCHEDULE_NOT_PAUSED", "This schedule is not paused.");
    await recordAudit(tx, ctx, [
      {
        action: "schedule.resume",
        entity: "JobSchedule",
        entityId: job.name,
        before: { paused: true },
        after: { paused: false },
      },
    ]);
  });
  await boss.schedule(job.name, job.schedule, { payload: {} }, { tz: SCHEDULE_TIME_ZONE });
  announceJobChange(job.name);
  return { queue: job.name, paused: false };
}

/** Queues one run now (paused or not), with this request's correlation ID. */
export async function runScheduleNow(ctx: UserCtx, input: { queue: string }) {
  const job = requireScheduledJob(input.queue);
  const jobId = await ctx.db.$transaction(async (tx) => {
    const id = await enqueue(job, {}, { tx });
    if (!id) throw new ConflictError("JOB_ALREADY_QUEUED", "A run of this job is queued already.");
    await recordAudit(tx, ctx, [
      { action: "schedule.run-now", entity: "JobSchedule", entityId: job.name, after: { jobId: id } },
    ]);
    return id;
  });
  announceJobChange(job.name);
  return { queue: job.name, jobId };
}
