import { z } from "zod";
import { cursorPageInput, text } from "../inputs";
import { messageIdInput } from "./chat.schemas";

/** A shopper's rating of one answer, named by the answer's message id. */
export const rateAnswerInput = z.strictObject({
  messageId: messageIdInput,
  rating: z.enum(["up", "down"], { error: "Rate the answer up or down." }),
  /** Why it fell short (asked for on thumbs down); empty means none. */
  reason: text({ max: 500 }).optional(),
});
export type RateAnswerInput = z.infer<typeof rateAnswerInput>;

export const answerMessageInput = z.strictObject({ messageId: messageIdInput });

export type AnswerRatingValue = RateAnswerInput["rating"];

/** What an answer's message carries back to the chat (its `metadata`), so a reload shows the rating. */
export interface AnswerFeedback {
  rating: AnswerRatingValue;
  reason: string | null;
}

export const feedbackOf = (metadata: unknown): AnswerFeedback | null => {
  const feedback = (metadata as { feedback?: AnswerFeedback } | null | undefined)?.feedback;
  return feedback?.rating === "up" || feedback?.rating === "down" ? feedback : null;
};

/** False for a stored answer no logged turn is behind; an answer streamed just now is rateable. */
export const isRateable = (metadata: unknown) =>
  (metadata as { rateable?: unknown } | null | undefined)?.rateable !== false;

export const ASSISTANT_REVIEW_FILTERS = ["refused", "rated-down", "all"] as const;
export type AssistantReviewFilter = (typeof ASSISTANT_REVIEW_FILTERS)[number];

/** The staff's list: refused answers, rated-down answers, or both ("all"), newest first. */
export const listAssistantReviewInput = cursorPageInput({ defaultLimit: 20, maxLimit: 25 }).extend({
  filter: z.enum(ASSISTANT_REVIEW_FILTERS).default("all"),
});
export type ListAssistantReviewInput = z.infer<typeof listAssistantReviewInput>;
