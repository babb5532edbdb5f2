import { answerMessageInput, rateAnswerInput } from "../../chat/assistant-feedback.schemas";
import { clearAnswerRating, rateAnswer } from "../../chat/assistant-turns.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** A shopper's feedback on the assistant's answers in their own conversations. */
export const assistantRouter = createTRPCRouter({
  rateAnswer: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "PUT",
        path: "/assistant/answers/{messageId}/rating",
        tags: ["Assistant"],
        summary: "Rate an answer up or down",
        protect: true,
      },
    })
    .input(rateAnswerInput)
    .mutation(({ ctx, input }) => rateAnswer(ctx, input)),
  clearRating: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "DELETE",
        path: "/assistant/answers/{messageId}/rating",
        tags: ["Assistant"],
        summary: "Clear an answer's rating",
        protect: true,
      },
    })
    .input(answerMessageInput)
    .mutation(({ ctx, input }) => clearAnswerRating(ctx, input.messageId)),
});
