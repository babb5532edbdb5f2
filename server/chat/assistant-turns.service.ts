import "server-only";
import { isRefusal } from "../ai/prompts/refusal";
import type { RetrievedPassage } from "../ai/retrieval";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import { Prisma, type Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { Logger } from "../observability/logger";
import type { UserCtx } from "../users/users.service";
import type { AnswerFeedback, AnswerRatingValue, RateAnswerInput } from "./assistant-feedback.schemas";
import { MAX_QUESTION_CHARS, messageText } from "./chat.schemas";
import type { StoredMessage } from "./conversations.service";

/** The column's bound: an answer is a few sentences; a runaway one is kept in part. */
const MAX_ANSWER_CHARS = 4000;

/** A retrieved passage as the turn log keeps it: enough to link it and see how it ranked. */
export type TurnPassage = Pick<RetrievedPassage, "kind" | "title" | "heading" | "href" | "score"> &
  ({ chunkId: string } | { productId: string });

const turnPassage = (p: RetrievedPassage): TurnPassage => ({
  kind: p.kind,
  title: p.title,
  heading: p.heading,
  href: p.href,
  score: p.score,
  ...(p.kind === "document" ? { chunkId: p.chunkId } : { productId: p.productId }),
});

interface FinishedTurn {
  /** The chat's id: the stored conversation of a signed-in shopper. */
  conversationId: string;
  question: string;
  answer: StoredMessage;
  passages: readonly RetrievedPassage[];
  modelId: string;
}

/**
 * Logs one finished turn for the staff's review (app/admin/assistant): question, answer, whether
 * it was a refusal, and the passages retrieved. Called once the turn is saved, so a signed-in
 * shopper's turn refers to their stored conversation; an anonymous one refers to none. A turn
 * stopped before any text is not logged. Never throws: the log must not fail the answer.
 */
export async function recordAssistantTurn(ctx: { db: Db; log: Logger; user: SessionUser | null }, turn: FinishedTurn) {
  const answer = messageText(turn.answer).trim();
  if (!answer) return;
  try {
    await ctx.db.assistantTurn.create({
      data: {
        messageId: turn.answer.id,
        conversationId: ctx.user ? turn.conversationId : null,
        userId: ctx.user?.id ?? null,
        question: turn.question.slice(0, MAX_QUESTION_CHARS),
        answer: answer.slice(0, MAX_ANSWER_CHARS),
        refused: isRefusal(answer),
        passages: turn.passages.map(turnPassage) as Prisma.InputJsonValue,
        modelId: turn.modelId.slice(0, 100),
      },
    });
  } catch (error) {
    // The conversation was deleted while the answer streamed: its owner wants nothing kept.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")
      ctx.log.info({ messageId: turn.answer.id }, "conversation deleted during the turn; turn not logged");
    else ctx.log.error({ err: error, messageId: turn.answer.id }, "assistant turn not logged");
  }
}

/**
 * The logged turn of answer `messageId`, if it belongs to one of `user`'s conversations;
 * NOT_FOUND for anyone else, staff included (chats are private, as in
 * requireConversationOwner), and for an anonymous visitor's turn.
 */
export async function requireAssistantTurnOwner(db: Db, user: SessionUser, messageId: string) {
  const turn = await db.assistantTurn.findFirst({
    where: { messageId, conversation: { is: ownedBy(user, "owner-only") } },
    select: { id: true },
  });
  if (!turn) throw new NotFoundError("ANSWER_NOT_FOUND", "We could not find this answer among your conversations.");
  return turn;
}

const RATING = { up: "UP", down: "DOWN" } as const satisfies Record<AnswerRatingValue, string>;
const ratingValue = (rating: "UP" | "DOWN"): AnswerRatingValue => (rating === "UP" ? "up" : "down");

/** Rates an answer of the caller's own conversation; a new rating replaces the old one and its reason. */
export async function rateAnswer(ctx: UserCtx, input: RateAnswerInput) {
  const turn = await requireAssistantTurnOwner(ctx.db, ctx.user, input.messageId);
  const reason = input.reason?.trim() || null;
  await ctx.db.assistantTurn.update({
    where: { id: turn.id },
    data: { rating: RATING[input.rating], ratingReason: reason, ratedAt: new Date() },
  });
  ctx.log.info({ messageId: input.messageId, rating: input.rating, withReason: !!reason }, "answer rated");
  return { messageId: input.messageId, rating: input.rating, reason };
}

export async function clearAnswerRating(ctx: UserCtx, messageId: string) {
  const turn = await requireAssistantTurnOwner(ctx.db, ctx.user, messageId);
  await ctx.db.assistantTurn.update({
    where: { id: turn.id },
    data: { rating: null, ratingReason: null, ratedAt: null },
  });
  return { messageId, rating: null, reason: null };
}

/**
 * The conversation's messages with each answer's `metadata`: `rateable` (a logged turn is behind
 * it; answers stored before the log, or whose log failed, cannot be rated) and its rating in
 * `feedback`, so the chat shows it after a reload. Callers have checked the owner.
 */
export async function withAnswerFeedback(
  db: Db,
  messages: StoredMessage[],
): Promise<(StoredMessage & { metadata?: { rateable: boolean; feedback?: AnswerFeedback } })[]> {
  const answerIds = messages.filter((m) => m.role === "assistant").map((m) => m.id);
  const logged = answerIds.length
    ? await db.assistantTurn.findMany({
        where: { messageId: { in: answerIds } },
        select: { messageId: true, rating: true, ratingReason: true },
      })
    : [];
  const byMessage = new Map(logged.map((t) => [t.messageId, t]));
  return messages.map((m) => {
    if (m.role !== "assistant") return m;
    const turn = byMessage.get(m.id);
    if (!turn) return { ...m, metadata: { rateable: false } };
    const feedback = turn.rating ? { rating: ratingValue(turn.rating), reason: turn.ratingReason } : undefined;
    return { ...m, metadata: { rateable: true, ...(feedback && { feedback }) } };
  });
}
