/**
 * Domain errors and the one renderer of every error. Services throw the AppError family; one
 * mapping (toTRPCError) turns any failure into a tRPC code, hence an HTTP status, and renderError
 * gives every client the same body: message plus `data: { code, httpStatus, appCode, fieldErrors,
 * details, correlationId }` — tRPC's error formatter, the route handlers, the self-hosted server's
 * last-resort handler and the cron routes all call it.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY, type TRPC_ERROR_CODE_NUMBER } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { appErrorFromDatabase } from "./db/errors";
import { getLogger } from "./observability/logger";
import { currentCorrelationId } from "./observability/request-context";

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
} as const satisfies Record<AppError["kind"], TRPC_ERROR_CODE_KEY>;

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. Please try again; if it keeps happening, contact support with the correlation ID.";

/**
 * Messages by field. A null-prototype map: a client may name a field `constructor`, `toString` or
 * `__proto__`, and those names must be plain keys here, not Object.prototype's members.
 */
export type FieldErrors = Record<string, string[]>;

function addFieldError(errors: FieldErrors, field: string, message: string) {
  (Object.hasOwn(errors, field) ? errors[field]! : (errors[field] = [])).push(message);
}

/** Zod's issues by top-level field ("input" for the input as a whole); unknown keys are named as fields. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = Object.create(null);
  for (const issue of error.issues) {
    // A key the input does not take is its own field at the top level; deeper, it is its field's problem.
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys)
        if (issue.path.length) addFieldError(errors, String(issue.path[0]), `“${key}” is not accepted here.`);
        else addFieldError(errors, key, "This field is not accepted here.");
    else addFieldError(errors, issue.path.length ? String(issue.path[0]) : "input", issue.message);
  }
  return errors;
}

function appFieldErrors(error: AppError): FieldErrors | null {
  const field = error instanceof ValidationError ? error.field : error.context.field;
  if (typeof field !== "string") return null;
  const errors: FieldErrors = Object.create(null);
  addFieldError(errors, field, error.message);
  return errors;
}

/**
 * Any failure as a TRPCError whose code decides the HTTP status: domain errors by their kind,
 * zod's as BAD_REQUEST, database outages as SERVICE_UNAVAILABLE (server/db/errors.ts), a
 * malformed URL as BAD_REQUEST, anything else as INTERNAL_SERVER_ERROR. The original stays as `cause`.
 */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const appError = cause instanceof AppError ? cause : appErrorFromDatabase(cause);
  if (appError) return new TRPCError({ code: TRPC_CODE[appError.kind], message: appError.message, cause: appError });
  if (cause instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: "Some fields need attention.", cause });
  if (cause instanceof URIError)
    return new TRPCError({ code: "BAD_REQUEST", message: "The address is not valid (bad percent-encoding).", cause });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE, cause: asError(cause) });
}

const asError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

/** The one error body every client sees, from tRPC or any other route: `{ message, code, data }`. */
export interface ErrorBody {
  message: string;
  /** JSON-RPC 2.0 code, as tRPC clients expect. */
  code: TRPC_ERROR_CODE_NUMBER;
  data: {
    code: TRPC_ERROR_CODE_KEY;
    httpStatus: number;
    /** The procedure, for tRPC calls. */
    path: string | null;
    /** Stable machine-readable reason, e.g. EMAIL_TAKEN, VALIDATION_FAILED, DATABASE_UNAVAILABLE. */
    appCode: string;
    fieldErrors: FieldErrors | null;
    /** The domain error's context, e.g. `{ productId, available }` for OUT_OF_STOCK. */
    details: Record<string, unknown> | null;
    correlationId: string | null;
  };
}

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
  /** Unexpected: log it with its stack (expected failures are part of the request line). */
  internal: boolean;
}

/** Bad requests that are malformed as a whole, not a field's value: they stay 400 under `unprocessableFields`. */
const MALFORMED_REQUEST_CODES = new Set(["PARSE_ERROR", "INVALID_JSON", "IDEMPOTENCY_KEY_INVALID"]);

export interface RenderOptions {
  /** The procedure, for tRPC calls. */
  path?: string;
  /**
   * REST's convention: a well-formed request whose fields fail validation is 422 Unprocessable
   * Content (tRPC clients keep 400, as they expect).
   */
  unprocessableFields?: boolean;
}

/** Renders any error, the one way: status, headers (Retry-After) and body. Never leaks a stack or a cause's message. */
export function renderError(error: unknown, options: RenderOptions = {}): RenderedError {
  const trpcError = toTRPCError(error);
  const cause = trpcError.cause;
  const appError = cause instanceof AppError ? cause : null;
  const internal = trpcError.code === "INTERNAL_SERVER_ERROR";
  const fieldErrors = cause instanceof ZodError ? zodFieldErrors(cause) : appError ? appFieldErrors(appError) : null;
  const appCode = appError?.code ?? (cause instanceof ZodError ? "VALIDATION_FAILED" : trpcError.code);
  let status = getHTTPStatusCodeFromError(trpcError);
  if (options.unprocessableFields && status === 400 && fieldErrors && !MALFORMED_REQUEST_CODES.has(appCode))
    status = 422;
  const retryAfter = appError?.context.retryAfterSeconds;
  const body: ErrorBody = {
    message: internal ? INTERNAL_ERROR_MESSAGE : trpcError.message,
    code: TRPC_ERROR_CODES_BY_KEY[trpcError.code],
    data: {
      code: trpcError.code,
      httpStatus: status,
      path: options.path ?? null,
      appCode,
      fieldErrors,
      details: appError && Object.keys(appError.context).length ? appError.context : null,
      correlationId: currentCorrelationId() ?? null,
    },
  };
  const headers: Record<string, string> = typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {};
  return { status, headers, body, internal };
}

/** renderError for an HTTP edge's own response: the unexpected are logged with their stack. */
export function renderRequestError(error: unknown, options: RenderOptions = {}): RenderedError {
  const rendered = renderError(error, options);
  if (rendered.internal) getLogger().error({ err: error }, "request failed");
  return rendered;
}

/** A route handler's error response: `{ error: ErrorBody }` with its status and headers. */
export function errorResponse(error: unknown, options: RenderOptions = {}): Response {
  const rendered = renderRequestError(error, options);
  return Response.json({ error: rendered.body }, { status: rendered.status, headers: rendered.headers });
}
