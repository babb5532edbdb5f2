import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { TRPCError } from "@trpc/server";
import { simulateReadableStream, type UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_ANSWER } from "../ai/prompts/refusal";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { renderError } from "../errors";
import { upsertHelpCentre } from "../knowledge/help-centre";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { callerFor, createUser } from "../test/factories";
import { feedbackOf, isRateable } from "./assistant-feedback.schemas";
import { createChatQuota } from "./chat-quota";
import type { ChatRequestInput } from "./chat.schemas";
import { startAssistantTurn } from "./chat.service";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A model that answers with these words (none: a turn stopped before any text). */
const answering = (...deltas: string[]) =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream<LanguageModelV4StreamPart>({
        chunks: [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "t" },
          ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
        ],
      }),
    }),
  });

const unlimited = createChatQuota(db, { perUserPerHour: 1000, perIpPerHour: 1000 });
let sequence = 0;

/** One turn, read to its end as the browser would; returns the chat id and the answer's id from the start chunk. */
async function ask(user: SessionUser | null, text: string, model?: MockLanguageModelV4) {
  const input: ChatRequestInput = {
    id: `chat${Math.random().toString(36).slice(2, 14)}`,
    trigger: "submit-message",
    messages: [{ id: `q-${Date.now().toString(36)}-${sequence++}`, role: "user", parts: [{ type: "text", text }] }],
  };
  const stream = await startAssistantTurn({ db, log: getLogger(), user, ip: "203.0.113.9" }, input, {
    quota: unlimited,
    model,
  });
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  const start = chunks.find((c) => c.type === "start");
  return { chatId: input.id, messageId: (start as { messageId?: string } | undefined)?.messageId };
}

let owner: SessionUser;
beforeAll(async () => {
  for (const id of await upsertHelpCentre(db)) await ingestDocument({ db, log: getLogger() }, id);
  owner = await createUser({ name: "Owner" });
}, 120_000);

describe("the turn log", () => {
  it("logs a signed-in shopper's refused question with its passages, under the answer's id the client got", async () => {
    const { chatId, messageId } = await ask(owner, "What's the weather in Paris tomorrow?", answering(NO_ANSWER));

    expect(messageId).toMatch(/^\w{8,}$/);
    const turn = await db.assistantTurn.findUniqueOrThrow({ where: { messageId } });
    expect(turn).toMatchObject({
      conversationId: chatId,
      userId: owner.id,
      question: "What's the weather in Paris tomorrow?",
      answer: NO_ANSWER,
      refused: true,
      rating: null,
    });
    const passages = turn.passages as { kind: string; title: string; href: string; chunkId?: string; score: number }[];
    expect(passages).toHaveLength(5);
    for (const p of passages)
      expect(p).toMatchObject({
        kind: "document",
        title: expect.any(String),
        href: expect.stringMatching(/^\/help\//),
        chunkId: expect.any(String),
        score: expect.any(Number),
      });
    // The stored answer is the message the client holds: same id.
    const stored = await callerFor(owner).conversations.byId({ conversationId: chatId });
    expect(stored.messages.map((m) => m.id)).toContain(messageId);
  });

  it("logs an anonymous visitor's answered question from the local model, without a conversation", async () => {
    const { messageId } = await ask(null, "How long does standard delivery take?");
    const turn = await db.assistantTurn.findUniqueOrThrow({ where: { messageId } });
    expect(turn).toMatchObject({ conversationId: null, userId: null, refused: false, modelId: expect.any(String) });
    expect(turn.answer.length).toBeGreaterThan(20);
    expect(JSON.stringify(turn.passages)).toContain("Shipping and Delivery");
  });

  it("logs nothing for a turn stopped before any text", async () => {
    const { messageId } = await ask(owner, "Is anyone there?", answering());
    expect(await db.assistantTurn.count({ where: { messageId } })).toBe(0);
  });
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "allow",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

describe("rating an answer", () => {
  it("lets the owner rate, re-rate and clear; the stored conversation carries the rating", async () => {
    const { chatId, messageId } = await ask(owner, "Can I return shoes?", answering("Yes, within 30 days [1]."));
    const shopper = callerFor(owner).assistant;

    expect(await shopper.rateAnswer({ messageId: messageId!, rating: "down", reason: "  Which shoes?  " })).toEqual({
      messageId,
      rating: "down",
      reason: "Which shoes?",
    });
    const answerOf = async () =>
      (await callerFor(owner).conversations.byId({ conversationId: chatId })).messages.find((m) => m.id === messageId);
    expect(feedbackOf((await answerOf())?.metadata)).toEqual({ rating: "down", reason: "Which shoes?" });
    expect(await db.assistantTurn.findUnique({ where: { messageId } })).toMatchObject({
      rating: "DOWN",
      ratingReason: "Which shoes?",
      ratedAt: expect.any(Date),
    });

    // A new rating replaces the old one, reason and all.
    await shopper.rateAnswer({ messageId: messageId!, rating: "up" });
    expect(feedbackOf((await answerOf())?.metadata)).toEqual({ rating: "up", reason: null });

    await shopper.clearRating({ messageId: messageId! });
    expect(feedbackOf((await answerOf())?.metadata)).toBeNull();
    expect(await db.assistantTurn.findUnique({ where: { messageId } })).toMatchObject({ rating: null, ratedAt: null });
  });

  it("is the owner's alone: another shopper and staff get NOT_FOUND, a visitor UNAUTHORIZED", async () => {
    const { messageId } = await ask(owner, "Do you ship to Canada?", answering("Yes [1]."));
    const input = { messageId: messageId!, rating: "down" as const, reason: "Wrong" };
    const [other, staff] = [await createUser(), await createUser({ role: "STAFF" })];

    expect(await outcome(callerFor(other).assistant.rateAnswer(input))).toBe("NOT_FOUND");
    expect(await outcome(callerFor(staff).assistant.rateAnswer(input))).toBe("NOT_FOUND");
    expect(await outcome(callerFor(staff).assistant.clearRating({ messageId: messageId! }))).toBe("NOT_FOUND");
    expect(await outcome(callerFor(null).assistant.rateAnswer(input))).toBe("UNAUTHORIZED");
    expect(await outcome(callerFor(owner).assistant.rateAnswer({ ...input, messageId: "no-such-answer" }))).toBe(
      "NOT_FOUND",
    );
    expect((await db.assistantTurn.findUnique({ where: { messageId } }))?.rating).toBeNull();
  });

  it("cannot rate an anonymous visitor's answer, whoever asks", async () => {
    const { messageId } = await ask(null, "Do you ship to Mexico?", answering("Yes [1]."));
    expect(await outcome(callerFor(owner).assistant.rateAnswer({ messageId: messageId!, rating: "up" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses a reason over 500 characters as a 400 on `reason`", async () => {
    const { messageId } = await ask(owner, "How do I pay?", answering("By card [1]."));
    const error = await callerFor(owner)
      .assistant.rateAnswer({ messageId: messageId!, rating: "down", reason: "x".repeat(501) })
      .catch((e: unknown) => e);
    const { status, body } = renderError(error);
    expect(status).toBe(400);
    expect(Object.keys(body.data.fieldErrors ?? {})).toEqual(["reason"]);
  });

  it("marks a stored answer no logged turn is behind as not rateable (answers from before the log)", async () => {
    const { chatId, messageId } = await ask(owner, "Can I return socks?", answering("Yes [1]."));
    const answerOf = async () =>
      (await callerFor(owner).conversations.byId({ conversationId: chatId })).messages.find((m) => m.id === messageId);
    expect(isRateable((await answerOf())?.metadata)).toBe(true);
    await db.assistantTurn.delete({ where: { messageId: messageId! } });
    expect(isRateable((await answerOf())?.metadata)).toBe(false);
  });

  it("deletes a conversation's turns with it", async () => {
    const { chatId, messageId } = await ask(owner, "Where is my parcel?", answering("On its way [1]."));
    await callerFor(owner).conversations.delete({ conversationId: chatId });
    expect(await db.assistantTurn.count({ where: { messageId } })).toBe(0);
  });
});
