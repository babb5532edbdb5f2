import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { parseSources } from "../prompts/sources";
import { embedText, similarity, tokenize } from "./lexical-embedding";

/**
 * The offline "model": it does not generate language, it extracts. It reads the numbered
 * sources from the instructions (prompts/sources.ts), ranks their sentences by lexical
 * similarity to the last user message, and answers with the best few, each followed by its
 * citation marker [n] — or says plainly that the sources do not cover the question. It speaks
 * the AI SDK's LanguageModelV4 protocol, streaming word by word, so the chat code treats it like
 * any other model. It never calls tools.
 */

export const NO_ANSWER =
  "I could not find this in Shopwise's help centre or product details. Try asking in other words, or contact support.";

interface Options {
  maxSentences: number;
  /** Cosine similarity a sentence needs to count as relevant. */
  minScore: number;
  /**
   * Pause between streamed words. Extracting is instant; pacing it like a hosted model keeps
   * the chat's streaming (and its stop button) meaningful offline. 0 in tests.
   */
  wordDelayMs: number;
}

function textOf(parts: readonly { type: string; text?: string }[]) {
  return parts.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join(" ");
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^#+\s*/, "").trim())
    .filter((s) => tokenize(s).length >= 3);
}

export function extractAnswer(prompt: LanguageModelV4CallOptions["prompt"], options: Options): string {
  const instructions = prompt.flatMap((m) => (m.role === "system" ? [m.content] : [])).join("\n");
  const lastUser = prompt.findLast((m) => m.role === "user");
  const question = lastUser && lastUser.role === "user" ? textOf(lastUser.content) : "";
  if (!tokenize(question).length) return NO_ANSWER;
  const q = embedText(question);
  const ranked = parseSources(instructions)
    .flatMap((source) => splitSentences(source.text).map((text) => ({ n: source.n, text })))
    .map((s) => ({ ...s, score: similarity(q, embedText(s.text)) }))
    .filter((s) => s.score >= options.minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.maxSentences);
  if (!ranked.length) return NO_ANSWER;
  return ranked.map((s) => `${s.text} [${s.n}]`).join(" ");
}

const usageOf = (input: string, output: string): LanguageModelV4Usage => ({
  inputTokens: { total: tokenize(input).length, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: tokenize(output).length, text: tokenize(output).length, reasoning: undefined },
});

export class ExtractiveLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = "local";
  readonly supportedUrls = {};

  constructor(
    readonly modelId = "extractive",
    private readonly options: Options = { maxSentences: 3, minScore: 0.12, wordDelayMs: 15 },
  ) {}

  async doGenerate(call: LanguageModelV4CallOptions) {
    const text = extractAnswer(call.prompt, this.options);
    return {
      content: [{ type: "text" as const, text }],
      finishReason: { unified: "stop" as const, raw: "stop" },
      usage: usageOf(JSON.stringify(call.prompt), text),
      warnings: [],
    };
  }

  async doStream(call: LanguageModelV4CallOptions) {
    const text = extractAnswer(call.prompt, this.options);
    const words = text.split(/(?<=\s)/);
    const delay = this.options.wordDelayMs;
    let i = 0;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        controller.enqueue({ type: "stream-start", warnings: [] });
        controller.enqueue({ type: "text-start", id: "answer" });
      },
      // One word per pull, so a reader sees the answer arrive, and a cancel stops it mid-way.
      async pull(controller) {
        if (call.abortSignal?.aborted) return controller.close();
        if (i < words.length) {
          if (delay && i > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          return controller.enqueue({ type: "text-delta", id: "answer", delta: words[i++]! });
        }
        controller.enqueue({ type: "text-end", id: "answer" });
        controller.enqueue({
          type: "finish",
          finishReason: { unified: "stop", raw: "stop" },
          usage: usageOf(JSON.stringify(call.prompt), text),
        });
        controller.close();
      },
    });
    return { stream };
  }
}
