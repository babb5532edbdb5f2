import { randomBytes } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { ExtractiveLanguageModel } from "../local/extractive-model";
import type { ChatQuota } from "../../chat/chat-quota";
import { startAssistantTurn, type ChatCtx } from "../../chat/chat.service";

/**
 * One real assistant turn, in-process, as an anonymous visitor with the offline local model:
 * the answer text, its sources, the tools it called and the time to the first text token.
 */

/** A message as an anonymous client sends it back (text parts only are kept by the service). */
export interface TurnMessage {
  id: string;
  role: "user" | "assistant";
  parts: { type: "text"; text: string }[];
}

export interface TurnOutcome {
  answer: string;
  /** sourceId ("1", "2" …) → the source-url part. */
  sources: Map<string, { url: string; title: string }>;
  tools: { name: string; output: unknown }[];
  ttftMs: number | null;
}

// The evaluation measures answers, not the rate limit.
const unlimitedQuota: ChatQuota = { consume: async () => {} };
const model = new ExtractiveLanguageModel("extractive", { wordDelayMs: 0 });

const newId = (prefix: string) => `${prefix}${randomBytes(9).toString("base64url")}`;

export const textMessage = (role: TurnMessage["role"], text: string): TurnMessage => ({
  id: newId(role === "user" ? "q" : "a"),
  role,
  parts: [{ type: "text", text }],
});

export async function runTurn(ctx: ChatCtx, messages: TurnMessage[]): Promise<TurnOutcome> {
  const started = performance.now();
  const stream = await startAssistantTurn(
    ctx,
    { id: newId("eval"), trigger: "submit-message", messages },
    { quota: unlimitedQuota, model },
  );
  const outcome: TurnOutcome = { answer: "", sources: new Map(), tools: [], ttftMs: null };
  const toolNames = new Map<string, string>();
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    record(outcome, toolNames, next.value, started);
  return outcome;
}

function record(outcome: TurnOutcome, toolNames: Map<string, string>, chunk: UIMessageChunk, started: number) {
  switch (chunk.type) {
    case "text-delta":
      outcome.ttftMs ??= performance.now() - started;
      outcome.answer += chunk.delta;
      break;
    case "text-end":
      // Separate text blocks of different steps (a tool summary, then an answer) like the UI does.
      if (outcome.answer && !outcome.answer.endsWith("\n")) outcome.answer += "\n";
      break;
    case "source-url":
      outcome.sources.set(chunk.sourceId, { url: chunk.url, title: chunk.title ?? "" });
      break;
    case "tool-input-available":
      toolNames.set(chunk.toolCallId, chunk.toolName);
      break;
    case "tool-output-available":
      outcome.tools.push({ name: toolNames.get(chunk.toolCallId) ?? "unknown", output: chunk.output });
      break;
    case "error":
      throw new Error(`assistant turn failed: ${chunk.errorText}`);
  }
}
