import "server-only";
import type { PromptSource } from "../ai/prompts/sources";
import { retrieveForQuestions, type RetrievedPassage, type Retrieval } from "../ai/retrieval";
import type { Db } from "../db/client";
import { messageText } from "./chat.schemas";

/** Passages a turn's model reads (and the evaluation scores): the top of the fused ranking. */
const TURN_PASSAGES = 5;

/** The shopper's questions in a turn's history, oldest first. */
const questionsIn = (history: readonly { role: string; parts: readonly unknown[] }[]) =>
  history.filter((m) => m.role === "user").map((m) => messageText(m).trim());

/**
 * The passages for the turn whose history ends with the question (a follow-up that leans on
 * the turn before searches with that question too), and the question's weighted terms.
 */
export function retrieveForTurn(
  ctx: { db: Db },
  history: readonly { role: string; parts: readonly unknown[] }[],
): Promise<Retrieval> {
  return retrieveForQuestions(ctx, questionsIn(history), { limit: TURN_PASSAGES });
}

/** "Returns › Refunds", not "Returns › Returns › Refunds": the heading path under the title. */
export const sourceTitle = (p: RetrievedPassage) =>
  p.heading && p.heading !== p.title ? `${p.title} › ${p.heading.replace(`${p.title} › `, "")}` : p.title;

/** The passages as the model's numbered sources (prompts/sources.ts), in retrieval order. */
export const promptSources = (passages: readonly RetrievedPassage[]): PromptSource[] =>
  passages.map((p, i) => ({ n: i + 1, title: sourceTitle(p), text: p.text, kind: p.kind }));
