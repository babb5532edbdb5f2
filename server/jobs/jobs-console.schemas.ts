import { z } from "zod";
import { pageInput, text } from "../inputs";

/** pg-boss's job states, in its own order (created → failed). */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job can still be cancelled in; a finished one can only be deleted. */
export const CANCELLABLE_STATES: readonly JobState[] = ["created", "retry", "active"];

/** Every queue's dead letters go to the queue of this name (server/jobs/queue.ts ensureQueue). */
export const DEAD_LETTER_SUFFIX = ".dead";

/** A queue's name; the service answers 404 (field "queue") for one that is not ours. */
export const queueNameInput = text({ max: 100 }).min(1, { error: "Choose a queue." });

/** pg-boss job ids are UUIDs. */
export const jobIdInput = z.uuid({ error: "Not a valid job id (a UUID)." });

export const listJobsInput = z.strictObject({
  queue: queueNameInput,
  state: z.enum(JOB_STATES).optional(),
  page: pageInput,
});

export const jobRefInput = z.strictObject({ queue: queueNameInput, jobId: jobIdInput });
export const findJobInput = z.strictObject({ jobId: jobIdInput });
export const queueInput = z.strictObject({ queue: queueNameInput });

export type ListJobsInput = z.infer<typeof listJobsInput>;
export type JobRefInput = z.infer<typeof jobRefInput>;
