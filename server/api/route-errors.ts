import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { AppError, fieldErrorsOf, INTERNAL_ERROR_MESSAGE, TRPC_CODE } from "../errors";
import { getLogger } from "../observability/logger";
import { currentCorrelationId } from "../observability/request-context";
import { zodFieldErrors } from "./trpc";

/**
 * The error response of a plain route handler (chat, upload): the same status codes and the same
 * `{ message, code, data }` shape as a tRPC error, under `error`, so clients read one shape.
 * Unexpected errors are logged with their stack and answered with the generic message.
 */
export function errorResponse(error: unknown): Response {
  const trpcError = toTrpcError(error);
  const status = getHTTPStatusCodeFromError(trpcError);
  const cause = trpcError.cause;
  if (trpcError.code === "INTERNAL_SERVER_ERROR") getLogger().error({ err: error }, "request failed");
  const appError = cause instanceof AppError ? cause : null;
  const body = {
    error: {
      message: trpcError.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_ERROR_MESSAGE : trpcError.message,
      code: trpcError.code,
      data: {
        httpStatus: status,
        appCode: appError?.code ?? (cause instanceof ZodError ? "VALIDATION_FAILED" : trpcError.code),
        fieldErrors:
          cause instanceof ZodError ? zodFieldErrors(cause) : appError ? (fieldErrorsOf(appError) ?? null) : null,
        details: appError?.context ?? null,
        correlationId: currentCorrelationId() ?? null,
      },
    },
  };
  const retryAfter = appError?.context.retryAfterSeconds;
  const headers = typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined;
  return Response.json(body, { status, headers });
}

function toTrpcError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError)
    return new TRPCError({ code: TRPC_CODE[error.kind], message: error.message, cause: error });
  if (error instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: "Some fields need attention.", cause: error });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error instanceof Error ? error : undefined });
}
