import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";
import { recordProcedureCall } from "./metrics";
import { currentCorrelationId } from "./request-context";

/**
 * Spans of the request → procedure → SQL → job → model-call chain, on the OpenTelemetry API
 * only: until tracing-setup.ts registers a provider (OTEL_EXPORTER_OTLP_ENDPOINT set) every call
 * here is the API's no-op. Each span carries the correlation ID that log lines carry, so a trace
 * and its logs find each other.
 */

export const CORRELATION_ATTRIBUTE = "correlation.id";

export function tracer() {
  return trace.getTracer("shopwise");
}

const withCorrelation = (attributes: Attributes = {}): Attributes => {
  const correlationId = currentCorrelationId();
  return correlationId ? { ...attributes, [CORRELATION_ATTRIBUTE]: correlationId } : attributes;
};

function fail(span: Span, error: unknown) {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `fn` in a new span, a child of the active one (or of `parent`), ended when it settles. */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: withCorrelation(options.attributes) },
    options.parent ?? context.active(),
  );
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => fn(span));
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The server span of one HTTP request, started by the edge (http.ts) before the handler runs and
 * ended when the response closes; `run` executes the handler inside it.
 */
export function startHttpSpan(method: string, path: string) {
  const span = tracer().startSpan(`HTTP ${method}`, {
    kind: SpanKind.SERVER,
    attributes: withCorrelation({ "http.request.method": method, "url.path": path }),
  });
  return {
    run: <T>(fn: () => T): T => context.with(trace.setSpan(context.active(), span), fn),
    end(status: number, aborted = false) {
      span.setAttribute("http.response.status_code", status);
      if (aborted) span.setAttribute("http.aborted", true);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/**
 * The tRPC middleware body (server/api/trpc.ts): one span per procedure call, and its count and
 * duration by procedure and outcome for the metrics. Outermost, so it sees the final tRPC code.
 */
export async function observeProcedure<R extends { ok: true } | { ok: false; error: { code: string } }>(opts: {
  path: string;
  type: string;
  next: () => Promise<R>;
}): Promise<R> {
  const started = performance.now();
  const result = await withSpan(
    `trpc ${opts.path}`,
    { attributes: { "rpc.system": "trpc", "rpc.method": opts.path, "trpc.type": opts.type } },
    async (span) => {
      const outcome = await opts.next();
      if (!outcome.ok) {
        span.setAttribute("trpc.error_code", outcome.error.code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.code });
      }
      return outcome;
    },
  );
  recordProcedureCall({
    procedure: opts.path,
    type: opts.type,
    status: result.ok ? "OK" : result.error.code,
    seconds: (performance.now() - started) / 1000,
  });
  return result;
}

/** The active trace as a W3C `traceparent`, for a job to continue the trace of its request. */
export function currentTraceParent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a job's span starts in: its request's trace when it carried one. */
export function contextFromTraceParent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

export { SpanKind };
