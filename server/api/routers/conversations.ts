import { conversationIdInput, listConversationsInput, renameConversationInput } from "../../chat/chat.schemas";
import { deleteConversation, listConversations, renameConversation } from "../../chat/conversations.service";
import { openConversation } from "../../chat/turn-control";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in user's assistant conversations (the chat itself streams from /api/chat). */
export const conversationsRouter = createTRPCRouter({
  list: protectedProcedure
    .meta({
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "GET",
        path: "/conversations",
        tags: ["Assistant"],
        summary: "Your assistant conversations",
        protect: true,
      },
    })
    .input(listConversationsInput)
    .query(({ ctx, input }) => listConversations(ctx, input)),
  byId: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "GET",
        path: "/conversations/{conversationId}",
        tags: ["Assistant"],
        summary: "One conversation with its messages",
        protect: true,
      },
    })
    .input(conversationIdInput)
    .query(({ ctx, input }) => openConversation(ctx, input.conversationId)),
  rename: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "PATCH",
        path: "/conversations/{conversationId}",
        tags: ["Assistant"],
        summary: "Rename a conversation",
        protect: true,
      },
    })
    .input(renameConversationInput)
    .mutation(({ ctx, input }) => renameConversation(ctx, input)),
  delete: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "DELETE",
        path: "/conversations/{conversationId}",
        tags: ["Assistant"],
        summary: "Delete a conversation",
        protect: true,
      },
    })
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => deleteConversation(ctx, input.conversationId)),
});
