import "server-only";
import {
  convertToModelMessages,
  createUIMessageStream,
  generateId,
  isStepCount,
  streamText,
  toUIMessageStream,
  TypeValidationError,
  validateUIMessages,
  type JSONValue,
  type LanguageModel,
} from "ai";
import type { SessionUser } from "../auth/roles";
import { chatModel } from "../ai/providers";
import { resolveChatModelId } from "../ai/models";
import { assistantInstructions } from "../ai/prompts/assistant";
import type { Db } from "../db/client";
import { AppError, NotFoundError, ValidationError } from "../errors";
import type { Logger } from "../observability/logger";
import { recordAssistantTurn } from "./assistant-turns.service";
import { assistantTools } from "./chat-tools";
import { citedSourcesTransform } from "./cited-sources";
import type { ChatQuota } from "./chat-quota";
import { isTextPart, MAX_QUESTION_CHARS, messageText, type ChatRequestInput } from "./chat.schemas";
import { conversationHistory, saveTurn, type StoredMessage } from "./conversations.service";
import { promptSources, retrieveForTurn, sourceTitle } from "./turn-retrieval";
import { turnKey, turnStreams, type TurnStreams } from "./turn-streams";

export interface ChatCtx {
  db: Db;
  log: Logger;
  user: SessionUser | null;
  ip: string | null;
}

/** Messages the model sees: the question and those before it, within both bounds. */
const HISTORY_MESSAGES = 20;
const HISTORY_CHARS = 16_000;
/** Tool calls and the answer after them; the loop stops here whatever the model wants. */
const MAX_STEPS = 5;

export const CHAT_ERROR_MESSAGE =
  "The assistant could not finish this answer. Try again; if it keeps failing, contact support.";

/**
 * One assistant turn: checks the model against the allow-list and the caller's quota, rebuilds
 * the conversation (a signed-in user's from the database, an anonymous visitor's from the
 * client), retrieves passages for the question, and streams the model's answer as a UI message
 * stream of text and tool parts, each cited source listed when first cited (cited-sources.ts).
 * The turn is buffered (turn-streams.ts): it runs to its end whoever reads it, and the stream
 * returned is one reader of it. A signed-in user's conversation is stored when the turn ends,
 * also when it was stopped mid-answer (stopTurn). `deps.model` replaces the configured model
 * (tests pass a mock); `deps.waitUntil` keeps a serverless function alive until the turn ends.
 */
export async function startAssistantTurn(
  ctx: ChatCtx,
  input: ChatRequestInput,
  deps: {
    quota: ChatQuota;
    model?: LanguageModel;
    turns?: TurnStreams;
    waitUntil?: (promise: Promise<unknown>) => void;
  },
) {
  const modelId = resolveChatModelId(input.model);
  const question = input.messages.at(-1)!;
  if (question.role !== "user")
    throw new ValidationError("LAST_MESSAGE_NOT_USER", "The last message must be your question.", "messages");
  if (!question.parts.every(isTextPart))
    throw new ValidationError("QUESTION_NOT_TEXT", "Questions are text only.", "messages");
  const questionText = messageText(question).trim();
  if (!questionText) throw new ValidationError("EMPTY_QUESTION", "Type a question first.", "messages");
  if (questionText.length > MAX_QUESTION_CHARS)
    throw new ValidationError(
      "QUESTION_TOO_LONG",
      `Keep questions under ${MAX_QUESTION_CHARS} characters.`,
      "messages",
    );
  const log = ctx.log.child({ chatId: input.id, model: modelId });
  const turn = await (deps.turns ?? turnStreams()).open(turnKey(ctx, input.id), {
    question: { id: question.id, role: "user", parts: question.parts },
    log,
  });
  try {
    await deps.quota.consume(ctx);
    const stream = await answerStream(ctx, input, { model: deps.model, modelId, log, signal: turn.signal });
    deps.waitUntil?.(turn.done);
    return turn.run(stream);
  } catch (error) {
    turn.discard();
    throw error;
  }
}

/** The model's answer to the question as a UI message stream, saved for its owner at its end. */
async function answerStream(
  ctx: ChatCtx,
  input: ChatRequestInput,
  deps: { model?: LanguageModel; modelId: string; log: Logger; signal: AbortSignal },
) {
  const { log } = deps;
  const tools = assistantTools(ctx);
  const history = await validHistory(tools, await historyFor(ctx, input));
  const { passages, concepts } = await retrieveForTurn(ctx, history);
  const sources = promptSources(passages);
  const started = performance.now();
  // The answer's id, from the server: the client's copy of the message has it too, so a rating can name it.
  const messageId = generateId();

  const result = streamText({
    model: deps.model ?? chatModel(deps.modelId),
    instructions: assistantInstructions({ sources, signedIn: !!ctx.user }),
    messages: await convertToModelMessages(history),
    tools,
    stopWhen: isStepCount(MAX_STEPS),
    // The local answerer ranks by the concepts retrieval weighted; other providers ignore them.
    providerOptions: { local: { concepts: concepts as unknown as JSONValue[] } },
    abortSignal: deps.signal,
    // The SDK's default prints to the console; ours is the JSON log with the correlation ID.
    onError: ({ error }) => log.error({ err: error }, "assistant turn failed"),
  });

  return createUIMessageStream({
    originalMessages: history,
    execute({ writer }) {
      writer.write({ type: "start", messageId });
      const cited = passages.map((p, i) => ({ n: i + 1, url: p.href, title: sourceTitle(p) }));
      writer.merge(
        toUIMessageStream({ stream: result.stream, sendStart: false, onError: readableError }).pipeThrough(
          citedSourcesTransform(cited),
        ),
      );
    },
    onError(error) {
      log.error({ err: error }, "assistant turn failed");
      return readableError(error);
    },
    async onEnd({ messages, responseMessage, isAborted }) {
      log.info(
        { sources: passages.length, messages: messages.length, aborted: isAborted, durationMs: elapsed(started) },
        "assistant turn finished",
      );
      if (ctx.user) {
        // Stopped before a word arrived: keep the question, there is no answer to keep.
        const answer = responseMessage.parts.length ? (responseMessage as StoredMessage) : undefined;
        try {
          await saveTurn({ ...ctx, user: ctx.user }, input.id, { question: history.at(-1) as StoredMessage, answer });
        } catch (error) {
          // Deleted while the answer streamed: nothing to keep it in.
          if (error instanceof NotFoundError) log.info("conversation deleted during the turn; not saved");
          else log.error({ err: error }, "conversation not saved");
        }
      }
      // After the save: a signed-in shopper's turn log refers to the stored conversation.
      await recordAssistantTurn(
        { ...ctx, log },
        {
          conversationId: input.id,
          question: messageText(history.at(-1)!).trim(),
          answer: responseMessage as StoredMessage,
          passages,
          modelId: deps.modelId,
        },
      );
    },
  });
}

/** What the shopper reads when a turn fails mid-stream; details stay in the log. */
const readableError = (error: unknown) => (error instanceof AppError ? error.message : CHAT_ERROR_MESSAGE);

const elapsed = (since: number) => Math.round(performance.now() - since);

/**
 * The messages the model sees. A signed-in user's stored conversation is the truth: the
 * client's last message is the question, and if it is stored already (regenerate), what came
 * after it is left out. An anonymous visitor's history comes from their client, so only its
 * text counts (a client could forge tool results). Both end within the history bounds.
 */
async function historyFor(ctx: ChatCtx, input: ChatRequestInput): Promise<StoredMessage[]> {
  const question = input.messages.at(-1)! as StoredMessage;
  let messages: StoredMessage[];
  if (ctx.user) {
    const stored = await conversationHistory({ ...ctx, user: ctx.user }, input.id);
    const index = stored.findIndex((m) => m.id === question.id);
    messages = index >= 0 ? stored.slice(0, index + 1) : [...stored, question];
  } else
    messages = input.messages.map((m) => ({
      id: m.id,
      role: m.role,
      parts: m.parts.filter(isTextPart),
    }));
  return withinBounds(messages);
}

/** The most recent messages that fit HISTORY_MESSAGES and HISTORY_CHARS (the question always). */
function withinBounds(messages: StoredMessage[]): StoredMessage[] {
  const kept: StoredMessage[] = [];
  let chars = 0;
  for (const message of messages.toReversed()) {
    chars += JSON.stringify(message.parts).length;
    if (kept.length && (kept.length >= HISTORY_MESSAGES || chars > HISTORY_CHARS)) break;
    kept.unshift(message);
  }
  return kept;
}

/** Parts the tools no longer accept (or a forged shape) are a 400 on `messages`, not a crash. */
async function validHistory(tools: ReturnType<typeof assistantTools>, messages: unknown[]) {
  try {
    return await validateUIMessages({ messages, tools });
  } catch (error) {
    if (error instanceof TypeValidationError || (error as Error).name?.includes("Validation"))
      throw new ValidationError(
        "INVALID_MESSAGES",
        "The conversation could not be read; start a new chat.",
        "messages",
      );
    throw error;
  }
}
