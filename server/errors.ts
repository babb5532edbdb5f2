/**
 * Domain errors. Services throw these; one mapping (TRPC_CODE, applied in server/api/trpc.ts)
 * turns them into tRPC codes, hence HTTP statuses, and the error formatter renders every failure
 * as the same shape: message plus `data: { code, httpStatus, appCode, fieldErrors, correlationId }`.
 */

type Context = Record<string, unknown>;

export abstract class AppError extends Error {
  abstract readonly kind:
    | "NOT_FOUND"
    | "CONFLICT"
    | "FORBIDDEN"
    | "UNAUTHORIZED"
    | "VALIDATION"
    | "RATE_LIMITED"
    | "UNAVAILABLE"
    | "TOO_LARGE"
    | "UNSUPPORTED_TYPE";

  constructor(
    /** Stable, machine-readable code clients may switch on, e.g. `EMAIL_TAKEN`. */
    readonly code: string,
    message: string,
    /** Sent to the client as `data.details`: facts that help it react, never secrets. */
    readonly context: Context = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  readonly kind = "NOT_FOUND";
}
export class ConflictError extends AppError {
  readonly kind = "CONFLICT";
}
export class ForbiddenError extends AppError {
  readonly kind = "FORBIDDEN";
}
export class UnauthorizedError extends AppError {
  readonly kind = "UNAUTHORIZED";
}
export class RateLimitedError extends AppError {
  readonly kind = "RATE_LIMITED";
}
/** Overloaded for a moment (e.g. no database connection free in time): retry after `retryAfterSeconds`. */
export class UnavailableError extends AppError {
  readonly kind = "UNAVAILABLE";
}

/** An upload or body over its size limit (413). */
export class PayloadTooLargeError extends AppError {
  readonly kind = "TOO_LARGE";
}
/** Content of a type this endpoint does not take, judged by its bytes (415). */
export class UnsupportedTypeError extends AppError {
  readonly kind = "UNSUPPORTED_TYPE";
}

/** A business-rule failure on one input field (the field name goes to the client). */
export class ValidationError extends AppError {
  readonly kind = "VALIDATION";
  constructor(
    code: string,
    message: string,
    readonly field: string,
    context: Context = {},
  ) {
    super(code, message, context);
  }
}

/** `{ email: ["…"] }` for errors that belong to one input field. */
export function fieldErrorsOf(error: AppError): Record<string, string[]> | undefined {
  const field = error instanceof ValidationError ? error.field : error.context.field;
  return typeof field === "string" ? { [field]: [error.message] } : undefined;
}

export const TRPC_CODE = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  VALIDATION: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_TYPE: "UNSUPPORTED_MEDIA_TYPE",
} as const satisfies Record<AppError["kind"], string>;

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. Please try again; if it keeps happening, contact support with the correlation ID.";
