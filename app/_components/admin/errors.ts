import { TRPCClientError } from "@trpc/client";
import { fieldErrorsOf, messageOf, type ApiError } from "~/app/_lib/api-errors";

/** What to show next to one field after a failed save: its own error, else the call's message. */
export function fieldMessageOf(error: unknown, field: string): string {
  if (!(error instanceof TRPCClientError)) return "Saving failed. Try again.";
  const apiError = error as ApiError;
  return fieldErrorsOf(apiError)[field]?.[0] ?? messageOf(apiError);
}
