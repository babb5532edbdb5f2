import "server-only";
import type { EmbeddingModelMiddleware, LanguageModelMiddleware } from "ai";
import { SpanKind, tracer, withSpan } from "../observability/tracing";
import { context, SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * A span around every model call, whichever provider serves it (the local models included), as
 * model middleware: one place instead of an option at each streamText / embed call. A streamed
 * answer's span lasts until its stream ends, not just until the first token.
 */

const attributesOf = (model: { provider: string; modelId: string }, operation: string) => ({
  "gen_ai.operation.name": operation,
  "gen_ai.system": model.provider,
  "gen_ai.request.model": model.modelId,
});

export const languageModelTracing: LanguageModelMiddleware = {
  wrapGenerate: ({ doGenerate, model }) =>
    withSpan(`ai.generate ${model.modelId}`, { kind: SpanKind.CLIENT, attributes: attributesOf(model, "chat") }, () =>
      Promise.resolve(doGenerate()),
    ),
  async wrapStream({ doStream, model }) {
    const span = tracer().startSpan(`ai.stream ${model.modelId}`, {
      kind: SpanKind.CLIENT,
      attributes: attributesOf(model, "chat"),
    });
    try {
      const result = await context.with(trace.setSpan(context.active(), span), () => doStream());
      const ended = new TransformStream<typeof result.stream extends ReadableStream<infer P> ? P : never>({
        flush: () => span.end(),
      });
      return { ...result, stream: result.stream.pipeThrough(ended) };
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      span.end();
      throw error;
    }
  },
};

export const embeddingModelTracing: EmbeddingModelMiddleware = {
  wrapEmbed: ({ doEmbed, model, params }) =>
    withSpan(
      `ai.embed ${model.modelId}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { ...attributesOf(model, "embeddings"), "gen_ai.input.count": params.values.length },
      },
      () => Promise.resolve(doEmbed()),
    ),
};
