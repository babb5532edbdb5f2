import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { errorResponse, NotFoundError, UnauthorizedError } from "../errors";
import { getLogger } from "../observability/logger";
import { currentCorrelationId } from "../observability/request-context";
import { db } from "../db/client";
import { isSchedulePaused } from "./job-schedules";
import { ensureQueue, failureOutput, getBoss, HEARTBEAT_SECONDS, runJob } from "./queue";
import { jobs } from "./registry";

/**
 * Job processing for hosts without a long-running worker (Vercel): a scheduler calls
 * `/api/cron/drain` to run queued jobs, and `/api/cron/<scheduled job>` (e.g.
 * `orders.expire-unpaid`) to run a scheduled job now. Both need CRON_SECRET.
 */

/** Runs due jobs of every queue, one at a time, until none is left or the time is up. */
export async function drainQueues(options: { deadline: number; maxJobs?: number }) {
  const boss = await getBoss();
  const maxJobs = options.maxJobs ?? 200;
  const result = { completed: 0, failed: 0 };
  for (const job of jobs) {
    await ensureQueue(boss, job);
    while (Date.now() < options.deadline && result.completed + result.failed < maxJobs) {
      const [raw] = await boss.fetch(job.name, { includeMetadata: true, batchSize: 1 });
      if (!raw) break;
      const attempt = { id: raw.id, retryCount: raw.retryCount };
      // Every queue has a heartbeat (ensureQueue): keep it fresh, as a worker would, or the job is
      // failed as orphaned while it still runs here.
      const heartbeat = setInterval(
        () => void boss.touch(job.name, attempt).catch(() => {}),
        (HEARTBEAT_SECONDS * 1000) / 2,
      );
      try {
        await runJob(job, raw);
        await boss.complete(job.name, attempt);
        result.completed++;
      } catch (error) {
        // runJob has logged it; pg-boss schedules the retry (or the dead-letter move).
        await boss.fail(job.name, attempt, failureOutput(error));
        result.failed++;
      } finally {
        clearInterval(heartbeat);
      }
    }
  }
  return result;
}

/** Runs a scheduled job's handler once, now. */
async function runScheduledJob(name: string) {
  const job = jobs.find((j) => j.name === name && j.schedule);
  if (!job) return null;
  // Paused in the jobs console: the platform's cron still calls, and is told so.
  if (await isSchedulePaused(db, name)) return { skipped: name, reason: "paused" };
  await runJob(job, { id: `cron-${Date.now()}`, name, data: { payload: {}, correlationId: currentCorrelationId() } });
  return { ran: name };
}

function authorized(header: string | null, secret: string) {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The cron route's whole behaviour: 404 when off or unknown, 401 without the secret. */
export async function handleCronRequest(headers: Headers, name: string): Promise<Response> {
  try {
    const secret = getEnv().CRON_SECRET;
    if (!secret) throw new NotFoundError("CRON_DISABLED", "Cron routes are turned off (CRON_SECRET is unset).");
    if (!authorized(headers.get("authorization"), secret))
      throw new UnauthorizedError("CRON_SECRET_REQUIRED", "Send Authorization: Bearer <CRON_SECRET>.");
    const started = Date.now();
    // Leave headroom under a serverless function's usual 60 s limit.
    const outcome = name === "drain" ? await drainQueues({ deadline: started + 45_000 }) : await runScheduledJob(name);
    if (!outcome) throw new NotFoundError("CRON_JOB_UNKNOWN", `No scheduled job is called “${name}”.`, { job: name });
    getLogger().info({ cron: name, ...outcome, durationMs: Date.now() - started }, "cron run finished");
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
