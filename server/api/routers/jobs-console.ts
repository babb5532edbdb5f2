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
import { adminProcedure, createTRPCRouter, staffProcedure } from "../trpc";

const read = { scope: "backoffice:read" } as const;
const write = { scope: "backoffice:write" } as const;

/** The jobs console (/admin/jobs): staff read, admins act; every action is audited by its service. */
export const jobsConsoleRouter = createTRPCRouter({
  overview: staffProcedure.meta(read).query(({ ctx }) => getJobsOverview(ctx)),
  list: staffProcedure
    .meta(read)
    .input(listJobsInput)
    .query(({ ctx, input }) => listQueueJobs(ctx, input)),
  find: staffProcedure
    .meta(read)
    .input(findJobInput)
    .query(({ ctx, input }) => findJobQueue(ctx, input)),
  detail: staffProcedure
    .meta(read)
    .input(jobRefInput)
    .query(({ ctx, input }) => getJobDetail(ctx, input)),
  schedules: staffProcedure.meta(read).query(({ ctx }) => listSchedules(ctx)),
  previewRedrive: staffProcedure
    .meta(read)
    .input(queueInput)
    .query(({ ctx, input }) => previewRedrive(ctx, input)),
  /** "Something changed in queue X": the page refetches (and refetches everything after a reconnect). */
  live: staffProcedure
    .meta(read)
    .input(liveInput)
    .subscription(({ input, signal }) => streamJobEvents({ lastEventId: input.lastEventId, signal })),

  retry: adminProcedure
    .meta(write)
    .input(jobRefInput)
    .mutation(({ ctx, input }) => retryJob(ctx, input)),
  cancel: adminProcedure
    .meta(write)
    .input(jobRefInput)
    .mutation(({ ctx, input }) => cancelJob(ctx, input)),
  delete: adminProcedure
    .meta(write)
    .input(jobRefInput)
    .mutation(({ ctx, input }) => deleteJob(ctx, input)),
  retryFailed: adminProcedure
    .meta(write)
    .input(queueInput)
    .mutation(({ ctx, input }) => retryFailedJobs(ctx, input)),
  redrive: adminProcedure
    .meta(write)
    .input(queueInput)
    .mutation(({ ctx, input }) => redriveDeadLetters(ctx, input)),
  pauseSchedule: adminProcedure
    .meta(write)
    .input(queueInput)
    .mutation(({ ctx, input }) => pauseSchedule(ctx, input)),
  resumeSchedule: adminProcedure
    .meta(write)
    .input(queueInput)
    .mutation(({ ctx, input }) => resumeSchedule(ctx, input)),
  runScheduleNow: adminProcedure
    .meta(write)
    .input(queueInput)
    .mutation(({ ctx, input }) => runScheduleNow(ctx, input)),
});
