import type {
  JSONObject,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { LANGUAGE_NOTICE, NO_ANSWER } from "../prompts/refusal";
import { parseSources } from "../prompts/sources";
import { selectUnits, type SelectionOptions } from "./answer-selection";
import { unitsOf, type AnswerUnit } from "./answer-units";
import { isUnservedLanguage } from "./language";
import { tokenize } from "./lexical-embedding";
import { analyseQuestions, conceptsOfPart, questionParts, type Concept } from "./terms";
import { pendingToolResults, summariseToolResult, toolCallFor, type ToolCall } from "./tool-intents";

/**
 * The offline "model": it does not generate language, it extracts. It reads the numbered
 * sources from the instructions (prompts/sources.ts), cuts them into sentences, table rows and
 * lists (answer-units.ts), and answers with the few that best cover the question, each followed
 * by its citation marker [n] (answer-selection.ts) — or says plainly that the sources do not
 * cover the question, or which language it answers in. The question's concepts come weighted by
 * their rarity in the knowledge base from retrieval (`providerOptions.local.concepts`); without
 * them every concept weighs the same. It speaks the AI SDK's LanguageModelV4 protocol, streaming
 * word by word, so the chat code treats it like any other model. Questions only a tool can answer
 * ("do you have … under $80?", "where is my order?") become tool calls, and their results are
 * read back (tool-intents.ts).
 */

export { NO_ANSWER } from "../prompts/refusal";

export interface ExtractiveOptions extends SelectionOptions {
  /**
   * Pause between streamed words. Extracting is instant; pacing it like a hosted model keeps
   * the chat's streaming (and its stop button) meaningful offline. 0 in tests.
   */
  wordDelayMs: number;
}

type Prompt = LanguageModelV4CallOptions["prompt"];

function textOf(parts: readonly { type: string; text?: string }[]) {
  return parts.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join(" ");
}

/** The shopper's questions in the prompt, oldest first. */
export function questionsOf(prompt: Prompt): string[] {
  return prompt.flatMap((m) => (m.role === "user" ? [textOf(m.content)] : []));
}

/** The weighted concepts retrieval sent along, if well-formed. */
function conceptsFrom(providerOptions: LanguageModelV4CallOptions["providerOptions"]): Concept[] | null {
  const value = providerOptions?.local?.concepts;
  if (!Array.isArray(value)) return null;
  const concepts = value.filter(
    (c): c is Concept & JSONObject =>
      !!c &&
      typeof c === "object" &&
      typeof (c as JSONObject).weight === "number" &&
      typeof (c as JSONObject).terms === "object",
  );
  return concepts.length ? concepts : null;
}

/** The answer to the last question from the prompt's sources. */
export function extractAnswer(prompt: Prompt, options: SelectionOptions, weighted?: Concept[] | null): string {
  const questions = questionsOf(prompt);
  const question = questions.at(-1) ?? "";
  if (isUnservedLanguage(question)) return LANGUAGE_NOTICE;
  const concepts = weighted ?? analyseQuestions(questions).concepts;
  if (!concepts.length) return NO_ANSWER;
  const instructions = prompt.flatMap((m) => (m.role === "system" ? [m.content] : [])).join("\n");
  const units = parseSources(instructions).flatMap((source, rank) => unitsOf(source, rank));
  // A product that retrieval ranks first is one the question names: it is answered, if only with its price.
  const named = units.find((u) => u.productSummary && u.rank === 0);
  const chosen = selectForParts(units, concepts, question, options);
  if (!chosen.length && named) chosen.push(named);
  if (!chosen.length) return NO_ANSWER;
  // A product the question names (retrieval lists products only then) is answered with its live
  // price and stock first, then what the best quote says — about it, or about the policy asked.
  const product = units.find((u) => u.productSummary && (u.n === chosen[0]!.n || u.rank === 0));
  const description =
    product && chosen.every((u) => u === product) ? bestOfSource(units, chosen, concepts, product.n) : undefined;
  const quoted = product
    ? [product, ...(description ? [description] : []), ...chosen.filter((u) => u !== product)]
    : chosen;
  return quotations(quoted)
    .map((q) => `${q.text} [${q.n}]`)
    .join(" ");
}

/**
 * Each part of a multi-part question answered on its own ("how much … and how long …?"), so one
 * part's best quote cannot crowd out the other's. A one-part question, or one with a part
 * nothing answers, is answered as a whole.
 */
function selectForParts(units: AnswerUnit[], concepts: Concept[], question: string, options: SelectionOptions) {
  const parts = questionParts(question);
  if (parts.length > 1) {
    const answers = parts.map((part) => {
      const own = conceptsOfPart(concepts, part);
      return own.length ? selectUnits(units, own, { ...options, maxUnits: 1 }) : [];
    });
    if (answers.every((a) => a.length)) return [...new Set(answers.flat())];
  }
  return selectUnits(units, concepts, options);
}

/** The unit of source `n` that best fits the question, other than its price line. */
function bestOfSource(units: AnswerUnit[], chosen: AnswerUnit[], concepts: Concept[], n: number) {
  const own = units.filter((u) => u.n === n && !u.productSummary && !chosen.includes(u));
  return selectUnits(own, concepts, { maxUnits: 1, minCoverage: 0 })[0] ?? own[0];
}

/**
 * The chosen units as the answer quotes them: list items under the line that introduces them
 * (items of one list together), a sentence too short to stand alone with the one after it.
 */
function quotations(units: readonly AnswerUnit[]): { n: number; text: string }[] {
  const quoted: { n: number; text: string; list?: string; items?: string[]; header?: string }[] = [];
  for (const unit of units) {
    const list = unit.list;
    if (list?.header) {
      const same = quoted.find((q) => q.list === list.id);
      if (same) same.items!.push(list.item);
      else quoted.push({ n: unit.n, text: "", list: list.id, header: list.header, items: [list.item] });
      continue;
    }
    const short = unit.terms.length <= SHORT_SENTENCE_TERMS && unit.continuation;
    const text =
      short && !units.some((u) => u.text === unit.continuation) ? `${unit.text} ${unit.continuation}` : unit.text;
    quoted.push({ n: unit.n, text });
  }
  return quoted.map((q) => (q.items ? { n: q.n, text: `${q.header} ${q.items.join("; ")}.` } : q));
}

/** "Treat a gift card like cash." says little until the next sentence says what to do. */
const SHORT_SENTENCE_TERMS = 5;

export const EXTRACTIVE_DEFAULTS: ExtractiveOptions = { maxUnits: 3, minCoverage: 0.4, wordDelayMs: 30 };

type Reply = { text: string; toolCall?: undefined } | { text?: undefined; toolCall: ToolCall };

/** After a tool ran: its result, summarised. Otherwise a tool call, or the extractive answer. */
function respond(call: LanguageModelV4CallOptions, options: ExtractiveOptions): Reply {
  const results = pendingToolResults(call.prompt);
  if (results.length) return { text: results.map(summariseToolResult).join(" ") };
  const question = questionsOf(call.prompt).at(-1) ?? "";
  if (isUnservedLanguage(question)) return { text: LANGUAGE_NOTICE };
  const offered = new Set((call.tools ?? []).map((t) => t.name));
  const toolCall = toolCallFor(question, offered);
  return toolCall ? { toolCall } : { text: extractAnswer(call.prompt, options, conceptsFrom(call.providerOptions)) };
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
