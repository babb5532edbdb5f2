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

describe("exported spans", () => {
  it("lose the query string of every URL attribute (OAuth codes, search terms)", async () => {
    const { withoutQueries } = await import("./tracing-setup");
    const ended: Record<string, unknown>[] = [];
    const processor = withoutQueries({
      onStart: () => {},
      onEnd: (span) => void ended.push({ ...span.attributes }),
      forceFlush: async () => {},
      shutdown: async () => {},
    });
    const attributes = {
      "http.target": "/api/auth/callback/github?code=secret-code&state=s",
      "url.full": "https://shop.example.com/search?q=my+medical+condition",
      "url.query": "q=x",
      "http.method": "GET",
    };
    processor.onEnd({ attributes } as never);
    expect(ended).toEqual([
      {
        "http.target": "/api/auth/callback/github",
        "url.full": "https://shop.example.com/search",
        "http.method": "GET",
      },
    ]);
  });
});
