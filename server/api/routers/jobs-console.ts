import { findJobInput, jobRefInput, listJobsInput, queueInput } from "../../jobs/jobs-console.schemas";
import {
  cancelJob,
  deleteJob,
  previewRedrive,
  redriveDeadLetters,
  retryFailedJobs,
  retryJob,
} from "../../jobs/jobs-console-actions.service";
import { findJobQueue, getJobDetail, getJobsOverview, listQueueJobs } from "../../jobs/jobs-console.service";
import { streamJobEvents } from "../../jobs/jobs-live";
import { listSchedules, pauseSchedule, resumeSchedule, runScheduleNow } from "../../jobs/job-schedules";
import { liveInput } from "../../realtime/live";
import { adminProcedure, createTRPCRouter, type ProcedureMeta, staffProcedure } from "../trpc";

type Method = "GET" | "POST" | "DELETE";
const route = (method: Method, path: string, summary: string) => ({
  method,
  path: `/admin/jobs${path}` as const,
  tags: ["Jobs"],
  summary,
  protect: true,
});
const read = (path: string, summary: string): ProcedureMeta => ({
  scope: "backoffice:read",
  openapi: route("GET", path, summary),
});
const write = (method: Method, path: string, summary: string): ProcedureMeta => ({
  scope: "backoffice:write",
  openapi: route(method, path, summary),
});

/** The jobs console (/admin/jobs): staff read, admins act; every action is audited by its service. */
export const jobsConsoleRouter = createTRPCRouter({
  overview: staffProcedure
    .meta(read("/queues", "Every queue: counts by state, the last hour, the oldest wait"))
    .query(({ ctx }) => getJobsOverview(ctx)),
  byQueue: staffProcedure
    .meta(read("/queues/{queue}/jobs", "A queue's jobs, newest first, by state"))
    .input(listJobsInput)
    .query(({ ctx, input }) => listQueueJobs(ctx, input)),
  find: staffProcedure
    .meta(read("/lookup/{jobId}", "The queue a job id belongs to"))
    .input(findJobInput)
    .query(({ ctx, input }) => findJobQueue(ctx, input)),
  detail: staffProcedure
    .meta(read("/queues/{queue}/jobs/{jobId}", "One job: payload (redacted), output or error, attempts, timings"))
    .input(jobRefInput)
    .query(({ ctx, input }) => getJobDetail(ctx, input)),
  schedules: staffProcedure
    .meta(read("/schedules", "Scheduled jobs: cron, time zone, last and next run, paused"))
    .query(({ ctx }) => listSchedules(ctx)),
  previewRedrive: staffProcedure
    .meta(read("/queues/{queue}/redrive-preview", "What moving a dead-letter queue back would move"))
    .input(queueInput)
    .query(({ ctx, input }) => previewRedrive(ctx, input)),
  /** "Something changed in queue X": the page refetches (and refetches everything after a reconnect). */
  live: staffProcedure
    .meta({ scope: "backoffice:read" })
    .input(liveInput)
    .subscription(({ input, signal }) => streamJobEvents({ lastEventId: input.lastEventId, signal })),

  retry: adminProcedure
    .meta(write("POST", "/queues/{queue}/jobs/{jobId}/retry", "Retry a failed job (admins)"))
    .input(jobRefInput)
    .mutation(({ ctx, input }) => retryJob(ctx, input)),
  cancel: adminProcedure
    .meta(write("POST", "/queues/{queue}/jobs/{jobId}/cancel", "Cancel an unfinished job (admins)"))
    .input(jobRefInput)
    .mutation(({ ctx, input }) => cancelJob(ctx, input)),
  delete: adminProcedure
    .meta(write("DELETE", "/queues/{queue}/jobs/{jobId}", "Delete a job (admins)"))
    .input(jobRefInput)
    .mutation(({ ctx, input }) => deleteJob(ctx, input)),
  retryFailed: adminProcedure
    .meta(write("POST", "/queues/{queue}/retry-failed", "Retry every failed job of a queue (admins)"))
    .input(queueInput)
    .mutation(({ ctx, input }) => retryFailedJobs(ctx, input)),
  redrive: adminProcedure
    .meta(write("POST", "/queues/{queue}/redrive", "Move dead letters back to their queues (admins)"))
    .input(queueInput)
    .mutation(({ ctx, input }) => redriveDeadLetters(ctx, input)),
  pauseSchedule: adminProcedure
    .meta(write("POST", "/schedules/{queue}/pause", "Pause a schedule (admins)"))
    .input(queueInput)
    .mutation(({ ctx, input }) => pauseSchedule(ctx, input)),
  resumeSchedule: adminProcedure
    .meta(write("POST", "/schedules/{queue}/resume", "Resume a schedule (admins)"))
    .input(queueInput)
    .mutation(({ ctx, input }) => resumeSchedule(ctx, input)),
  runScheduleNow: adminProcedure
    .meta(write("POST", "/schedules/{queue}/run", "Run a scheduled job now (admins)"))
    .input(queueInput)
    .mutation(({ ctx, input }) => runScheduleNow(ctx, input)),
});
