import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { getEnv } from "../env";
import { getLogger } from "./logger";

/**
 * The OpenTelemetry SDK, started once per process (server/main.ts, the worker, and Next's
 * instrumentation.ts register(): whichever comes first; the flag is on globalThis because Next's
 * bundle has its own copy of this module). Without OTEL_EXPORTER_OTLP_ENDPOINT (and without a
 * test's exporter) nothing is registered: the API stays a no-op.
 */

type Tracing = { provider: NodeTracerProvider };

/** Attributes that carry a URL: Next's own spans put the raw request URL there, query included. */
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "next.route.url"];

/**
 * Drops query strings from URL attributes before a span leaves the process: queries carry OAuth
 * codes, search terms and sign-in callback URLs, which have no place in a collector.
 */
export function withoutQueries(inner: SpanProcessor): SpanProcessor {
  return {
    onStart: (span, context) => inner.onStart(span, context),
    onEnd(span: ReadableSpan) {
      const attributes = span.attributes as Record<string, unknown>;
      for (const name of URL_ATTRIBUTES) {
        const value = attributes[name];
        if (typeof value === "string" && value.includes("?")) attributes[name] = value.slice(0, value.indexOf("?"));
      }
      if ("url.query" in attributes) delete attributes["url.query"];
      inner.onEnd(span);
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
}
const state = globalThis as unknown as { shopwiseTracing?: Tracing | null };

export function startTracing(options: { exporter?: SpanExporter } = {}): Tracing | null {
  if (state.shopwiseTracing !== undefined) return state.shopwiseTracing;
  const env = getEnv();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporter =
    options.exporter ??
    (endpoint &&
      new OTLPTraceExporter({
        url: `${endpoint.replace(/\/+$/, "")}/v1/traces`,
        headers: env.OTEL_EXPORTER_OTLP_HEADERS,
      }));
  if (!exporter) return (state.shopwiseTracing = null);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME }),
    // A test's exporter sees each span as it ends; a collector gets them in batches.
    spanProcessors: [
      withoutQueries(options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)),
    ],
  });
  // AsyncLocalStorage context (spans follow awaits, like the request context) and W3C propagation.
  provider.register();
  // Prisma's own spans (operation, serialisation, each SQL statement), children of the active span.
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(provider);
  prisma.enable();
  if (endpoint) getLogger().info({ endpoint, service: env.OTEL_SERVICE_NAME }, "tracing exported over OTLP");
  return (state.shopwiseTracing = { provider });
}

/** Sends the spans still buffered (before the process exits). */
export async function stopTracing() {
  await state.shopwiseTracing?.provider.shutdown().catch(() => {});
}
