import type { TRPCClientErrorLike } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";

export type ApiError = TRPCClientErrorLike<AppRouter>;

/** `{ email: ["…"] }` from a failed call, empty when the error is not about input fields. */
export function fieldErrorsOf(error: ApiError | null | undefined): Partial<Record<string, string[]>> {
  return error?.data?.fieldErrors ?? {};
}

/** What to tell the user; errors without data never reached the server (offline, DNS, CORS). */
export function messageOf(error: ApiError): string {
  if (!error.data) return "We could not reach Shopwise. Check your connection, then try again.";
  return error.message;
}

/** The ID support needs to find the request in the logs, for failures that are ours. */
export function referenceOf(error: ApiError): string | null {
  return error.data?.code === "INTERNAL_SERVER_ERROR" ? (error.data.correlationId ?? null) : null;
}
