import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { runWithContext } from "../observability/request-context";
import { callerFor, createUser } from "../test/factories";
import { handleCronRequest } from "./cron";
import { declareSchedule } from "./job-schedules";
import { pruneIdempotencyRecordsJob } from "./prune-idempotency-records";
import { ensureQueue, getBoss } from "./queue";

/**
 * Schedules in the jobs console on this file's real database and pg-boss: a pause removes the
 * schedule and lasts through a worker's start-up (which re-declares every schedule) and the cron
 * route; resume brings it back; run now queues one run. Admins only, each audited.
 */

const QUEUE = pruneIdempotencyRecordsJob.name;
const SECRET = "cron-secret-for-schedule-tests-01";

let staff: SessionUser;
let admin: SessionUser;

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error as TRPCError).code,
  );

/** What a worker does for this job at start-up (server/jobs/workers.ts). */
const restartWorker = async () =>
  declareSchedule(await getBoss(), { name: QUEUE, schedule: pruneIdempotencyRecordsJob.schedule! });

beforeAll(async () => {
  [staff, admin] = await Promise.all([createUser({ role: "STAFF" }), createUser({ role: "ADMIN" })]);
  await ensureQueue(await getBoss(), pruneIdempotencyRecordsJob);
  await restartWorker();
});
afterAll(() => {
  delete process.env.CRON_SECRET;
  reloadEnv();
});

describe("job schedules", () => {
  it("lists every scheduled job with its cron, time zone, last and next run", async () => {
    const schedules = await callerFor(staff).jobs.schedules();
    expect(schedules.map((s) => s.queue).sort()).toEqual(
      ["idempotency.prune", "live-events.prune", "orders.expire-unpaid", "records.prune"].sort(),
    );
    const prune = schedules.find((s) => s.queue === QUEUE)!;
    expect(prune).toMatchObject({
      cron: "17 * * * *",
      timezone: "UTC",
      paused: false,
      registered: true,
      lastRun: null,
    });
    expect(prune.nextRun!.getUTCMinutes()).toBe(17);
    expect(prune.nextRun!.getTime()).toBeGreaterThan(Date.now());
  });

  it("pauses a schedule so that neither a restarting worker nor the cron route runs it, then resumes it", async () => {
    expect(await codeOf(callerFor(staff).jobs.pauseSchedule({ queue: QUEUE }))).toBe("FORBIDDEN");
    const boss = await getBoss();
    expect(await boss.getSchedule(QUEUE)).not.toBeNull();

    expect(await callerFor(admin).jobs.pauseSchedule({ queue: QUEUE })).toEqual({ queue: QUEUE, paused: true });
    expect(await boss.getSchedule(QUEUE)).toBeNull();
    await restartWorker();
    expect(await boss.getSchedule(QUEUE)).toBeNull();
    const paused = (await callerFor(staff).jobs.schedules()).find((s) => s.queue === QUEUE)!;
    expect(paused).toMatchObject({ paused: true, nextRun: null, registered: false });
    expect(await codeOf(callerFor(admin).jobs.pauseSchedule({ queue: QUEUE }))).toBe("CONFLICT");

    process.env.CRON_SECRET = SECRET;
    reloadEnv();
    const cron = await handleCronRequest(new Headers({ authorization: `Bearer ${SECRET}` }), QUEUE);
    expect(await cron.json()).toEqual({ skipped: QUEUE, reason: "paused" });

    expect(await callerFor(admin).jobs.resumeSchedule({ queue: QUEUE })).toEqual({ queue: QUEUE, paused: false });
    expect(await boss.getSchedule(QUEUE)).toMatchObject({ cron: "17 * * * *", timezone: "UTC" });
    expect(await codeOf(callerFor(admin).jobs.resumeSchedule({ queue: QUEUE }))).toBe("CONFLICT");
    const audit = await db.auditLog.findMany({ where: { entityId: QUEUE }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.entity])).toEqual([
      ["schedule.pause", admin.id, "JobSchedule"],
      ["schedule.resume", admin.id, "JobSchedule"],
    ]);
  });

  it("runs a scheduled job now, with the request's correlation ID; refuses jobs without a schedule", async () => {
    expect(await codeOf(callerFor(staff).jobs.runScheduleNow({ queue: QUEUE }))).toBe("FORBIDDEN");
    // As over HTTP, where the request's context carries its correlation ID.
    const { jobId } = await runWithContext({ correlationId: "corr-run-now-0001" }, () =>
      callerFor(admin).jobs.runScheduleNow({ queue: QUEUE }),
    );
    const job = await callerFor(staff).jobs.detail({ queue: QUEUE, jobId });
    expect(job).toMatchObject({ state: "created", correlationId: "corr-run-now-0001", payload: {} });
    const last = (await callerFor(staff).jobs.schedules()).find((s) => s.queue === QUEUE)!.lastRun;
    expect(last).toMatchObject({ jobId, state: "created" });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "schedule.run-now" } })).toMatchObject({
      entityId: QUEUE,
      after: { jobId },
      correlationId: "corr-run-now-0001",
    });
    const error = await callerFor(admin)
      .jobs.pauseSchedule({ queue: "mail.welcome" })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "NOT_FOUND", cause: { context: { field: "queue" } } });
  });
});
