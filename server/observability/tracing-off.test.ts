import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { runWithContext } from "./request-context";
import { currentTraceParent, withSpan } from "./tracing";
import { startTracing } from "./tracing-setup";

describe("tracing without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("registers nothing: spans are the API's no-ops and jobs carry no trace", async () => {
    expect(startTracing()).toBeNull();
    const recording = await runWithContext({ correlationId: "no-trace-0001" }, () =>
      withSpan("trpc anything", {}, async (span) => span.isRecording()),
    );
    expect(recording).toBe(false);
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(currentTraceParent()).toBeUndefined();
  });
});
