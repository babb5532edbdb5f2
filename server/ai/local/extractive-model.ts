import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { NO_ANSWER } from "../prompts/refusal";
import { parseSources } from "../prompts/sources";
import { embedText, similarity, tokenize } from "./lexical-embedding";
import { pendingToolResults, summariseToolResult, toolCallFor, type ToolCall } from "./tool-intents";

/**
 * The offline "model": it does not generate language, it extracts. It reads the numbered
 * sources from the instructions (prompts/sources.ts), ranks their sentences by lexical
 * similarity to the last user message, and answers with the best few, each followed by its
 * citation marker [n] — or says plainly that the sources do not cover the question. It speaks
 * the AI SDK's LanguageModelV4 protocol, streaming word by word, so the chat code treats it like
 * any other model. Questions only a tool can answer ("do you have … under $80?", "where is my
 * order?") become tool calls, and their results are read back (tool-intents.ts).
 */

export { NO_ANSWER } from "../prompts/refusal";

export interface ExtractiveOptions {
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

const cellsOf = (row: string) =>
  row
    .replace(/^\s*\||\|\s*$/g, "")
    .split("|")
    .map((c) => c.trim());
const isSeparatorRow = (row: string) => /^\s*\|?[\s:|-]+\|?\s*$/.test(row) && row.includes("-");

/**
 * Markdown table rows as sentences a shopper can read on their own: under the header
 * "| Option | Delivery time |", the row "| Standard | 3–5 days |" becomes
 * "Option: Standard; Delivery time: 3–5 days." The header row itself is no answer.
 */
export function tablesAsSentences(text: string): string {
  const lines = text.split("\n");
  let header: string[] | null = null;
  return lines
    .flatMap((line, i) => {
      if (!line.trim().startsWith("|")) {
        header = null;
        return [line];
      }
      if (isSeparatorRow(line)) return [];
      if (!header && i + 1 < lines.length && isSeparatorRow(lines[i + 1]!)) {
        header = cellsOf(line);
        return [];
      }
      const cells = cellsOf(line);
      const labelled = header ? cells.map((c, j) => (header![j] ? `${header![j]}: ${c}` : c)) : cells;
      return [`${labelled.filter(Boolean).join("; ")}.`];
    })
    .join("\n");
}

function splitSentences(text: string): string[] {
  return tablesAsSentences(text)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^#+\s*/, "").trim())
    .filter((s) => tokenize(s).length >= 3);
}

export function extractAnswer(prompt: LanguageModelV4CallOptions["prompt"], options: ExtractiveOptions): string {
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

export const EXTRACTIVE_DEFAULTS: ExtractiveOptions = { maxSentences: 3, minScore: 0.12, wordDelayMs: 30 };

type Reply = { text: string; toolCall?: undefined } | { text?: undefined; toolCall: ToolCall };

/** After a tool ran: its result, summarised. Otherwise a tool call, or the extractive answer. */
function respond(call: LanguageModelV4CallOptions, options: ExtractiveOptions): Reply {
  const results = pendingToolResults(call.prompt);
  if (results.length) return { text: results.map(summariseToolResult).join(" ") };
  const offered = new Set((call.tools ?? []).map((t) => t.name));
  const lastUser = call.prompt.findLast((m) => m.role === "user");
  const toolCall = lastUser?.role === "user" ? toolCallFor(textOf(lastUser.content), offered) : null;
  return toolCall ? { toolCall } : { text: extractAnswer(call.prompt, options) };
}

let toolCallCount = 0;
const toolCallPart = (toolCall: ToolCall) => ({
  type: "tool-call" as const,
  toolCallId: `local-${Date.now().toString(36)}-${toolCallCount++}`,
  toolName: toolCall.toolName,
  input: JSON.stringify(toolCall.input),
});

const usageOf = (input: string, output: string): LanguageModelV4Usage => ({
  inputTokens: { total: tokenize(input).length, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: tokenize(output).length, text: tokenize(output).length, reasoning: undefined },
});

export class ExtractiveLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = "local";
  readonly supportedUrls = {};

  private readonly options: ExtractiveOptions;

  /** `options.wordDelayMs: 0` streams at once (tests, the evaluation). */
  constructor(
    readonly modelId = "extractive",
    options: Partial<ExtractiveOptions> = {},
  ) {
    this.options = { ...EXTRACTIVE_DEFAULTS, ...options };
  }

  async doGenerate(call: LanguageModelV4CallOptions) {
    const reply = respond(call, this.options);
    const usage = usageOf(JSON.stringify(call.prompt), reply.text ?? "");
    if (reply.toolCall)
      return {
        content: [toolCallPart(reply.toolCall)],
        finishReason: { unified: "tool-calls" as const, raw: "tool_calls" },
        usage,
        warnings: [],
      };
    return {
      content: [{ type: "text" as const, text: reply.text }],
      finishReason: { unified: "stop" as const, raw: "stop" },
      usage,
      warnings: [],
    };
  }

  async doStream(call: LanguageModelV4CallOptions) {
    const reply = respond(call, this.options);
    if (reply.toolCall) {
      const usage = usageOf(JSON.stringify(call.prompt), "");
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        toolCallPart(reply.toolCall),
        { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
      ];
      return { stream: new ReadableStream({ start: (c) => (parts.forEach((p) => c.enqueue(p)), c.close()) }) };
    }
    const text = reply.text;
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
