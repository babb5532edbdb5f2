import "server-only";
import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { EXTRACTIVE_DEFAULTS, extractAnswer } from "../ai/local/extractive-model";
import { assistantInstructions } from "../ai/prompts/assistant";
import { isRefusal } from "../ai/prompts/refusal";
import { requireRole } from "../auth/roles";
import type { Db, Prisma } from "../db/client";
import { afterCursor, cursorPage } from "../db/pagination";
import type { UserCtx } from "../users/users.service";
import type { AnswerRatingValue, AssistantReviewFilter, ListAssistantReviewInput } from "./assistant-feedback.schemas";
import type { TurnPassage } from "./assistant-turns.service";
import { promptSources, retrieveForTurn } from "./turn-retrieval";

/** How much of an answer the list shows: enough to recognise it. */
const SHORT_ANSWER_CHARS = 400;

const WHERE: Record<AssistantReviewFilter, Prisma.AssistantTurnWhereInput> = {
  refused: { refused: true },
  "rated-down": { rating: "DOWN" },
  all: { OR: [{ refused: true }, { rating: "DOWN" }] },
};

const short = (text: string) =>
  text.length > SHORT_ANSWER_CHARS ? `${text.slice(0, SHORT_ANSWER_CHARS - 1).trimEnd()}…` : text;

/**
 * The staff's review list (back office "Assistant"): answers that were refused or rated down,
 * newest first, with the passages retrieved at the time. Each refused one is asked again of the
 * current help content, so staff see which gaps new content has closed ("answered now").
 */
export async function listAssistantReview(ctx: UserCtx, input: ListAssistantReviewInput) {
  requireRole(ctx.user, "STAFF");
  const rows = await ctx.db.assistantTurn.findMany({
    where: WHERE[input.filter],
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: {
      id: true,
      question: true,
      answer: true,
      refused: true,
      rating: true,
      ratingReason: true,
      ratedAt: true,
      passages: true,
      modelId: true,
      createdAt: true,
      userId: true,
    },
  });
  const page = cursorPage(rows, input);
  // Bounded by the page: one retrieval and one local answer per refused turn shown.
  const items = await Promise.all(
    page.items.map(async ({ userId, rating, passages, answer, ...turn }) => ({
      ...turn,
      answer: short(answer),
      signedIn: userId !== null,
      rating: rating ? (rating.toLowerCase() as AnswerRatingValue) : null,
      passages: (passages as TurnPassage[]).map(({ kind, title, heading, href }) => ({ kind, title, heading, href })),
      answeredNow: turn.refused ? await answerNow(ctx, turn.question) : null,
    })),
  );
  return { ...page, items };
}

/**
 * What the local answerer says to `question` from today's content: the same retrieval and the
 * same instructions as a chat turn. Null while it still refuses; otherwise the answer and the
 * passage it quotes first.
 */
export async function answerNow(ctx: { db: Db }, question: string) {
  const { passages, concepts } = await retrieveForTurn(ctx, [
    { role: "user", parts: [{ type: "text", text: question }] },
  ]);
  const sources = promptSources(passages);
  const prompt: LanguageModelV4Prompt = [
    { role: "system", content: assistantInstructions({ sources, signedIn: false }) },
    { role: "user", content: [{ type: "text", text: question }] },
  ];
  const answer = extractAnswer(prompt, EXTRACTIVE_DEFAULTS, concepts);
  if (isRefusal(answer)) return null;
  const cited = Number(/\[(\d{1,2})\]/.exec(answer)?.[1] ?? 0);
  const passage = passages[cited - 1];
  return {
    answer: short(answer),
    passage: passage
      ? { kind: passage.kind, title: passage.title, heading: passage.heading, href: passage.href }
      : null,
  };
}
