import { answerMessageInput, rateAnswerInput } from "../../chat/assistant-feedback.schemas";
import { clearAnswerRating, rateAnswer } from "../../chat/assistant-turns.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** A shopper's feedback on the assistant's answers in their own conversations. */
export const assistantRouter = createTRPCRouter({
  rateAnswer: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "assistant:chat", rateLimit: "assistant" })
    .input(rateAnswerInput)
    .mutation(({ ctx, input }) => rateAnswer(ctx, input)),
  clearRating: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "assistant:chat", rateLimit: "assistant" })
    .input(answerMessageInput)
    .mutation(({ ctx, input }) => clearAnswerRating(ctx, input.messageId)),
});
