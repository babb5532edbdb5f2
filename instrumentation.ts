/**
 * Next.js calls register() once per server process (Vercel functions, `next start`, and inside
 * the self-hosted server, which has usually started tracing already): OpenTelemetry for the Node
 * runtime, exporting only when OTEL_EXPORTER_OTLP_ENDPOINT is set (server/observability/tracing-setup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTracing } = await import("./server/observability/tracing-setup");
  startTracing();
}
