import "server-only";
import { retrieve, type RetrievedPassage } from "../ai/retrieval";
import type { Db } from "../db/client";
import { messageText } from "./chat.schemas";

/** Passages a turn's model reads (and the evaluation scores): the top of the fused ranking. */
export const TURN_PASSAGES = 5;

/**
 * The words retrieval searches for in a turn: the question, and for a follow-up that leans on
 * the turn before ("and to Canada?"), the previous question too.
 */
export function retrievalQuery(history: readonly { role: string; parts: readonly unknown[] }[]): string {
  const questions = history.filter((m) => m.role === "user").map((m) => messageText(m).trim());
  return questions.at(-1) ?? "";
}

/** The passages for the turn whose history ends with the question. */
export function retrieveForTurn(
  ctx: { db: Db },
  history: readonly { role: string; parts: readonly unknown[] }[],
): Promise<RetrievedPassage[]> {
  return retrieve(ctx, retrievalQuery(history), { limit: TURN_PASSAGES });
}
