import type { ApiError } from "~/app/_lib/api-errors";

/** Retry only what may pass next time: network failures and our own errors, not bad input. */
export function retryTransient(failures: number, error: ApiError) {
  return failures < 2 && (!error.data || error.data.httpStatus >= 500);
}
