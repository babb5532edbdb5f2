import { readEnum, readPage } from "~/app/_components/admin/search-params";
import { JOB_STATES } from "~/server/jobs/jobs-console.schemas";

/** A queue page's query from its URL: ?state=&page= (always newest first). */
export function queueJobsInput(queue: string, params: URLSearchParams) {
  return { queue, state: readEnum(params, "state", JOB_STATES), page: readPage(params) };
}
